package dev.cask.maven.importers.har;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cask.maven.importers.ImportRequest;
import dev.cask.maven.importers.ImportSettings;
import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.model.capture.Capture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Progress while a HAR streams in: entry 300 is not an object, and the warning about it waits until a progress line
 * has said how many entries were read, so the line must come while the import runs. Tiny interval, no timing asserts.
 */
class HarProgressTest {
  @TempDir Path dir;

  @Test
  void aLongImportLogsHowManyEntriesItHasReadWhileItRuns() throws Exception {
    StringBuilder har = new StringBuilder("{\"log\": {\"version\": \"1.2\", \"entries\": [");
    for (int i = 0; i < 600; i++) {
      har.append(i == 0 ? "" : ",").append(i == 300 ? "42" : entry(i));
    }
    Path file = Files.writeString(dir.resolve("big.har"), har.append("]}}"));
    List<String> infos = new CopyOnWriteArrayList<>();
    CountDownLatch progressed = new CountDownLatch(1);
    BuildLog log = BuildLog.of(line -> {
      infos.add(line);
      if (line.matches("captures/big\\.har: 256 entries read, \\d+ s so far")) {
        progressed.countDown();
      }
    }, warning -> {
      try {
        // The bound only keeps a broken timer from hanging the build.
        if (!progressed.await(60, TimeUnit.SECONDS)) {
          throw new AssertionError("no progress line while the HAR was being read");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }, infos::add);

    Capture capture = new HarImporter(Duration.ofMillis(1), Duration.ofMillis(1))
        .read(new ImportRequest(file, "captures/big.har", ImportSettings.defaults(), log));

    assertThat(progressed.getCount()).isZero();
    assertThat(capture.operations()).hasSize(1);
    assertThat(capture.operations().get(0).evidence().observedCount()).isEqualTo(599);
  }

  private static String entry(int i) {
    return String.format(Locale.ROOT, "{\"startedDateTime\": \"2026-01-01T00:00:00Z\", \"time\": 1,"
        + " \"request\": {\"method\": \"GET\", \"url\": \"https://api.example.com/v1/items/%d\", \"httpVersion\": \"HTTP/1.1\","
        + " \"headers\": [], \"queryString\": [], \"cookies\": [], \"headersSize\": -1, \"bodySize\": 0},"
        + " \"response\": {\"status\": 200, \"statusText\": \"OK\", \"httpVersion\": \"HTTP/1.1\","
        + " \"headers\": [{\"name\": \"Content-Type\", \"value\": \"application/json\"}], \"cookies\": [],"
        + " \"content\": {\"size\": 9, \"mimeType\": \"application/json\", \"text\": \"{\\\"id\\\":%d}\"},"
        + " \"redirectURL\": \"\", \"headersSize\": -1, \"bodySize\": 9}, \"cache\": {}, \"timings\": {}}", i, i);
  }
}
