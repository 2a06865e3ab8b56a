package dev.cask.maven.mojo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A goal that runs out of memory fails with a message that says which memory ran out, how much there was and what to
 * do — not with a bare {@code OutOfMemoryError} and its stack trace.
 */
class OutOfMemoryMessageTest {
  private static final long SIX_GB = 6L * 1024 * 1024 * 1024;

  @Test
  void fullHeapNamesTheHeapItsSizeAndALargerOne() {
    String message = OutOfMemoryMessage.of("compile", new OutOfMemoryError("Java heap space"), SIX_GB);
    assertThat(message)
        .startsWith("Cask compile ran out of memory: the Java heap is full (Maven's JVM may use at most 6,144 MB)"
            + " (Java heap space).")
        .contains("each tool carries the schemas it reaches")
        .endsWith("Fix: give Maven's JVM a larger heap, e.g. MAVEN_OPTS=\"-Xmx12g\" or -Xmx12g in .mvn/jvm.config,"
            + " or compile fewer operations per toolpack (-Dcask.operations, or -Dcask.allowHosts).");
    assertThat(OutOfMemoryMessage.of("compile", new OutOfMemoryError("GC overhead limit exceeded"), 512L << 20))
        .contains("at most 512 MB").contains("-Xmx2g");
    assertThat(OutOfMemoryMessage.of("compile", new OutOfMemoryError(), SIX_GB))
        .startsWith("Cask compile ran out of memory: the Java heap is full (Maven's JVM may use at most 6,144 MB).");
  }

  @Test
  void otherMemoriesAreNamedWithTheirOwnFix() {
    assertThat(OutOfMemoryMessage.of("compile", new OutOfMemoryError("Requested array size exceeds VM limit"), SIX_GB))
        .contains("a file it writes would be larger than the largest array Java can hold (2 GB)")
        .contains("Fix: compile fewer operations per toolpack (-Dcask.operations").doesNotContain("-Xmx");
    assertThat(OutOfMemoryMessage.of("compile", new OutOfMemoryError("Required array length 2147483639 + 9 is too large"), SIX_GB))
        .contains("larger than the largest array Java can hold");
    assertThat(OutOfMemoryMessage.of("capture-import", new OutOfMemoryError("Metaspace"), SIX_GB))
        .startsWith("Cask capture-import ran out of memory: the JVM's class metadata space (Metaspace) is full")
        .contains("-XX:MaxMetaspaceSize");
    assertThat(OutOfMemoryMessage.of("compile", new OutOfMemoryError("Direct buffer memory"), SIX_GB))
        .contains("-XX:MaxDirectMemorySize");
    assertThat(OutOfMemoryMessage.of("compile", new OutOfMemoryError("unable to create native thread: possibly out of memory"), SIX_GB))
        .contains("the operating system refused another thread");
  }

  @Test
  void aGoalThatRunsOutOfMemoryFailsTheBuildWithTheMessageNotTheError(@TempDir Path basedir) {
    AbstractCaskMojo starving = new AbstractCaskMojo() {
      @Override
      protected String goal() {
        return "compile";
      }

      @Override
      protected void run(dev.cask.maven.log.BuildLog log) {
        throw new OutOfMemoryError("Java heap space");
      }
    };
    starving.project = new MavenProject();
    starving.project.setFile(basedir.resolve("pom.xml").toFile());
    starving.setLog(new SystemStreamLog());
    Throwable failure = org.assertj.core.api.Assertions.catchThrowable(starving::execute);
    assertThat(failure).isInstanceOf(MojoExecutionException.class).hasNoCause()
        .hasMessage(OutOfMemoryMessage.of("compile", new OutOfMemoryError("Java heap space"), Runtime.getRuntime().maxMemory()));
    assertThat(List.of(failure.getMessage())).allMatch(message -> message.contains("MAVEN_OPTS"));
  }
}
