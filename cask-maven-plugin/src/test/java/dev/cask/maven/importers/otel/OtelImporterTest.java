package dev.cask.maven.importers.otel;

import static dev.cask.maven.importers.traffic.TrafficFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cask.maven.importers.ImportSettings;
import dev.cask.maven.importers.Sniffs;
import dev.cask.maven.importers.traffic.TrafficFixtures;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.model.capture.Capture;
import dev.cask.runtime.model.capture.CapturedOperation;
import dev.cask.runtime.model.capture.Parameter;
import dev.cask.runtime.model.capture.SourceKind;
import dev.cask.runtime.model.capture.SourceRef;
import dev.cask.runtime.model.capture.TemplatingDecision;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OtelImporterTest {
  private final OtelImporter importer = new OtelImporter();

  private static List<String> operations(Capture capture) {
    return capture.operations().stream().map(op -> op.method() + " " + op.baseUrl() + " " + op.path()).toList();
  }

  @Test
  void recognizesOtlpJsonAndJsonLines(@TempDir Path dir) {
    assertThat(recognizes(dir.resolve("traces.json"), "{\"resourceSpans\":[{\"resource\":{}}]}")).isTrue();
    assertThat(recognizes(dir.resolve("traces.otlp.jsonl"), "{\"resourceSpans\":[]}\n{\"resourceSpans\":[]}")).isTrue();
    assertThat(recognizes(dir.resolve("app.har"), "{\"resourceSpans\":[]}")).isFalse();
    assertThat(recognizes(dir.resolve("openapi.json"), "{\"openapi\":\"3.0.0\"}")).isFalse();
  }

  private boolean recognizes(Path file, String content) {
    return importer.recognizes(file, Sniffs.of(file, content));
  }

  @Test
  void recordedClientAndServerSpansCountEachCallOnce() {
    TrafficFixtures.Lines lines = new TrafficFixtures.Lines();
    Capture capture = read(importer, "recorded/shop-stable.otlp.jsonl", ImportSettings.defaults(), lines.log());
    assertThat(capture.sources().get(0).kind()).isEqualTo(SourceKind.OTEL);
    assertThat(operations(capture)).hasSize(9).contains("GET http://127.0.0.1:18080/api/v1 /users/{userId}");
    CapturedOperation user = capture.operations().stream().filter(op -> op.path().equals("/users/{userId}")).findFirst().orElseThrow();
    assertThat(user.evidence().observedCount()).as("4 calls, each a client and a server span").isEqualTo(4);
    assertThat(user.evidence().samples()).extracting(SourceRef::locator).allMatch(locator -> locator.matches("span/[0-9a-f]{32}/[0-9a-f]{16}"));
    assertThat(user.evidence().templating()).containsExactly(new TemplatingDecision(1, "userId", "http-route+integer"));
    assertThat(lines.text()).contains("15 HTTP calls (a client span and its server span count once), 15 API calls")
        .contains("9 operations from 15 API calls");

    Capture legacy = read(importer, "recorded/shop-legacy.otlp.json");
    assertThat(operations(legacy)).isEqualTo(operations(capture));
  }

  @Test
  void everyAttributeEncodingBothConventionsAndRouteFallback() {
    TrafficFixtures.Lines lines = new TrafficFixtures.Lines();
    Capture capture = read(importer, "otel/quirks.otlp.json", ImportSettings.defaults(), lines.log());
    assertThat(operations(capture)).containsExactly(
        "GET https://orders.example.com/api/v3 /orders/{orderId}",
        "POST https://orders.example.com/api/v3 /orders/{orderId}/refunds");
    CapturedOperation get = capture.operations().get(0);
    assertThat(get.evidence().observedCount()).as("client span + its legacy server span = one call; plus one unpaired client span")
        .isEqualTo(2);
    assertThat(get.evidence().templating().get(0).reason()).as("the server's http.route").contains("http-route");
    assertThat(get.parameters()).extracting(Parameter::name).as("token is a credential").containsExactly("orderId", "expand");
    assertThat(get.responses().get(0).contents().get(0).schema().at("/properties/customer/properties/email/format").asText())
        .as("body from the server span").isEqualTo("email");
    CapturedOperation refund = capture.operations().get(1);
    assertThat(refund.evidence().templating()).as("route '/' does not fit: templated from the URL")
        .containsExactly(new TemplatingDecision(1, "orderId", "integer"));
    assertThat(refund.requestBody().contents().get(0).schema().at("/properties/reason/type").toString()).isEqualTo("[\"string\",\"null\"]");
    assertThat(refund.requestBody().contents().get(0).schema().at("/required").toString()).isEqualTo("[\"amount\",\"reason\"]");
    assertThat(lines.text()).contains("DELETE orders.example.com/api/v3/orders/{orderId} {409=1}");
  }

  /**
   * The two AnyValue encodings the recordings never use: {@code bytesValue} (base64; UTF-8 text is read as text, so a
   * body recorded as bytes is parsed, other bytes stay base64) and {@code kvlistValue} (key=value pairs), on span and
   * resource attributes.
   */
  @Test
  void bytesAndKeyValueListAttributes() throws Exception {
    Capture capture = read(importer, "otel/encodings.otlp.json");
    assertThat(operations(capture)).containsExactly("GET https://inventory.example.com/v1 /stock/{stockId}");
    CapturedOperation stock = capture.operations().get(0);
    assertThat(stock.responses().get(0).contents().get(0).schema().at("/properties/warehouse/properties/city/type").asText())
        .as("response body recorded as bytesValue").isEqualTo("string");
    assertThat(stock.responses().get(0).contents().get(0).schema().at("/properties/count/type").asText()).isEqualTo("integer");

    com.fasterxml.jackson.databind.JsonNode span = dev.cask.runtime.json.CaskMappers.json()
        .readTree(TrafficFixtures.fixture("otel/encodings.otlp.json").toFile())
        .at("/resourceSpans/0/scopeSpans/0/spans/0");
    HttpSpan http = SpanReader.read(span, 0);
    assertThat(http.requestHeaders()).contains(
        new dev.cask.maven.importers.traffic.NameValue("accept", "application/json"),
        new dev.cask.maven.importers.traffic.NameValue("x-client", "name=shop-app, build=3"),
        new dev.cask.maven.importers.traffic.NameValue("x-trace-blob", "//4AgQ=="));
  }

  @Test
  void jsonLinesWithBase64Ids() {
    Capture capture = read(importer, "otel/lines.otlp.jsonl");
    assertThat(operations(capture)).containsExactly("GET http://127.0.0.1:9090 /health/live", "GET http://127.0.0.1:9090 /health/ready");
    assertThat(capture.operations().get(0).origin().locator()).isEqualTo("span/0af7651916cd43dd8448eb211c80319c/aaaaaaaaaaaaaaaa");
  }

  @Test
  void badInput() {
    assertThatThrownBy(() -> read(importer, "bad/no-http.otlp.json"))
        .isInstanceOf(CaskException.class).hasMessageContaining("no-http.otlp.json: holds 1 spans but no HTTP span");
    assertThatThrownBy(() -> read(importer, "bad/truncated.otlp.jsonl"))
        .isInstanceOf(CaskException.class)
        .hasMessageMatching("src/main/cask/truncated\\.otlp\\.jsonl at line \\d+, column \\d+ \\(after \\d+ export request\\(s\\), \\d+ spans\\): "
            + "(ends before its JSON is complete|is not valid JSON).*");
    assertThatThrownBy(() -> read(importer, "bad/not-a-har.har"))
        .isInstanceOf(CaskException.class).hasMessageContaining("is not OTLP/JSON trace data: an object has no 'resourceSpans' array");
  }
}
