package dev.cask.maven.importers.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cask.maven.importers.ImportRequest;
import dev.cask.maven.importers.ImportSettings;
import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.model.capture.Capture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Progress while a document is read: the import is held inside a step (a remote $ref whose fetch waits for the first
 * progress line), so the line must come while the step runs and must name it. Tiny interval, no timing asserts.
 */
class ImportProgressTest {
  private static final String PET = "{\"Pet\": {\"type\": \"object\", \"properties\": {\"name\": {\"type\": \"string\"}}}}";

  @TempDir Path dir;

  @Test
  void aLongStepLogsProgressNamingTheStepWhileItRuns() {
    List<String> infos = new CopyOnWriteArrayList<>();
    CountDownLatch progressed = new CountDownLatch(1);
    BuildLog log = BuildLog.of(line -> {
      infos.add(line);
      if (line.startsWith("specs/api.yaml: resolving $refs, ")) {
        progressed.countDown();
      }
    }, line -> {}, infos::add);
    RemoteFetcher slowFetch = (url, maxBytes) -> {
      try {
        // The bound only keeps a broken timer from hanging the build.
        if (!progressed.await(60, TimeUnit.SECONDS)) {
          throw new AssertionError("no progress line while the $ref was being fetched");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      return PET.getBytes(StandardCharsets.UTF_8);
    };
    Path file = Fixtures.write(dir.resolve("project/specs"), "api.yaml", Fixtures.minimal30("").replace(
        "responses: {'200': {description: ok}}",
        "responses:\n          '200':\n            description: ok\n            content:\n              application/json:\n"
            + "                schema: {$ref: 'https://schemas.example.com/pet.json#/Pet'}"));
    ImportSettings remoteRefs = new ImportSettings(null, List.of(), true, ImportSettings.DEFAULT_MAX_INPUT_BYTES);

    Capture capture = new OpenApiImporter(slowFetch, Duration.ofMillis(1), Duration.ofMillis(1))
        .read(new ImportRequest(file, "specs/api.yaml", remoteRefs, log));

    assertThat(capture.operations()).hasSize(1);
    assertThat(infos).anySatisfy(line -> assertThat(line).matches("specs/api\\.yaml: resolving \\$refs, \\d+ s so far"));
    assertThat(infos).anySatisfy(line -> assertThat(line).startsWith("parsed specs/api.yaml ("));
  }
}
