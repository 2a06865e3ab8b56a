package dev.cask.maven.mint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.maven.compile.CompileSettings;
import dev.cask.maven.compile.ToolpackCompiler;
import dev.cask.maven.importers.CaptureImporter;
import dev.cask.maven.importers.ImportSettings;
import dev.cask.maven.importers.RecordingLog;
import dev.cask.runtime.json.CaskMappers;
import dev.cask.runtime.redact.RedactionRules;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The minted HAR is redacted before it is written, by the importer's own normalizer: no recorded secret reaches the
 * file, and importing the minted HAR gives exactly the tools that importing the raw recording gives.
 */
class MintedHarTest {
  private static final String BEARER = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI3In0.c2lnbmF0dXJlLXZhbHVl";
  private static final String SESSION = "9f86d081884c7d659a2feaa0c55ad015";
  private static final String PASSWORD = "Typed-Secret-7f3c9e1a";
  private static final String API_KEY = "k-live-00c0ffee00c0ffee";

  @TempDir Path project;

  private static List<Map.Entry<String, String>> headers(String... pairs) {
    List<Map.Entry<String, String>> list = new java.util.ArrayList<>();
    for (int i = 0; i < pairs.length; i += 2) {
      list.add(Map.entry(pairs[i], pairs[i + 1]));
    }
    return list;
  }

  /** What the browser reported: raw, with a bearer token, a session cookie, a typed password, personal data. */
  private static List<RecordedCall> calls() {
    return List.of(
        new RecordedCall(0, 1_767_225_600_000L, "GET", "https://app.example.com/", headers("Accept", "text/html"), null,
            200, headers("Content-Type", "text/html"), "text/html", null, false, "document"),
        new RecordedCall(1, 1_767_225_601_000L, "POST", "https://app.example.com/api/session",
            headers("Content-Type", "application/json", "Cookie", "theme=dark; sid=" + SESSION), "{\"username\":\"alice\","
                + "\"password\":\"" + PASSWORD + "\",\"note\":\"remember " + PASSWORD + "\"}",
            200, headers("Content-Type", "application/json", "Set-Cookie", "sid=" + SESSION + "; HttpOnly"), "application/json",
            "{\"user\":{\"id\":7,\"email\":\"alice@example.com\"}}", false, "fetch"),
        new RecordedCall(2, 1_767_225_602_000L, "GET", "https://app.example.com/api/orders/42?api_key=" + API_KEY + "&page=2",
            headers("Authorization", "Bearer " + BEARER, "Cookie", "sid=" + SESSION, "Accept", "application/json"), null, 200,
            headers("Content-Type", "application/json"), "application/json",
            "{\"id\":42,\"total\":12.5,\"owner\":{\"email\":\"alice@example.com\",\"phone\":\"+14155550142\"}}", false, "xhr"),
        new RecordedCall(3, 1_767_225_603_000L, "POST", "https://app.example.com/api/orders",
            headers("Content-Type", "application/x-www-form-urlencoded", "Authorization", "Bearer " + BEARER),
            "item=widget&quantity=2&card_number=4111111111111111", 201, headers("Content-Type", "application/json"),
            "application/json", "eyJpZCI6NDN9", true, "fetch"),
        new RecordedCall(4, 1_767_225_604_000L, "GET", "wss://app.example.com/live", List.of(), null, 101, List.of(), null,
            null, false, "websocket"));
  }

  private static RedactionRules rules() {
    return MintRun.withTypedSecrets(RedactionRules.defaults(),
        List.of(new Step.Fill(3, "#password", new Step.Value(PASSWORD, "APP_PASSWORD"))));
  }

  @Test
  void theFileHoldsNoRecordedSecretAndKeepsWhatTheImporterNeeds() throws Exception {
    MintedHar har = new MintedHar(rules(), new RecordingLog());
    String text = new String(har.write(calls(), "src/main/cask/minted/x.har"), StandardCharsets.UTF_8);

    for (String secret : List.of(BEARER, SESSION, PASSWORD, API_KEY, "alice@example.com", "+14155550142", "4111111111111111")) {
      assertThat(text).doesNotContain(secret);
    }
    assertThat(text).doesNotContain("theme=dark").doesNotContain("set-cookie").doesNotContain("<html");
    JsonNode entries = CaskMappers.json().readTree(text).at("/log/entries");
    assertThat(entries).hasSize(4);
    assertThat(har.skipped()).isEqualTo(1);
    JsonNode login = entries.get(1);
    assertThat(login.at("/request/postData/text").asText())
        .isEqualTo("{\"username\":\"alice\",\"password\":\"[REDACTED:sensitive-key]\",\"note\":\"remember [REDACTED:typed-secret]\"}");
    assertThat(login.at("/request/headers").toString()).contains("{\"name\":\"cookie\",\"value\":\"sid=[REDACTED:auth-header]\"}");
    JsonNode order = entries.get(2);
    assertThat(order.at("/request/url").asText())
        .isEqualTo("https://app.example.com/api/orders/42?api_key=%5BREDACTED%3Asensitive-key%5D&page=2");
    assertThat(order.at("/request/headers").toString()).contains("Bearer [REDACTED:auth-header]");
    assertThat(order.at("/response/content/text").asText()).contains("[REDACTED:email]").contains("[REDACTED:phone]");
    assertThat(entries.get(3).at("/request/postData/text").asText())
        .isEqualTo("item=widget&quantity=2&card_number=%5BREDACTED%3Asensitive-key%5D");
    assertThat(entries.get(3).at("/response/content/text").asText()).isEqualTo("{\"id\":43}");
    assertThat(har.redactedValues()).isPositive();
  }

  @Test
  void importingTheMintedHarGivesTheToolsOfTheRawRecording() throws Exception {
    Path minted = project.resolve("minted/app.har");
    Files.createDirectories(minted.getParent());
    Files.write(minted, new MintedHar(rules(), new RecordingLog()).write(calls(), "minted/app.har"));
    Path raw = project.resolve("raw/app.har");
    Files.createDirectories(raw.getParent());
    Files.write(raw, CaskMappers.jsonPretty().writeValueAsBytes(rawHar(calls())));

    List<String> fromMinted = tools(minted);
    assertThat(fromMinted).hasSize(3).anyMatch(tool -> tool.startsWith("get_api_orders "));
    assertThat(fromMinted).isEqualTo(tools(raw));
  }

  /** Each tool's name and digest (its whole definition); evidence differs only in the file it points to. */
  private List<String> tools(Path har) {
    var capture = CaptureImporter.standard().importAll(project, List.of(har), ImportSettings.defaults(), new RecordingLog());
    var toolpack = new ToolpackCompiler(new CompileSettings("app", "1", 1024, null, false), new RecordingLog()).compile(capture);
    return toolpack.tools().tools().stream().map(tool -> tool.name() + " " + tool.digest()).toList();
  }

  /** The same calls as DevTools would export them, unredacted. */
  private static ObjectNode rawHar(List<RecordedCall> calls) {
    JsonNodeFactory json = JsonNodeFactory.instance;
    ArrayNode entries = json.arrayNode();
    for (RecordedCall call : calls) {
      ObjectNode entry = entries.addObject();
      entry.put("startedDateTime", "2026-01-01T00:00:00Z").put("time", 0).put("_resourceType", call.resourceType());
      ObjectNode request = entry.putObject("request").put("method", call.method()).put("url", call.url());
      ArrayNode requestHeaders = request.putArray("headers");
      call.requestHeaders().forEach(h -> requestHeaders.addObject().put("name", h.getKey()).put("value", h.getValue()));
      if (call.postData() != null) {
        String type = call.requestHeaders().stream().filter(h -> h.getKey().equalsIgnoreCase("content-type"))
            .map(Map.Entry::getValue).findFirst().orElse("");
        request.putObject("postData").put("mimeType", type).put("text", call.postData());
      }
      ObjectNode response = entry.putObject("response").put("status", call.status());
      ArrayNode responseHeaders = response.putArray("headers");
      call.responseHeaders().forEach(h -> responseHeaders.addObject().put("name", h.getKey()).put("value", h.getValue()));
      ObjectNode content = response.putObject("content").put("mimeType", call.mimeType() == null ? "" : call.mimeType());
      if (call.body() != null) {
        content.put("text", call.body());
        if (call.bodyBase64()) {
          content.put("encoding", "base64");
        }
      }
    }
    ObjectNode root = json.objectNode();
    root.putObject("log").put("version", "1.2").set("entries", entries);
    return root;
  }
}
