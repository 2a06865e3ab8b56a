package dev.cask.runtime.repair;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The commands a repair prints, built in one place so that each runs as printed from the project directory: words are
 * quoted for a POSIX shell, paths inside the project are relative to it, and the gate files are named whenever they
 * are not at their default place. No text an agent chose is ever part of a command (tool names come from the toolpack
 * or the lockfile, proposal ids are checked).
 */
final class Commands {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

  private final RepairSettings settings;

  Commands(RepairSettings settings) {
    this.settings = settings;
  }

  /** A word for a POSIX shell: as it is when it is plain, else in single quotes. */
  static String quote(String word) {
    if (!word.isEmpty() && PLAIN.matcher(word).matches()) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }

  /** A path as the commands name it: relative to the project when inside it. */
  String path(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    Path project = settings.project().toAbsolutePath().normalize();
    return absolute.startsWith(project) ? project.relativize(absolute).toString() : absolute.toString();
  }

  /** {@code mvn <goal> <properties>} with the gate files named when they are not the defaults. */
  String mvn(String goal, String... properties) {
    List<String> words = new ArrayList<>();
    words.add(settings.mvn());
    words.add(goal);
    RepairSettings defaults = RepairSettings.defaults(settings.project());
    if (goal.startsWith("cask:") && !goal.startsWith("cask:propose")) {
      if (!same(settings.toolpack(), defaults.toolpack())) {
        words.add("-Dcask.toolpack=" + path(settings.toolpack()));
      }
      if (!same(settings.lockfile(), defaults.lockfile())) {
        words.add("-Dcask.lockfile=" + path(settings.lockfile()));
      }
      if (!same(settings.signers(), defaults.signers())) {
        words.add("-Dcask.signersFile=" + path(settings.signers()));
      }
    }
    words.addAll(List.of(properties));
    return String.join(" ", words.stream().map(Commands::quote).toList());
  }

  /** {@code java -jar <runtime jar> <args>}, or null when the jar is not known. */
  String runtime(String... args) {
    if (settings.runtimeJar() == null) {
      return null;
    }
    List<String> words = new ArrayList<>(List.of("java", "-jar", settings.runtimeJar().toAbsolutePath().toString()));
    words.addAll(List.of(args));
    return String.join(" ", words.stream().map(Commands::quote).toList());
  }

  /** {@code cp FROM TO}. */
  String copy(Path from, Path to) {
    return "cp " + quote(path(from)) + " " + quote(path(to));
  }

  private static boolean same(Path a, Path b) {
    return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
  }
}
