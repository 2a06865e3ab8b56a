package dev.cask.maven.importers.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.maven.compile.CompileSettings;
import dev.cask.maven.compile.CompiledToolpack;
import dev.cask.maven.compile.ToolpackCompiler;
import dev.cask.maven.compile.ToolpackWriter;
import dev.cask.maven.importers.ImportSettings;
import dev.cask.maven.importers.Importer;
import dev.cask.maven.importers.har.HarImporter;
import dev.cask.maven.importers.otel.OtelImporter;
import dev.cask.runtime.json.CaskMappers;
import dev.cask.runtime.model.capture.Capture;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every secret and piece of personal data planted in the fixtures (src/test/recording/planted.json: JWTs, bearer
 * tokens, session cookies, API keys in headers and query strings, passwords in JSON and form bodies at depth and in
 * arrays, e-mails, phone numbers, Luhn-valid card numbers, SSNs) is searched for, in several encodings, in every byte
 * the compile writes (directory and zip) and in every log line. None may be found.
 */
class SecretsNowhereTest {
  @TempDir Path out;

  static Set<String> plantedForms() throws Exception {
    JsonNode planted = CaskMappers.json().readTree(Files.readAllBytes(
        Path.of(System.getProperty("basedir", "."), "src/test/recording/planted.json")));
    Set<String> forms = new LinkedHashSet<>();
    Iterator<Map.Entry<String, JsonNode>> fields = planted.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (field.getKey().startsWith("_")) {
        continue;
      }
      String value = field.getValue().asText();
      forms.add(value);
      forms.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
      forms.add(value.replaceAll("[ ()+-]", ""));
      if (value.contains("@")) {
        forms.add(value.substring(0, value.indexOf('@'))); // the local part alone is personal too
      }
    }
    forms.add("Basic " + Base64.getEncoder().encodeToString(("ada:" + planted.get("password").asText()).getBytes(StandardCharsets.UTF_8)));
    forms.add("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"); // every planted JWT's header
    forms.add("PLANTED");
    forms.add("Ada Lovelace");
    forms.add("Grace Hopper");
    forms.add("DE89370400440532013000");
    forms.removeIf(form -> form.length() < 6);
    return forms;
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "recorded/shop.har", "recorded/shop-stable.otlp.jsonl", "recorded/shop-legacy.otlp.json", "har/chrome.har",
      "har/firefox.har", "har/capturer.har", "otel/quirks.otlp.json", "bad/binary-bodies.har"})
  void noPlantedValueReachesTheToolpackOrTheLog(String fixture) throws Exception {
    Importer importer = fixture.endsWith(".har") ? new HarImporter() : new OtelImporter();
    TrafficFixtures.Lines lines = new TrafficFixtures.Lines();
    Capture capture = TrafficFixtures.read(importer, fixture, ImportSettings.defaults().withIncludeFailingOperations(true), lines.log());
    CompiledToolpack toolpack = new ToolpackCompiler(CompileSettings.of("shop", "1.0.0"), lines.log()).compile(capture);
    Path directory = out.resolve("cask");
    ToolpackWriter.writeDirectory(directory, toolpack);
    ToolpackWriter.writeZip(out.resolve("shop-toolpack.zip"), toolpack);

    List<String> texts = new ArrayList<>();
    try (Stream<Path> files = Files.walk(out)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        texts.add(file.getFileName() + "\n" + new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
      }
    }
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(out.resolve("shop-toolpack.zip")))) {
      for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
        texts.add("zip:" + entry.getName() + "\n" + new String(zip.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    texts.add("log\n" + lines.text());
    assertThat(texts).hasSizeGreaterThanOrEqualTo(10);
    assertThat(String.join("", texts)).contains("tools.json", "capture.json", "\"redactions\"");
    List<String> found = new ArrayList<>();
    Set<String> forms = plantedForms();
    assertThat(forms).hasSizeGreaterThan(40);
    String input = Files.readString(TrafficFixtures.fixture(fixture), StandardCharsets.UTF_8);
    assertThat(forms.stream().filter(input::contains).count()).as("the scan finds planted values in the input").isPositive();
    for (String text : texts) {
      for (String planted : forms) {
        if (text.contains(planted)) {
          found.add(planted + " in " + text.lines().findFirst().orElse(""));
        }
      }
    }
    assertThat(found).as("planted values found in the output").isEmpty();
  }
}
