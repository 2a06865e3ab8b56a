package dev.cask.runtime.model.toolpack;

import dev.cask.runtime.model.Lists;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.regex.Pattern;

/**
 * The content of {@code toolsets.yaml}: the named subsets of a toolpack's tools that {@code serve --toolset NAME}
 * serves. Compiled (every set lists its tools), pinned by the manifest and approved with the policy in the lockfile.
 *
 * @param formatVersion the file format version ({@value #FORMAT_VERSION})
 * @param toolsets name → set, sorted by name
 */
public record Toolsets(int formatVersion, SortedMap<String, Toolset> toolsets) {
  public static final int FORMAT_VERSION = 1;

  /** The set of read-tier tools. */
  public static final String READONLY = "readonly";
  /** The set of read- and write-tier tools. */
  public static final String WRITE = "write";
  /** Every tool of the toolpack (the runtime serves the approved ones, as always). */
  public static final String ALL_APPROVED = "all-approved";
  /** The prefix of the sets made from the source's tags ({@code tag-<tag>}). */
  public static final String TAG_PREFIX = "tag-";

  /** Toolset names: lower-case letters, digits, {@code .}, {@code _} and {@code -}, starting with a letter or digit. */
  public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  public Toolsets {
    if (formatVersion != FORMAT_VERSION) {
      throw new IllegalArgumentException(
          "unsupported toolsets.yaml format version " + formatVersion + " (this Cask reads version " + FORMAT_VERSION + ")");
    }
    toolsets = Lists.sortedCopy(toolsets);
    for (Map.Entry<String, Toolset> entry : toolsets.entrySet()) {
      if (!NAME.matcher(entry.getKey()).matches()) {
        throw new IllegalArgumentException("toolset name '" + entry.getKey() + "' is not 1 to 64 lower-case letters, "
            + "digits, '.', '_' or '-' starting with a letter or digit");
      }
      if (entry.getValue() == null) {
        throw new IllegalArgumentException("toolset '" + entry.getKey() + "' is empty");
      }
    }
  }

  public static Toolsets of(SortedMap<String, Toolset> toolsets) {
    return new Toolsets(FORMAT_VERSION, toolsets);
  }

  public Optional<Toolset> toolset(String name) {
    return Optional.ofNullable(toolsets.get(name));
  }
}
