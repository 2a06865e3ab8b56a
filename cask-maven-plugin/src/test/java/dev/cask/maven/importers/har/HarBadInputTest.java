package dev.cask.maven.importers.har;

import static dev.cask.maven.importers.traffic.TrafficFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cask.maven.importers.ImportRequest;
import dev.cask.maven.importers.ImportSettings;
import dev.cask.maven.importers.traffic.TrafficFixtures;
import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.model.capture.Capture;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HarBadInputTest {
  private final HarImporter importer = new HarImporter();

  @Test
  void truncatedFileNamesLineAndLastEntry() {
    assertThatThrownBy(() -> read(importer, "bad/truncated.har"))
        .isInstanceOf(CaskException.class)
        .hasMessageMatching("(?s)src/main/cask/truncated\\.har at line \\d+, column \\d+ \\(after entry \\d+\\): ends before its JSON is complete.*")
        .hasMessageContaining("Fix: export the HAR again");
  }

  @Test
  void missingEntriesOrNotAHar() {
    assertThatThrownBy(() -> read(importer, "bad/no-entries.har"))
        .isInstanceOf(CaskException.class).hasMessageContaining("no-entries.har at log: has no 'entries' array");
    assertThatThrownBy(() -> read(importer, "bad/not-a-har.har"))
        .isInstanceOf(CaskException.class).hasMessageContaining("not-a-har.har: is not a HAR file: it has no 'log' object");
    assertThatThrownBy(() -> read(importer, "bad/trailing.har"))
        .isInstanceOf(CaskException.class).hasMessageContaining("has content after the HAR's closing brace");
    assertThatThrownBy(() -> read(importer, "bad/duplicate-keys.har"))
        .isInstanceOf(CaskException.class).hasMessageContaining("is not valid JSON: Duplicate field");
    assertThatThrownBy(() -> importer.read(new ImportRequest(Path.of("does/not/exist.har"), "exist.har", ImportSettings.defaults(), BuildLog.silent())))
        .isInstanceOf(CaskException.class).hasMessage("exist.har: file not found. Fix: check -Dcask.inputs");
  }

  @Test
  void onlyStaticFilesIsAClearError() {
    assertThatThrownBy(() -> read(importer, "bad/static-only.har"))
        .isInstanceOf(CaskException.class)
        .hasMessageContaining("static-only.har: holds no API calls: all 3 entries are static files")
        .hasMessageContaining("html-navigation 1, static-asset 2");
  }

  @Test
  void binaryBodiesAreWarningsNamingTheEntryNeverContent() {
    TrafficFixtures.Lines lines = new TrafficFixtures.Lines();
    Capture capture = read(importer, "bad/binary-bodies.har", ImportSettings.defaults(), lines.log());
    assertThat(capture.operations()).hasSize(2);
    assertThat(lines.text())
        .contains("binary-bodies.har#entries/0: body declared json holds binary data; its shape is not inferred")
        .contains("binary-bodies.har#entries/1: body declared application/json is not valid JSON at line 1")
        .doesNotContain("PLANTED");
    assertThat(capture.operations().get(1).responses().get(0).contents().get(0).schema()).isNull();
  }
}
