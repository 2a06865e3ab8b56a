package dev.cask.runtime.server.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher beside the jar ({@code target/cask-runtime}, run with {@code sh} as clients run it) and its start-up
 * archive: made once for the JVM and the jar it serves, used from then on, made again for another JVM or jar, and
 * left out where it cannot be written.
 */
class LauncherIT {
  private static final String TRAINED = "cask-runtime: training run done";
  private static final String FROM_ARCHIVE = "dev.cask.runtime.cli.CaskCli source: shared objects file (top)";

  @TempDir Path dir;

  @Test
  void makesTheArchiveOnceForThisJvmAndJarThenStartsFromIt() throws IOException {
    Path launcher = install();
    Path archive = dir.resolve("cask-runtime.jsa");

    Processes.Result first = version(launcher, Map.of());
    assertThat(first.stderr()).contains(TRAINED);
    assertThat(Files.readString(dir.resolve("cask-runtime.jsa.jvm"), StandardCharsets.UTF_8))
        .startsWith("jvm " + javaHome() + " ")
        .endsWith("; jar " + dir.resolve("cask-runtime.jar") + "\n");
    FileTime made = Files.getLastModifiedTime(archive);

    Path classes = dir.resolve("classes.log");
    Processes.Result second = version(launcher, Map.of("JAVA_OPTS", "-Xlog:class+load=info:file=" + classes));
    assertThat(second.stderr()).doesNotContain(TRAINED);
    assertThat(Files.getLastModifiedTime(archive)).isEqualTo(made);
    assertThat(Files.readString(classes)).contains(FROM_ARCHIVE);
  }

  @Test
  void makesTheArchiveAgainWhenItWasMadeForAnotherJvm() throws IOException {
    Path launcher = install();
    version(launcher, Map.of());
    Path stamp = dir.resolve("cask-runtime.jsa.jvm");
    String ours = Files.readString(stamp);
    // what the launcher leaves after a start on another JDK (or before an update of this one in place)
    Files.writeString(stamp, "jvm /opt/another-jdk 123 456; jar " + dir.resolve("cask-runtime.jar") + "\n");

    Processes.Result again = version(launcher, Map.of());
    assertThat(again.stderr()).contains(TRAINED);
    assertThat(Files.readString(stamp)).isEqualTo(ours);

    // A real second JDK, where the machine has one (Temurin's beside Debian's OpenJDK on the build machines): the
    // archive of the first is not valid for it, and the JVM would say so on stderr at every start.
    Optional<Path> other = anotherJdk();
    if (other.isPresent()) {
      Path classes = dir.resolve("classes.log");
      Processes.Result onOther = Processes.run(List.of("sh", launcher.toString(), "--version"),
          Map.of("JAVA_HOME", other.get().toString(), "JAVA_OPTS", "-Xlog:class+load=info:file=" + classes), 180);
      assertThat(onOther.exitCode()).isZero();
      assertThat(onOther.stderr()).contains(TRAINED).doesNotContain("[error").doesNotContain("[cds");
      assertThat(Files.readString(stamp)).startsWith("jvm " + other.get().toRealPath() + " ");
      assertThat(Files.readString(classes)).contains(FROM_ARCHIVE);
    }
  }

  @Test
  void startsWithoutAnArchiveWhereItCannotWriteOne() throws IOException {
    Path launcher = install();
    Path unwritable = dir.resolve("no-such-directory").resolve("cask-runtime.jsa");

    Processes.Result result = version(launcher, Map.of("CASK_RUNTIME_JSA", unwritable.toString()));
    assertThat(result.stderr()).doesNotContain(TRAINED).doesNotContain("[error");
    assertThat(dir.resolve("no-such-directory")).doesNotExist();

    Processes.Result build = Processes.run(List.of("sh", launcher.toString()),
        Map.of("JAVA_HOME", javaHome().toString(), "CASK_RUNTIME_JSA", unwritable.toString(),
            "CASK_RUNTIME_ARCHIVE_ONLY", "1"), 180);
    assertThat(build.exitCode()).isEqualTo(1);
    assertThat(build.stderr()).contains("cask-runtime: could not write the start-up archive " + unwritable);
  }

  /** The launcher and the jar, without the build's archive, in a directory of their own. */
  private Path install() throws IOException {
    Files.copy(Processes.jar(), dir.resolve("cask-runtime.jar"));
    return Files.copy(Processes.target().resolve("cask-runtime"), dir.resolve("cask-runtime"));
  }

  private static Processes.Result version(Path launcher, Map<String, String> env) throws IOException {
    Map<String, String> withJava = new java.util.HashMap<>(env);
    withJava.put("JAVA_HOME", javaHome().toString());
    Processes.Result result = Processes.run(List.of("sh", launcher.toString(), "--version"), withJava, 180);
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout()).startsWith("cask-runtime ");
    return result;
  }

  private static Path javaHome() throws IOException {
    return Path.of(System.getProperty("java.home")).toRealPath();
  }

  /** A JDK under /usr/lib/jvm that is not the one running the tests, if there is one. */
  private static Optional<Path> anotherJdk() throws IOException {
    Path jvms = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(jvms)) {
      return Optional.empty();
    }
    Path ours = javaHome();
    try (Stream<Path> homes = Files.list(jvms)) {
      List<Path> candidates = homes.filter(home -> Files.isExecutable(home.resolve("bin/java"))
          && Files.isRegularFile(home.resolve("release"))).sorted().toList();
      for (Path home : candidates) {
        if (!home.toRealPath().equals(ours)) {
          return Optional.of(home.toRealPath());
        }
      }
    }
    return Optional.empty();
  }
}
