package dev.cask.maven.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cask.maven.log.BuildLog;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Progress while a toolpack compiles: the compile is held where it reports each tool (the debug line about a dropped
 * credential header) until a progress line counting the compiled tools arrives. Tiny interval, no timing asserts.
 */
class CompileProgressTest {
  @Test
  void aLongCompileLogsHowManyToolsAreDone() {
    List<String> infos = new CopyOnWriteArrayList<>();
    CountDownLatch progressed = new CountDownLatch(1);
    BuildLog log = BuildLog.of(line -> {
      infos.add(line);
      if (line.startsWith("compile demo: compiled 2 of 2 tools")) {
        progressed.countDown();
      }
    }, line -> {}, line -> {
      if (!line.contains("'Authorization'")) {
        return;
      }
      try {
        // The bound only keeps a broken timer from hanging the build.
        assertThat(progressed.await(60, TimeUnit.SECONDS)).as("a progress line while compiling").isTrue();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    });
    var capture = Ops.capture(
        Ops.op("GET", "/things").id("listThings").param("header", "Authorization", false, "{'type':'string'}")
            .response("200", "{'type':'array'}").build(),
        Ops.op("GET", "/things/{id}").id("getThing").param("path", "id", true, "{'type':'integer'}")
            .response("200", "{'type':'object'}").build());

    CompiledToolpack toolpack =
        new ToolpackCompiler(CompileSettings.of("demo", "1.0.0"), log, Duration.ofMillis(1), Duration.ofMillis(1))
            .compile(capture);

    assertThat(toolpack.tools().tools()).hasSize(2);
    assertThat(infos).anySatisfy(line -> assertThat(line).matches("compile demo: compiled 2 of 2 tools, \\d+ s so far"));
  }
}
