package dev.cask.maven.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cask.maven.bench.CompileBenchmark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles GitHub's REST description twice in fresh JVMs — once on the JDK running the build, once on another major JDK
 * (25 on CI machines; {@code CASK_SECOND_JDK} chooses one) under a Turkish locale, another time zone and another output
 * directory — and requires byte-identical toolpack files.
 */
class CrossJdkDeterminismIT {
  private static final Path GITHUB = Path.of(
      System.getProperty("cask.corpus", System.getProperty("user.home") + "/.cache/cask-corpus"), "github/api.github.com.json");
  private static final List<String> FILES = List.of("toolpack.yaml", "tools.json", "policy.yaml", "capture.json", "bench-toolpack.zip");

  @TempDir Path temp;

  @Test
  void anotherJdkLocaleAndTimeZoneGiveTheSameBytes() throws Exception {
    Optional<Path> secondJava = secondJdk();
    Assumptions.assumeTrue(secondJava.isPresent(),
        "no second JDK found under /usr/lib/jvm and CASK_SECOND_JDK is not set: cross-JDK determinism not checked");
    Path current = Path.of(System.getProperty("java.home"), "bin", "java");

    Path a = run(current, temp.resolve("a"), List.of("-Duser.language=en", "-Duser.country=US", "-Duser.timezone=UTC"), "UTC");
    Path b = run(secondJava.get(), temp.resolve("other/dir/b"),
        List.of("-Duser.language=tr", "-Duser.country=TR", "-Duser.timezone=Pacific/Kiritimati"), "Pacific/Kiritimati");

    for (String file : FILES) {
      assertThat(Files.readAllBytes(b.resolve(file))).as(file + " on " + secondJava.get()).isEqualTo(Files.readAllBytes(a.resolve(file)));
    }
  }

  private static Path run(Path java, Path out, List<String> options, String tz) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(java.toString()));
    command.addAll(options);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), CompileBenchmark.class.getName(), GITHUB.toString(), out.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("TZ", tz);
    builder.environment().put("LC_ALL", "tr_TR.UTF-8");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    System.out.println(java + ": " + output.strip());
    return out;
  }

  /** Another JDK whose major version differs from the running one. */
  private static Optional<Path> secondJdk() throws IOException {
    String configured = System.getenv("CASK_SECOND_JDK");
    if (configured != null && !configured.isBlank()) {
      return Optional.of(Path.of(configured, "bin", "java"));
    }
    int running = Runtime.version().feature();
    Path jvms = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(jvms)) {
      return Optional.empty();
    }
    try (Stream<Path> homes = Files.list(jvms)) {
      return homes.sorted()
          .filter(home -> Files.isExecutable(home.resolve("bin/java")) && Files.isRegularFile(home.resolve("release")))
          .filter(home -> major(home) != running && major(home) >= 17)
          .map(home -> home.resolve("bin/java"))
          .findFirst();
    }
  }

  private static int major(Path home) {
    try {
      for (String line : Files.readAllLines(home.resolve("release"))) {
        if (line.startsWith("JAVA_VERSION=")) {
          String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
          return Integer.parseInt(version.split("[.+-]")[0]);
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }
}
