package dev.cask.maven.compile.toolsets;

import dev.cask.runtime.json.CaskFiles;
import dev.cask.runtime.json.CaskMappers;
import dev.cask.runtime.model.toolpack.Toolsets;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;

/**
 * The project's own toolsets, {@code src/main/cask/toolsets.yaml}: read strictly (unknown fields, duplicate keys, a bad
 * value are errors naming file, field and line), resolved into tool lists by {@link ToolsetCompiler}.
 *
 * @param formatVersion {@value #FORMAT_VERSION}
 * @param toolsets name → definition; names as {@link Toolsets#NAME}, never a default set's name nor {@code tag-…}
 */
public record ProjectToolsets(int formatVersion, SortedMap<String, ProjectToolset> toolsets) {
  public static final int FORMAT_VERSION = 1;
  static final String FIX = "correct src/main/cask/toolsets.yaml (format: site page \"Toolsets\")";

  public ProjectToolsets {
    if (formatVersion != FORMAT_VERSION) {
      throw new IllegalArgumentException("formatVersion must be " + FORMAT_VERSION);
    }
    toolsets = dev.cask.runtime.model.Lists.sortedCopy(toolsets);
    for (Map.Entry<String, ProjectToolset> set : toolsets.entrySet()) {
      String name = set.getKey();
      if (!Toolsets.NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("toolset name '" + name + "' is not 1 to 64 lower-case letters, digits, '.', "
            + "'_' or '-' starting with a letter or digit");
      }
      if (name.equals(Toolsets.READONLY) || name.equals(Toolsets.WRITE) || name.equals(Toolsets.ALL_APPROVED)
          || name.startsWith(Toolsets.TAG_PREFIX)) {
        throw new IllegalArgumentException("toolset name '" + name + "' is taken by the compiled sets (readonly, write, "
            + "all-approved and tag-<tag>): choose another name");
      }
      Objects.requireNonNull(set.getValue(), () -> "toolset '" + name + "' is empty");
    }
  }

  /**
   * The file's text, parsed.
   *
   * @param bytes the file's bytes (kept by the caller for locating later errors)
   * @param displayName the path relative to the project
   */
  public static ProjectToolsets parse(byte[] bytes, String displayName) {
    return CaskFiles.parse(CaskMappers.yaml(), bytes, displayName, ProjectToolsets.class, FIX);
  }
}
