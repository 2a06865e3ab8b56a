package dev.cask.maven.importers.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cask.maven.compile.CompiledToolpack;
import dev.cask.maven.compile.ToolpackWriter;
import dev.cask.maven.importers.ImportRequest;
import dev.cask.maven.importers.ImportSettings;
import dev.cask.maven.importers.Importer;
import dev.cask.maven.importers.har.HarImporter;
import dev.cask.maven.importers.otel.OtelImporter;
import dev.cask.maven.log.BuildLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Same traffic → byte-identical toolpack, whatever the directory, locale (tr_TR) and time zone. */
class DeterminismTest {
  @TempDir Path temp;

  private Map<String, byte[]> compileIn(Path project, String fixture, Locale locale, String zone) throws Exception {
    Locale oldLocale = Locale.getDefault();
    TimeZone oldZone = TimeZone.getDefault();
    try {
      Locale.setDefault(locale);
      TimeZone.setDefault(TimeZone.getTimeZone(zone));
      Path input = project.resolve("src/main/cask").resolve(Path.of(fixture).getFileName());
      Files.createDirectories(input.getParent());
      Files.copy(TrafficFixtures.fixture(fixture), input);
      Importer importer = fixture.endsWith(".har") ? new HarImporter() : new OtelImporter();
      CompiledToolpack toolpack = TrafficFixtures.compile(importer.read(new ImportRequest(
          input, "src/main/cask/" + input.getFileName(), ImportSettings.defaults(), BuildLog.silent())));
      Path output = project.resolve("target/cask");
      ToolpackWriter.writeDirectory(output, toolpack);
      ToolpackWriter.writeZip(project.resolve("target/toolpack.zip"), toolpack);
      Map<String, byte[]> files = new TreeMap<>();
      for (String name : toolpack.files().keySet()) {
        files.put(name, Files.readAllBytes(output.resolve(name)));
      }
      files.put("toolpack.zip", Files.readAllBytes(project.resolve("target/toolpack.zip")));
      return files;
    } finally {
      Locale.setDefault(oldLocale);
      TimeZone.setDefault(oldZone);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"recorded/shop.har", "recorded/shop-stable.otlp.jsonl", "har/chrome.har", "otel/quirks.otlp.json"})
  void sameInputSameBytes(String fixture) throws Exception {
    Map<String, byte[]> first = compileIn(temp.resolve("one"), fixture, Locale.ROOT, "UTC");
    Map<String, byte[]> second = compileIn(temp.resolve("two/deeper/İstanbul"), fixture, Locale.forLanguageTag("tr-TR"), "Pacific/Chatham");
    assertThat(second.keySet()).isEqualTo(first.keySet()).contains("tools.json", "capture.json", "toolpack.yaml", "policy.yaml");
    first.forEach((name, bytes) -> assertThat(second.get(name)).as(name).isEqualTo(bytes));
    assertThat(new String(first.get("capture.json"), java.nio.charset.StandardCharsets.UTF_8)).doesNotContain(temp.toString());
  }
}
