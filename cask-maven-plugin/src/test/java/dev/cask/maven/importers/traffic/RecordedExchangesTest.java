package dev.cask.maven.importers.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cask.maven.compile.CompiledToolpack;
import dev.cask.maven.importers.har.HarImporter;
import dev.cask.runtime.model.capture.Capture;
import dev.cask.runtime.model.capture.CapturedOperation;
import dev.cask.runtime.model.capture.RecordedExchange;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sample calls kept as replayable evidence: the same calls as the evidence's references, in input order, redacted
 * like everything else, in capture.json only (tools.json shows counts and references).
 */
class RecordedExchangesTest {
  static CapturedOperation operation(Capture capture, String method, String path) {
    return capture.operations().stream().filter(op -> op.method().name().equals(method) && op.path().equals(path))
        .findFirst().orElseThrow();
  }

  @Test
  void theSampleCallsAreKeptRedactedBesideTheirReferences() {
    Capture capture = TrafficFixtures.read(new HarImporter(), "recorded/shop.har");
    CapturedOperation users = operation(capture, "GET", "/users/{userId}");
    List<RecordedExchange> calls = users.evidence().recorded();
    assertThat(calls).extracting(RecordedExchange::source).containsExactlyElementsOf(users.evidence().samples());
    assertThat(calls).extracting(call -> call.request().url()).containsExactly(
        "http://127.0.0.1:18080/api/v1/users/17", "http://127.0.0.1:18080/api/v1/users/42",
        "http://127.0.0.1:18080/api/v1/users/9999", "http://127.0.0.1:18080/api/v1/users/17");
    assertThat(calls).extracting(call -> call.response().status()).containsExactly(200, 200, 404, 200);
    assertThat(calls.get(0).response().body().get("id").asInt()).isEqualTo(17);
    assertThat(calls.get(0).response().complete()).isTrue();

    RecordedExchange login = operation(capture, "POST", "/login").evidence().recorded().get(0);
    assertThat(login.request().mediaType()).isEqualTo("application/json");
    assertThat(login.request().body().get("password").asText()).isEqualTo("[REDACTED:sensitive-key]");
    assertThat(login.request().body().get("email").asText()).isEqualTo("[REDACTED:email]");
    assertThat(login.response().body().get("token").asText()).startsWith("[REDACTED:");

    RecordedExchange list = operation(capture, "GET", "/users").evidence().recorded().get(0);
    assertThat(list.request().url()).contains("api_key=%5BREDACTED%3A").doesNotContain("PLANTED");
  }

  @Test
  void freeTextIsNotKeptButIdentifiersEnumsAndCodesAre() throws Exception {
    var body = dev.cask.runtime.json.CaskMappers.json().readTree("""
        {"id":"cus_9sJd82KdlQ02x","status":"placed","currency":"EUR","holder":"Ada Lovelace","city":"London",
         "placed_at":"2024-03-05T09:00:00Z","birthday":"1815-12-10","quantity":2,"tags":["classic","Sci Fi"],
         "address":{"line1":"12 St James's Square","postcode":"SW1Y 4JH"},"userIds":["u_17","Grace_Hopper"]}""");
    assertThat(FreeText.scrub(body, null).toString()).isEqualTo(
        "{\"id\":\"cus_9sJd82KdlQ02x\",\"status\":\"placed\",\"currency\":\"EUR\","
            + "\"holder\":\"[REDACTED:free-text]\",\"city\":\"[REDACTED:free-text]\",\"placed_at\":\"2024-03-05T09:00:00Z\","
            + "\"birthday\":\"[REDACTED:free-text]\",\"quantity\":2,\"tags\":[\"classic\",\"[REDACTED:free-text]\"],"
            + "\"address\":{\"line1\":\"[REDACTED:free-text]\",\"postcode\":\"[REDACTED:free-text]\"},"
            + "\"userIds\":[\"u_17\",\"Grace_Hopper\"]}");
    assertThat(FreeText.scrubQuery("author=Frank%20Herbert&limit=2&sort=newest&q=Ada+Lovelace"))
        .isEqualTo("author=%5BREDACTED%3Afree-text%5D&limit=2&sort=newest&q=%5BREDACTED%3Afree-text%5D");
  }

  @Test
  void toolsJsonShowsTheEvidenceWithoutTheCalls() {
    CompiledToolpack toolpack = TrafficFixtures.compile(TrafficFixtures.read(new HarImporter(), "recorded/shop.har"));
    String tools = new String(toolpack.files().get("tools.json"), StandardCharsets.UTF_8);
    String capture = new String(toolpack.files().get("capture.json"), StandardCharsets.UTF_8);
    assertThat(tools).contains("\"samples\"").doesNotContain("\"exchanges\"");
    assertThat(capture).contains("\"exchanges\"");
  }
}
