package dev.cask.maven.importers.har;

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
import dev.cask.runtime.model.capture.Redaction;
import dev.cask.runtime.model.capture.SourceRef;
import dev.cask.runtime.model.capture.TemplatingDecision;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HarImporterTest {
  private final HarImporter importer = new HarImporter();

  static List<String> operations(Capture capture) {
    return capture.operations().stream().map(op -> op.method() + " " + op.baseUrl() + " " + op.path()).toList();
  }

  static CapturedOperation operation(Capture capture, String method, String path) {
    return capture.operations().stream()
        .filter(op -> op.method().name().equals(method) && op.path().equals(path)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + method + " " + path + " in " + operations(capture)));
  }

  @Test
  void recognizesHarByNameOrTopLevelLogField(@TempDir Path dir) {
    assertThat(recognizes(dir.resolve("app.HAR"), "")).isTrue();
    assertThat(recognizes(dir.resolve("capture.json"), "{\n  \"log\": {\"version\": \"1.2\"")).isTrue();
    assertThat(recognizes(dir.resolve("openapi.json"), "{\"openapi\": \"3.1.0\"}")).isFalse();
    assertThat(recognizes(dir.resolve("traces.json"), "{\"resourceSpans\": []}")).isFalse();
  }

  /** A navigation is judged by what it returned: an API URL opened as a page that answered JSON is an API call. */
  @Test
  void navigationsThatReturnedJsonAreApiCalls(@TempDir Path dir) {
    Path har = dev.cask.maven.importers.GeneratedShapes.jsonNavigationHar(dir, "navigations.har");
    TrafficFixtures.Lines lines = new TrafficFixtures.Lines();

    Capture capture = importer.read(new dev.cask.maven.importers.ImportRequest(
        har, "navigations.har", ImportSettings.defaults(), lines.log()));

    assertThat(operations(capture)).containsExactlyInAnyOrder(
        "GET https://shop.example.com /api/json-typed/orders/{orderId}",
        "GET https://shop.example.com /api/json-sniffed/orders",
        "GET https://shop.example.com /api/json-plain/status",
        "GET https://shop.example.com /api/json-fetch-dest/me");
    assertThat(operation(capture, "GET", "/api/json-typed/orders/{orderId}").responses().get(0).contents().get(0)
        .schema().at("/properties/total/type").asText()).isEqualTo("number");
    assertThat(lines.text()).contains("html-navigation 3").contains("from the page https://shop.example.com");
  }

  private boolean recognizes(Path file, String content) {
    return importer.recognizes(file, Sniffs.of(file, content));
  }

  @Test
  void playwrightRecordingOfTheShopBecomesItsApi() {
    TrafficFixtures.Lines lines = new TrafficFixtures.Lines();
    Capture capture = read(importer, "recorded/shop.har", ImportSettings.defaults(), lines.log());
    String base = "http://127.0.0.1:18080/api/v1";
    assertThat(operations(capture)).containsExactly(
        "DELETE " + base + " /users/{userId}/orders/{orderId}",
        "GET " + base + " /me",
        "GET " + base + " /products/{productId}",
        "GET " + base + " /users",
        "GET " + base + " /users/{userId}",
        "GET " + base + " /users/{userId}/orders/{orderId}",
        "POST " + base + " /feedback",
        "POST " + base + " /login",
        "POST " + base + " /users/{userId}/orders");
    assertThat(capture.sources()).singleElement().satisfies(source -> {
      assertThat(source.path()).isEqualTo("src/main/cask/shop.har");
      assertThat(source.sha256()).hasSize(64);
    });

    CapturedOperation user = operation(capture, "GET", "/users/{userId}");
    assertThat(user.evidence().observedCount()).isEqualTo(4);
    assertThat(user.evidence().statuses()).containsEntry("200", 3).containsEntry("404", 1);
    assertThat(user.evidence().samples()).extracting(SourceRef::locator).containsExactly("entries/7", "entries/8", "entries/9", "entries/11");
    assertThat(user.evidence().firstSeen()).isEqualTo(7);
    assertThat(user.evidence().lastSeen()).isEqualTo(11);
    assertThat(user.evidence().contentTypes()).containsExactly("application/json");
    assertThat(user.evidence().templating()).containsExactly(new TemplatingDecision(1, "userId", "integer"));
    assertThat(user.responses()).extracting(r -> r.status()).containsExactly("200", "404");
    assertThat(user.responses().get(0).contents().get(0).schema().at("/properties/created_at/format").asText()).isEqualTo("date-time");
    assertThat(user.responses().get(0).contents().get(0).schema().at("/properties/manager_id/type").toString())
        .as("null in one sample, integer in another: nullable").isEqualTo("[\"integer\",\"null\"]");
    assertThat(user.security()).singleElement().satisfies(requirement ->
        assertThat(requirement.schemes()).containsOnlyKeys("cookie-session", "header-x-api-key", "http-bearer"));

    CapturedOperation order = operation(capture, "GET", "/users/{userId}/orders/{orderId}");
    assertThat(order.parameters()).extracting(Parameter::name).containsExactly("userId", "orderId");
    assertThat(order.parameters().get(1).schema().get("format").asText()).isEqualTo("uuid");

    CapturedOperation list = operation(capture, "GET", "/users");
    assertThat(list.parameters()).extracting(p -> p.name() + ":" + p.required() + ":" + p.schema().get("type").asText())
        .as("api_key is a credential: a security scheme, never an argument").containsExactly("limit:true:integer", "page:false:integer");
    assertThat(capture.securitySchemes().get("query-api_key").in()).isEqualTo("query");
    assertThat(list.responses().get(0).contents().get(0).schema().at("/properties/items/items/properties/addresses/items/required"))
        .as("arrays of objects").isNotEmpty();

    CapturedOperation login = operation(capture, "POST", "/login");
    assertThat(login.security()).isEmpty();
    assertThat(login.requestBody().contents().get(0).schema().at("/properties/email/format").asText()).isEqualTo("email");
    assertThat(operation(capture, "POST", "/feedback").requestBody().contents().get(0).mediaType())
        .isEqualTo("application/x-www-form-urlencoded");
    assertThat(operation(capture, "GET", "/products/{productId}").evidence().templating())
        .containsExactly(new TemplatingDecision(1, "productId", "varies-across-samples"));

    assertThat(capture.redactions()).extracting(Redaction::location).contains(
        "src/main/cask/shop.har#entries/4/request/body/password",
        "src/main/cask/shop.har#entries/5/request/headers/authorization",
        "src/main/cask/shop.har#entries/5/request/url/query/api_key",
        "src/main/cask/shop.har#entries/12/request/body/payment/card_number",
        "src/main/cask/shop.har#entries/16/request/body/password",
        "src/main/cask/shop.har#entries/16/request/body/email");
    assertThat(lines.text())
        .contains("derived the first-party site '127.0.0.1' from the page http://127.0.0.1:18080")
        .contains("GET 127.0.0.1:18080/api/v1/admin/stats {403=1}")
        .contains("shop.har: 20 entries, 15 API calls; skipped analytics 1, html-navigation 1, static-asset 3")
        .contains("shop.har: 9 operations from 15 API calls; redacted");
  }

  /**
   * Websocket upgrades on http(s) URLs (a wss:// URL is already dropped as not http): each of status 101, an
   * {@code Upgrade: websocket} request header (any case) and DevTools' {@code _resourceType: websocket} alone marks the
   * entry as noise.
   */
  @Test
  void websocketUpgradesOnHttpUrlsAreNoise() {
    TrafficFixtures.Lines lines = new TrafficFixtures.Lines();
    Capture capture = read(importer, "har/websocket.har", ImportSettings.defaults(), lines.log());
    assertThat(operations(capture)).containsExactly("GET https://api.example.com/v1 /items");
    assertThat(lines.text()).contains("websocket.har: 4 entries, 1 API calls; skipped websocket 3");
  }

  @Test
  void chromeDevToolsQuirksAndNoise() {
    TrafficFixtures.Lines lines = new TrafficFixtures.Lines();
    Capture capture = read(importer, "har/chrome.har", ImportSettings.defaults(), lines.log());
    assertThat(operations(capture)).containsExactly(
        "GET https://api.example.com/v2 /items",
        "GET https://api.example.com/v2 /items/{itemId}",
        "GET https://api.example.com/v2 /items/{itemId}/comments/{commentId}",
        "GET https://api.example.com/v2 /old-items",
        "GET https://api.example.com/v2 /reports/daily",
        "GET https://api.example.com/v2 /users/{userId}/profile",
        "POST https://api.example.com/v2 /items",
        "POST https://api.example.com/v2 /session",
        "POST https://api.example.com/v2 /uploads",
        "PUT https://api.example.com/v2 /items/{itemId}");
    assertThat(lines.text()).contains(
        "skipped analytics 1, cors-preflight 1, event-stream 1, html-navigation 1, no-response 1, non-http-url:blob 1, "
            + "non-http-url:chrome-extension 1, non-http-url:data 1, non-http-url:wss 1, static-asset 2",
        "derived the first-party site 'example.com' from the page https://app.example.com",
        "dropped calls to hosts outside the first-party site: cdn.thirdparty.net (1)",
        "chrome.har#entries/17: body declared json holds binary data");

    CapturedOperation items = operation(capture, "GET", "/items");
    assertThat(items.parameters()).extracting(Parameter::name).as("HTTP/2 pseudo headers are not parameters")
        .containsExactly("include", "page", "per_page");
    assertThat(items.parameters().get(0).schema().get("type").asText()).as("repeated query parameter").isEqualTo("array");
    assertThat(items.responses().get(0).contents().get(0).schema().at("/properties/items/items/properties/price/type").asText())
        .as("base64 content decoded").isEqualTo("integer");
    assertThat(operation(capture, "POST", "/items").responses().get(0).contents().get(0).schema().at("/properties/title/type").asText())
        .as("gzip inside base64 decoded").isEqualTo("string");
    assertThat(operation(capture, "GET", "/items/{itemId}").evidence().templating())
        .containsExactly(new TemplatingDecision(1, "itemId", "object-id"));
    assertThat(operation(capture, "GET", "/items/{itemId}/comments/{commentId}").parameters().get(1).schema().get("format").asText())
        .isEqualTo("date");
    assertThat(operation(capture, "GET", "/users/{userId}/profile").evidence().templating())
        .containsExactly(new TemplatingDecision(1, "userId", "email"));
    assertThat(operation(capture, "GET", "/old-items").evidence().statuses()).containsOnlyKeys("301");
    CapturedOperation session = operation(capture, "POST", "/session");
    assertThat(session.requestBody().contents().get(0).schema().at("/properties/password/type").asText())
        .as("postData.params without text").isEqualTo("string");
    assertThat(operation(capture, "POST", "/uploads").requestBody().contents().get(0).schema()).as("binary: no schema").isNull();
    assertThat(capture.securitySchemes()).containsOnlyKeys("cookie-sid", "http-bearer");
  }

  @Test
  void failingOnlyOperationsNeedTheSetting() {
    Capture without = read(importer, "har/chrome.har");
    assertThat(operations(without)).noneMatch(op -> op.contains("/admin/audit"));
    Capture with = read(importer, "har/chrome.har", ImportSettings.defaults().withIncludeFailingOperations(true), dev.cask.maven.log.BuildLog.silent());
    CapturedOperation audit = operation(with, "GET", "/admin/audit");
    assertThat(audit.evidence().statuses()).containsExactly(java.util.Map.entry("500", 1));
    assertThatThrownBy(() -> read(importer, "bad/failing-only.har"))
        .isInstanceOf(CaskException.class)
        .hasMessageContaining("failing-only.har: every API call in it failed")
        .hasMessageContaining("-Dcask.includeFailingOperations=true");
  }

  @Test
  void allowHostsPicksHostsExactlyBySuffixAndPort() {
    Capture third = read(importer, "har/chrome.har", ImportSettings.defaults().withAllowHosts(List.of("cdn.thirdparty.net")),
        dev.cask.maven.log.BuildLog.silent());
    assertThat(operations(third)).containsExactly("GET https://cdn.thirdparty.net/api/v1 /widgets");
    Capture suffix = read(importer, "har/chrome.har", ImportSettings.defaults().withAllowHosts(List.of("*.example.com:443")),
        dev.cask.maven.log.BuildLog.silent());
    assertThat(operations(suffix)).hasSize(10).allMatch(op -> op.contains("https://api.example.com/"));
    assertThatThrownBy(() -> read(importer, "har/chrome.har", ImportSettings.defaults().withAllowHosts(List.of("*.example.com:8443")),
        dev.cask.maven.log.BuildLog.silent()))
        .isInstanceOf(CaskException.class).hasMessageContaining("none to an allowed host");
    assertThatThrownBy(() -> read(importer, "har/chrome.har", ImportSettings.defaults().withAllowHosts(List.of("http://bad/")),
        dev.cask.maven.log.BuildLog.silent()))
        .isInstanceOf(CaskException.class).hasMessageStartingWith("-Dcask.allowHosts: 'http://bad/' is not a host pattern");
  }

  @Test
  void firefoxExport() {
    Capture capture = read(importer, "har/firefox.har");
    assertThat(operations(capture)).containsExactly(
        "GET https://shop.example.org /api/carts/{cartId}",
        "POST https://shop.example.org /api/carts/{cartId}/lines");
    CapturedOperation cart = operation(capture, "GET", "/api/carts/{cartId}");
    assertThat(cart.parameters()).extracting(Parameter::name).containsExactly("cartId", "currency");
    assertThat(cart.parameters().get(1).required()).as("sent once of two calls").isFalse();
    assertThat(cart.security().get(0).schemes()).containsOnlyKeys("header-x-auth-token");
    assertThat(operation(capture, "POST", "/api/carts/{cartId}/lines").requestBody().contents().get(0).schema()
        .at("/properties/qty/type").asText()).isEqualTo("integer");
  }

  @Test
  void chromeHarCapturerWithADateVersionPrefix() {
    Capture capture = read(importer, "har/capturer.har");
    assertThat(operations(capture)).containsExactly("GET http://localhost:8080/rest/2024-01-01 /accounts/{accountId}/transactions");
    CapturedOperation op = capture.operations().get(0);
    assertThat(op.parameters()).extracting(p -> p.name() + ":" + p.schema().path("format").asText(""))
        .containsExactly("accountId:", "from:date", "limit:");
    assertThat(op.security().get(0).schemes()).containsOnlyKeys("http-basic");
  }
}
