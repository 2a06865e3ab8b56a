package dev.cask.maven.drift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.maven.compile.CompileSettings;
import dev.cask.maven.compile.CompiledToolpack;
import dev.cask.maven.compile.ToolpackCompiler;
import dev.cask.maven.diff.Change;
import dev.cask.maven.diff.ChangeRule;
import dev.cask.maven.diff.Severity;
import dev.cask.maven.diff.ToolpackDiff;
import dev.cask.maven.diff.ToolpackSnapshot;
import dev.cask.maven.importers.CaptureImporter;
import dev.cask.maven.importers.ImportSettings;
import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.json.CaskMappers;
import dev.cask.runtime.model.capture.Capture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drift on real recordings through the real importers: the shop app's HAR (recorded with headless Chromium) compiled
 * as the approved toolpack, then later captures of the same app.
 */
class DriftTrafficTest {
  private static final Path RECORDED = Path.of("src/test/resources/traffic/recorded");

  static Capture importFile(Path dir, String file) {
    return CaptureImporter.standard().importAll(dir, List.of(Path.of(file)), ImportSettings.defaults(), BuildLog.silent());
  }

  static ToolpackSnapshot approvedFromHar() {
    CompiledToolpack compiled =
        new ToolpackCompiler(CompileSettings.of("shop", "1.0.0"), BuildLog.silent()).compile(importFile(RECORDED, "shop.har"));
    return new ToolpackSnapshot("target/cask", compiled.tools(), compiled.policy(), null, compiled.capture());
  }

  @Test
  void theSameTrafficAgainIsNoDrift() {
    ToolpackDiff diff = DriftAnalyzer.analyze(approvedFromHar(), importFile(RECORDED, "shop.har"), "shop.har", Severity.INFO);
    assertThat(diff.allChanges()).isEmpty();
  }

  @Test
  void aNewEndpointInALaterHarIsAShadowEndpointAndATypeChangeIsSeen(@TempDir Path dir) throws Exception {
    ObjectNode har = (ObjectNode) CaskMappers.json().readTree(RECORDED.resolve("shop.har").toFile());
    ArrayNode entries = (ArrayNode) har.at("/log/entries");
    JsonNode product = null;
    for (JsonNode entry : entries) {
      if (entry.at("/request/url").asText().endsWith("/api/v1/products/blue-widget")) {
        product = entry;
      }
    }
    assertThat(product).isNotNull();
    ObjectNode export = product.deepCopy();
    ((ObjectNode) export.get("request")).put("url", "http://127.0.0.1:18080/api/v1/admin/export?format=csv");
    entries.add(export);
    Files.write(dir.resolve("later.har"), CaskMappers.json().writeValueAsBytes(har));

    ToolpackDiff diff = DriftAnalyzer.analyze(approvedFromHar(), importFile(dir, "later.har"), "later.har", Severity.HIGH);
    assertThat(diff.allChanges()).filteredOn(c -> c.rule() == ChangeRule.SHADOW_ENDPOINT).extracting(Change::subject)
        .containsExactly("GET 127.0.0.1:18080/api/v1/admin/export");
    assertThat(diff.failed()).isTrue();
  }

  @Test
  void anOtlpCaptureOfTheSameAppIsNoDrift() {
    ToolpackDiff diff = DriftAnalyzer.analyze(
        approvedFromHar(), importFile(RECORDED, "shop-stable.otlp.jsonl"), "shop-stable.otlp.jsonl", Severity.INFO);
    assertThat(diff.tools()).as("every approved tool was seen in the spans").isNotEmpty()
        .allSatisfy(tool -> assertThat(tool.status()).isEqualTo(dev.cask.maven.diff.ToolStatus.UNCHANGED));
    assertThat(diff.allChanges()).isEmpty();
  }

  @Test
  void aNewRouteInLaterSpansIsAShadowEndpoint(@TempDir Path dir) throws Exception {
    List<String> lines = Files.readAllLines(RECORDED.resolve("shop-stable.otlp.jsonl"));
    String products = lines.stream().filter(line -> line.contains("/api/v1/products/blue-widget")).findFirst().orElseThrow();
    // The same calls again a day later (new trace and span ids), one of them to an endpoint nobody approved.
    String later = java.util.regex.Pattern.compile("\"(traceId|spanId|parentSpanId)\":\"([0-9a-f])")
        .matcher(products.replace("/api/v1/products/blue-widget", "/api/v1/admin/export"))
        .replaceAll(m -> "\"" + m.group(1) + "\":\"" + (m.group(2).equals("e") ? "f" : "e"));
    assertThat(later).doesNotContain("/api/v1/products/blue-widget").contains("/api/v1/admin/export");
    List<String> all = new java.util.ArrayList<>(lines);
    all.add(later);
    Files.write(dir.resolve("later.otlp.jsonl"), all);

    ToolpackDiff diff = DriftAnalyzer.analyze(approvedFromHar(), importFile(dir, "later.otlp.jsonl"), "later.otlp.jsonl", Severity.HIGH);
    assertThat(diff.allChanges()).extracting(Change::rule).containsExactly(ChangeRule.SHADOW_ENDPOINT);
    assertThat(diff.allChanges()).extracting(Change::subject).containsExactly("GET 127.0.0.1:18080/api/v1/admin/export");
    assertThat(diff.failed()).isTrue();
  }
}
