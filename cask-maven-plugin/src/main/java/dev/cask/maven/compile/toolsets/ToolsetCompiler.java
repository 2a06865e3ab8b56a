package dev.cask.maven.compile.toolsets;

import dev.cask.maven.compile.PathGlob;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.json.CaskFiles;
import dev.cask.runtime.json.CaskMappers;
import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.capture.CapturedOperation;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.model.toolpack.Toolset;
import dev.cask.runtime.model.toolpack.Toolsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Compiles {@code toolsets.yaml}: the default sets ({@code readonly}: the read tier; {@code write}: read and write;
 * {@code all-approved}: every tool), one {@code tag-<tag>} set per tag of the source, and the project's own sets, each
 * resolved to the list of its tools. Deterministic: sets and tools sorted by name.
 */
public final class ToolsetCompiler {

  /**
   * The project's toolsets file.
   *
   * @param bytes its bytes
   * @param displayName its path relative to the project
   */
  public record ProjectFile(byte[] bytes, String displayName) {}

  private ToolsetCompiler() {}

  /**
   * @param tools the compiled tools
   * @param operations the capture's operations (their tags)
   * @param project the project's toolsets file, or null
   * @throws CaskException naming the file, the place and line, and the fix, for a project toolset that names a tool or
   *     tag the toolpack does not have, or that selects no tool
   */
  public static Toolsets compile(List<Tool> tools, List<CapturedOperation> operations, ProjectFile project) {
    Map<String, List<String>> tagsByOperation = new TreeMap<>();
    operations.forEach(op -> tagsByOperation.putIfAbsent(op.key().id(), op.tags()));
    List<Candidate> candidates = tools.stream()
        .map(tool -> new Candidate(tool, tagsByOperation.getOrDefault(tool.definition().operation().id(), List.of())))
        .toList();

    SortedMap<String, Toolset> sets = new TreeMap<>();
    sets.put(Toolsets.READONLY, new Toolset("Tools of risk tier read: they read data and change nothing.",
        names(candidates, c -> c.tier() == RiskTier.READ)));
    sets.put(Toolsets.WRITE, new Toolset("Tools of risk tiers read and write: no destructive or sensitive tool.",
        names(candidates, c -> c.tier() == RiskTier.READ || c.tier() == RiskTier.WRITE)));
    sets.put(Toolsets.ALL_APPROVED, new Toolset(
        "Every tool of the toolpack: the server serves the ones the lockfile approves.", names(candidates, c -> true)));
    tagSets(candidates).forEach(sets::put);
    if (project != null) {
      ProjectToolsets defined = ProjectToolsets.parse(project.bytes(), project.displayName());
      defined.toolsets().forEach((name, set) -> sets.put(name, resolve(name, set, candidates, project)));
    }
    return Toolsets.of(sets);
  }

  /** One {@code tag-<slug>} set per distinct slug of the operations' tags (tags that slug alike share a set). */
  private static SortedMap<String, Toolset> tagSets(List<Candidate> candidates) {
    SortedMap<String, Set<String>> tagsBySlug = new TreeMap<>();
    SortedMap<String, Set<String>> toolsBySlug = new TreeMap<>();
    for (Candidate candidate : candidates) {
      for (String tag : candidate.tags()) {
        String slug = slug(tag);
        if (slug.isEmpty()) {
          continue;
        }
        tagsBySlug.computeIfAbsent(slug, k -> new TreeSet<>()).add(tag);
        toolsBySlug.computeIfAbsent(slug, k -> new TreeSet<>()).add(candidate.tool().name());
      }
    }
    SortedMap<String, Toolset> sets = new TreeMap<>();
    toolsBySlug.forEach((slug, names) -> {
      String tags = String.join("', '", tagsBySlug.get(slug));
      String name = Toolsets.TAG_PREFIX + slug;
      if (Toolsets.NAME.matcher(name).matches()) {
        sets.put(name, new Toolset("Tools of the operations the source tags '" + tags + "'.", List.copyOf(names)));
      }
    });
    return sets;
  }

  /** A tag as part of a toolset name: lower case, runs of anything but ASCII letters and digits become one {@code -}. */
  static String slug(String tag) {
    String slug = tag.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    return slug.length() > 60 ? slug.substring(0, 60).replaceAll("-+$", "") : slug;
  }

  private static Toolset resolve(String name, ProjectToolset set, List<Candidate> candidates, ProjectFile file) {
    Set<String> chosen = new LinkedHashSet<>();
    for (int i = 0; i < set.include().size(); i++) {
      chosen.addAll(select(set.include().get(i), candidates, file, "toolsets", name, "include", i));
    }
    for (int i = 0; i < set.exclude().size(); i++) {
      chosen.removeAll(select(set.exclude().get(i), candidates, file, "toolsets", name, "exclude", i));
    }
    if (chosen.isEmpty()) {
      throw new CaskException(file.displayName(), where(file, "toolsets", name), "toolset '" + name
          + "' selects no tool of this toolpack", "check its include and exclude entries against the compiled tools "
          + "(target/cask/tools.json), or remove the toolset");
    }
    String description = set.description() != null ? set.description()
        : "The project's toolset '" + name + "' (" + file.displayName() + ").";
    return new Toolset(description, List.copyOf(new TreeSet<>(chosen)));
  }

  /** The names of the tools an entry matches; an exact tool name or a tag nobody has is an error (a typo). */
  private static Set<String> select(ToolSelector selector, List<Candidate> candidates, ProjectFile file, Object... at) {
    if (selector.isEmpty()) {
      throw new CaskException(file.displayName(), where(file, at), "the entry needs at least one of tools, tags, risk, "
          + "methods, hosts, paths (an entry without any would select every tool)",
          "add a criterion, or serve the toolset all-approved for every tool");
    }
    Set<String> knownTools = new TreeSet<>();
    Set<String> knownTags = new TreeSet<>();
    candidates.forEach(c -> {
      knownTools.add(c.tool().name());
      knownTags.addAll(c.tags());
    });
    for (String tool : selector.tools()) {
      if (!tool.contains("*") && !knownTools.contains(tool)) {
        throw new CaskException(file.displayName(), where(file, append(at, "tools")),
            "names tool '" + tool + "', which this toolpack does not have",
            "use a tool name of target/cask/tools.json (or a pattern such as get_*)");
      }
    }
    for (String tag : selector.tags()) {
      if (!knownTags.contains(tag)) {
        throw new CaskException(file.displayName(), where(file, append(at, "tags")),
            "names tag '" + tag + "', which no operation of this toolpack has (tags: "
                + (knownTags.isEmpty() ? "none" : String.join(", ", knownTags)) + ")",
            "use a tag of the API source");
      }
    }
    List<Pattern> toolPatterns = selector.tools().stream().map(ToolsetCompiler::toolPattern).toList();
    List<Pattern> pathPatterns = selector.paths().stream().map(PathGlob::pattern).toList();
    Set<String> selected = new LinkedHashSet<>();
    for (Candidate c : candidates) {
      if (matches(selector, c, toolPatterns, pathPatterns)) {
        selected.add(c.tool().name());
      }
    }
    return selected;
  }

  private static boolean matches(ToolSelector s, Candidate c, List<Pattern> toolPatterns, List<Pattern> pathPatterns) {
    var definition = c.tool().definition();
    if (!toolPatterns.isEmpty() && toolPatterns.stream().noneMatch(p -> p.matcher(c.tool().name()).matches())) {
      return false;
    }
    if (!s.tags().isEmpty() && s.tags().stream().noneMatch(c.tags()::contains)) {
      return false;
    }
    if (!s.risk().isEmpty() && s.risk().stream().map(RiskTier::parse).noneMatch(tier -> tier == c.tier())) {
      return false;
    }
    if (!s.methods().isEmpty()
        && s.methods().stream().noneMatch(m -> dev.cask.runtime.model.HttpMethod.parse(m) == definition.method())) {
      return false;
    }
    if (!s.hosts().isEmpty() && s.hosts().stream().noneMatch(h -> hostMatches(h, definition.host()))) {
      return false;
    }
    String path = definition.operation().normalizedPath();
    return pathPatterns.isEmpty() || pathPatterns.stream().anyMatch(p -> p.matcher(path).matches());
  }

  /** {@code host} matches the host on any port; {@code host:port} only that port (as the policy's hosts criterion). */
  private static boolean hostMatches(String pattern, String authority) {
    String wanted = pattern.toLowerCase(Locale.ROOT);
    String actual = authority.toLowerCase(Locale.ROOT);
    if (wanted.equals(actual)) {
      return true;
    }
    int colon = actual.lastIndexOf(':');
    String host = colon > 0 && !actual.endsWith("]") ? actual.substring(0, colon) : actual;
    return !wanted.contains(":") && wanted.equals(host);
  }

  static Pattern toolPattern(String glob) {
    List<String> parts = new ArrayList<>();
    for (String part : glob.split("\\*", -1)) {
      parts.add(Pattern.quote(part));
    }
    return Pattern.compile(String.join(".*", parts));
  }

  private static List<String> names(List<Candidate> candidates, java.util.function.Predicate<Candidate> keep) {
    return candidates.stream().filter(keep).map(c -> c.tool().name()).sorted().toList();
  }

  private static String where(ProjectFile file, Object... path) {
    return CaskFiles.location(CaskMappers.yaml(), file.bytes(), path);
  }

  private static Object[] append(Object[] path, Object last) {
    List<Object> all = new ArrayList<>(List.of(path));
    all.add(last);
    return all.toArray();
  }

  private record Candidate(Tool tool, List<String> tags) {
    RiskTier tier() {
      return tool.definition().risk().tier();
    }
  }
}
