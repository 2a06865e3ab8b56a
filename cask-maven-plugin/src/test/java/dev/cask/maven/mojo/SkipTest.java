package dev.cask.maven.mojo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code -Dcask.skip=true} skips the importing, compiling, diff, drift and verify goals before they read or write anything:
 * the goal runs with no project at all, logs that it skipped and leaves the output directory alone. Without the switch
 * the same goal does try to work (and fails here, having no project), so the test can tell the two apart.
 */
class SkipTest {
  @TempDir Path temp;

  static Stream<Arguments> goals() {
    return Stream.of(
        Arguments.of("capture-import", (Supplier<AbstractCaskMojo>) CaptureImportMojo::new),
        Arguments.of("compile", (Supplier<AbstractCaskMojo>) CompileMojo::new),
        Arguments.of("diff", (Supplier<AbstractCaskMojo>) DiffMojo::new),
        Arguments.of("drift", (Supplier<AbstractCaskMojo>) DriftMojo::new),
        Arguments.of("verify", (Supplier<AbstractCaskMojo>) VerifyMojo::new));
  }

  /** A Maven log that keeps the info lines. */
  static final class Lines extends SystemStreamLog {
    final List<String> infos = new ArrayList<>();

    @Override
    public void info(CharSequence content) {
      infos.add(content.toString());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goals")
  void caskSkipDoesNothingButSaySo(String goal, Supplier<AbstractCaskMojo> goals) throws Exception {
    AbstractCaskMojo mojo = goals.get();
    Lines log = new Lines();
    mojo.setLog(log);
    mojo.outputDirectory = temp.resolve("cask").toFile();
    mojo.skip = true;
    mojo.execute();
    assertThat(log.infos).containsExactly("Cask " + goal + " skipped (cask.skip=true)");
    assertThat(Files.exists(temp.resolve("cask"))).isFalse();

    AbstractCaskMojo running = goals.get();
    running.setLog(new Lines());
    running.outputDirectory = temp.resolve("cask").toFile();
    assertThatThrownBy(running::execute).as("without cask.skip the goal works (and needs a project)").isNotNull();
  }
}
