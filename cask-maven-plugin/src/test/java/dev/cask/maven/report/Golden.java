package dev.cask.maven.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under {@code src/test/resources/<dir>/golden}. Run the tests with {@code -Dcask.updateGolden=true} to
 * rewrite them after an intended change, then review the diff of the golden files like any other code change.
 */
public final class Golden {
  private static final Path ROOT = Path.of("src/test/resources");

  private Golden() {}

  public static void assertMatches(String resource, byte[] actual) {
    Path file = ROOT.resolve(resource);
    try {
      if (Boolean.getBoolean("cask.updateGolden")) {
        Files.createDirectories(file.getParent());
        Files.write(file, actual);
      }
      assertThat(file).as("golden file %s (rerun with -Dcask.updateGolden=true after an intended change)", resource).exists();
      String expected = Files.readString(file, StandardCharsets.UTF_8);
      assertThat(new String(actual, StandardCharsets.UTF_8))
          .as("%s differs from the golden file (rerun with -Dcask.updateGolden=true after an intended change)", resource)
          .isEqualTo(expected);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
