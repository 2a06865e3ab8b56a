package dev.cask.maven.incremental;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The up-to-date check of a goal that reads input files and writes output files, like maven-compiler-plugin's: the
 * goal is skipped only when its settings, the plugin's code, the list and bytes of its input files, the bytes of every
 * other file its last run read (documents reached through {@code $ref}) and the bytes of every file it wrote are all
 * exactly as its last successful run recorded them. Anything else — a changed, added or removed input, another
 * setting, another plugin build, an output deleted or edited — runs the goal. Digests are SHA-256 of the bytes;
 * timestamps are not trusted.
 */
public final class UpToDateCheck {
  private static final String SETTING = "setting:";
  private static final String CODE = "code:";
  private static final String INPUT = "input:";
  private static final String READ = "read:";
  /** Stands for "the recorded digest" when a file's stat shows it unchanged (compared by identity). */
  private static final String RECORDED = new String("recorded");

  private final Path stampFile;
  private final Path basedir;
  private final Goal goal;

  /**
   * What the goal depends on and writes.
   *
   * @param settings every parameter that can change what the goal writes (name → value as configured)
   * @param code the plugin's code: artifact id → its jar (or classes directory, hashed file by file)
   * @param inputs the input files, as the inputs expand now (directories walked)
   * @param outputs every file the goal writes
   */
  public record Goal(SortedMap<String, String> settings, SortedMap<String, Path> code, List<Path> inputs, List<Path> outputs) {
    public Goal {
      settings = new TreeMap<>(settings);
      code = new TreeMap<>(code);
      inputs = List.copyOf(inputs);
      outputs = List.copyOf(outputs);
    }
  }

  /**
   * @param stampFile where the record of the last successful run is kept (under the build directory)
   * @param basedir the project directory: reasons name files relative to it
   */
  public UpToDateCheck(Path stampFile, Path basedir, Goal goal) {
    this.stampFile = Objects.requireNonNull(stampFile, "stampFile");
    this.basedir = basedir.toAbsolutePath().normalize();
    this.goal = Objects.requireNonNull(goal, "goal");
  }

  /** Why the goal must run, or null when its outputs are up to date. Cheap checks first; stops at the first reason. */
  public String staleReason() {
    BuildStamp last = BuildStamp.read(stampFile);
    if (last == null) {
      return "no record of an earlier run";
    }
    SortedMap<String, String> settings = prefixed(SETTING, goal.settings());
    if (!settings.equals(only(SETTING, last.inputs()))) {
      return "the settings changed" + firstDifference(settings, only(SETTING, last.inputs()));
    }
    long recordedAt = recordedAt();
    SortedMap<String, String> code = new TreeMap<>();
    goal.code().forEach((id, file) -> {
      String recorded = last.inputs().get(CODE + id);
      code.put(CODE + id, unchanged(file, last.stats(), recordedAt) ? recorded : CodeDigests.of(file));
    });
    if (!code.equals(only(CODE, last.inputs()))) {
      return "the plugin changed" + firstDifference(code, only(CODE, last.inputs()));
    }
    SortedMap<String, String> lastInputs = only(INPUT, last.inputs());
    if (!lastInputs.keySet().equals(keys(INPUT, goal.inputs()))) {
      return "the input files changed (added or removed)";
    }
    if (!last.outputs().keySet().equals(keys("", goal.outputs()))) {
      return "the outputs are not the ones the last run wrote";
    }
    List<Path> reads = only(READ, last.inputs()).keySet().stream().map(read -> Path.of(read.substring(READ.length()))).toList();
    List<Path> files = new ArrayList<>(goal.inputs());
    files.addAll(reads);
    files.addAll(goal.outputs());
    Map<Path, String> digests = digests(files, last.stats(), recordedAt);
    for (Path input : goal.inputs()) {
      if (!matches(digests.get(input), lastInputs.get(INPUT + key(input)))) {
        return display(input) + " changed";
      }
    }
    for (Path read : reads) {
      if (!matches(digests.get(read), last.inputs().get(READ + key(read)))) {
        return display(read) + " changed";
      }
    }
    for (Path output : goal.outputs()) {
      if (!matches(digests.get(output), last.outputs().get(key(output)))) {
        return display(output) + " is missing or not as the last run wrote it";
      }
    }
    return null;
  }

  /**
   * The digest of every file. Like git's index: a file whose size, modification time and file key are those recorded,
   * and whose modification time is older than the record itself, is taken to hold the recorded bytes; any other file is
   * read and hashed (on all cores: GitHub's are 13 MB of input and 26 MB of output). A file changed in the same clock
   * tick as the record was written has a time not older than the record's, so it is hashed too.
   */
  private static Map<Path, String> digests(List<Path> files, SortedMap<String, String> stats, long recordedAtNanos) {
    Map<Path, String> digests = new ConcurrentHashMap<>();
    files.parallelStream().distinct().forEach(file ->
        digests.put(file, unchanged(file, stats, recordedAtNanos) ? RECORDED : FileDigests.of(file)));
    return digests;
  }

  /** Whether the file's stat is the recorded one and older than the record (then its bytes are the recorded ones). */
  private static boolean unchanged(Path file, SortedMap<String, String> stats, long recordedAtNanos) {
    String stat = FileDigests.stat(file);
    if (!stat.equals(stats.get(key(file)))) {
      return false;
    }
    String[] parts = stat.split(" ", 3);
    return parts.length == 3 && Long.parseLong(parts[1]) < recordedAtNanos;
  }

  /** When the record was written (the stamp file's own modification time), or 0 when unknown. */
  private long recordedAt() {
    try {
      return Files.getLastModifiedTime(stampFile).to(TimeUnit.NANOSECONDS);
    } catch (IOException e) {
      return 0;
    }
  }

  /** Forgets the last run: call before running the goal, so that a failed run never leaves a stamp that matches. */
  public void forget() {
    BuildStamp.delete(stampFile);
  }

  /** Records a successful run; {@code reads} are the other files it read besides the inputs. */
  public void record(Collection<Path> reads) {
    SortedMap<String, String> inputs = prefixed(SETTING, goal.settings());
    goal.code().forEach((id, file) -> inputs.put(CODE + id, CodeDigests.of(file)));
    goal.inputs().forEach(input -> inputs.put(INPUT + key(input), FileDigests.of(input)));
    reads.forEach(read -> inputs.putIfAbsent(READ + key(read), FileDigests.of(read)));
    SortedMap<String, String> outputs = new TreeMap<>();
    goal.outputs().forEach(output -> outputs.put(key(output), FileDigests.of(output)));
    SortedMap<String, String> stats = new TreeMap<>();
    goal.inputs().forEach(input -> stats.put(key(input), FileDigests.stat(input)));
    reads.forEach(read -> stats.put(key(read), FileDigests.stat(read)));
    goal.outputs().forEach(output -> stats.put(key(output), FileDigests.stat(output)));
    goal.code().values().stream().filter(Files::isRegularFile).forEach(jar -> stats.put(key(jar), FileDigests.stat(jar)));
    new BuildStamp(inputs, outputs, stats).write(stampFile);
  }

  private static boolean matches(String digest, String recorded) {
    return recorded != null && (digest == RECORDED || digest.equals(recorded));
  }

  private static SortedMap<String, String> prefixed(String prefix, Map<String, String> values) {
    SortedMap<String, String> result = new TreeMap<>();
    values.forEach((name, value) -> result.put(prefix + name, String.valueOf(value)));
    return result;
  }

  private static SortedMap<String, String> only(String prefix, SortedMap<String, String> entries) {
    SortedMap<String, String> result = new TreeMap<>();
    entries.forEach((name, value) -> {
      if (name.startsWith(prefix)) {
        result.put(name, value);
      }
    });
    return result;
  }

  private static Set<String> keys(String prefix, List<Path> files) {
    Set<String> result = new TreeSet<>();
    files.forEach(file -> result.add(prefix + key(file)));
    return result;
  }

  private static String key(Path file) {
    return file.toAbsolutePath().normalize().toString();
  }

  private static String firstDifference(SortedMap<String, String> now, SortedMap<String, String> before) {
    Set<String> names = new TreeSet<>(now.keySet());
    names.addAll(before.keySet());
    for (String name : names) {
      if (!Objects.equals(now.get(name), before.get(name))) {
        return " (" + name.substring(name.indexOf(':') + 1) + ")";
      }
    }
    return "";
  }

  private String display(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    return (absolute.startsWith(basedir) ? basedir.relativize(absolute) : absolute).toString().replace('\\', '/');
  }
}
