package dev.cask.runtime.model.toolpack;

import dev.cask.runtime.model.Lists;
import dev.cask.runtime.model.capture.CaptureSource;
import dev.cask.runtime.model.capture.LeftOutOperation;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;

/**
 * The content of {@code toolpack.yaml}: what the toolpack is, where it came from, and the digest of every file in it.
 *
 * @param formatVersion the file format version ({@value #FORMAT_VERSION})
 * @param name the toolpack name (by default the Maven artifactId)
 * @param version the toolpack version (by default the Maven project version)
 * @param sources the input documents with their SHA-256
 * @param hosts every upstream host the tools call, sorted
 * @param baseUrls every upstream base URL, sorted
 * @param tools number of tools
 * @param riskTiers risk tier → number of tools
 * @param files file name → {@code sha256:<hex>} of its bytes ({@code tools.json}, {@code policy.yaml}, {@code capture.json})
 * @param leftOut operations of the sources that no tool of their own was compiled for, and why (sorted by source and
 *     pointer); null (absent from the file) when every operation was compiled
 */
public record ToolpackManifest(
    int formatVersion,
    String name,
    String version,
    List<CaptureSource> sources,
    List<String> hosts,
    List<String> baseUrls,
    int tools,
    SortedMap<String, Integer> riskTiers,
    SortedMap<String, String> files,
    List<LeftOutOperation> leftOut) {
  public static final int FORMAT_VERSION = 1;

  public ToolpackManifest {
    if (formatVersion != FORMAT_VERSION) {
      throw new IllegalArgumentException(
          "unsupported toolpack.yaml format version " + formatVersion + " (this Cask reads version " + FORMAT_VERSION + ")");
    }
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    sources = Lists.copy(sources);
    hosts = Lists.copy(hosts).stream().sorted().distinct().toList();
    baseUrls = Lists.copy(baseUrls).stream().sorted().distinct().toList();
    riskTiers = Lists.sortedCopy(riskTiers);
    files = Lists.sortedCopy(files);
    leftOut = leftOut == null || leftOut.isEmpty() ? null : leftOut.stream().sorted(LeftOutOperation.ORDER).toList();
  }

  /** A manifest of a toolpack that compiled every operation. */
  public ToolpackManifest(
      int formatVersion,
      String name,
      String version,
      List<CaptureSource> sources,
      List<String> hosts,
      List<String> baseUrls,
      int tools,
      SortedMap<String, Integer> riskTiers,
      SortedMap<String, String> files) {
    this(formatVersion, name, version, sources, hosts, baseUrls, tools, riskTiers, files, null);
  }

  /** The left-out operations, empty when there are none. */
  public List<LeftOutOperation> leftOutOperations() {
    return leftOut == null ? List.of() : leftOut;
  }
}
