package dev.cask.maven.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.json.CaskMappers;
import dev.cask.runtime.model.HttpMethod;
import dev.cask.runtime.model.ParameterLocation;
import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.capture.RecordedExchange;
import dev.cask.runtime.model.toolpack.ArgumentBinding;
import dev.cask.runtime.model.toolpack.BodyBinding;
import dev.cask.runtime.model.toolpack.RequestBinding;
import dev.cask.runtime.model.toolpack.Risk;
import dev.cask.runtime.model.toolpack.ToolAnnotations;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import dev.cask.runtime.replay.ToolRequests;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The replay rules one by one, each through the runtime's real request builder: what counts as the same request
 * (query order across names, numbers by value, JSON- and form-equal bodies, redacted values as their markers) and
 * what does not (another path, another body encoding).
 */
class ReplayRulesTest {
  static final String BASE = "https://api.example.com/v1";

  /** GET/POST {BASE}/users/{userId}/orders with query tags (array, exploded), limit (integer), and a body. */
  static ToolDefinition tool(HttpMethod method, String mediaType) throws IOException {
    ObjectNode input = (ObjectNode) CaskMappers.json().readTree("""
        {"type":"object","properties":{
          "userId":{"type":"string"},
          "tags":{"type":"array","items":{"type":"string"}},
          "limit":{"type":"integer"},
          "body":{"type":"object","properties":{"quantity":{"type":"integer"},"note":{"type":"string"}}}},
         "required":["userId"],"additionalProperties":false}""");
    List<ArgumentBinding> arguments = List.of(
        new ArgumentBinding("userId", ParameterLocation.PATH, "userId", null, null),
        new ArgumentBinding("tags", ParameterLocation.QUERY, "tags", null, null),
        new ArgumentBinding("limit", ParameterLocation.QUERY, "limit", null, null));
    return new ToolDefinition("orders", "Orders.", method, BASE, "/users/{userId}/orders", input, null,
        new Risk(RiskTier.READ, List.of("test")), new ToolAnnotations("Orders", true, false, true, true),
        new RequestBinding(arguments, mediaType == null ? null : new BodyBinding("body", mediaType)), List.of(), false);
  }

  static String replay(ToolDefinition tool, String url, String mediaType, String body) throws IOException {
    JsonNode tree = body == null ? null : CaskMappers.json().readTree(body);
    RecordedExchange.Request request = new RecordedExchange.Request(tool.method(), url, mediaType, tree, null);
    Urls parsed = Urls.parse(url);
    ToolIndex.Resolution resolution = new ToolIndex(List.of(tool)).resolve(tool.method(), parsed);
    assertThat(resolution.problem()).isNull();
    ObjectNode arguments = ArgumentRecovery.recover(tool, parsed, resolution.pathValues(), request);
    return RequestComparison.firstDifference(request, parsed, ToolRequests.of(tool).build(arguments), Set.of("api_key"));
  }

  @Test
  void queryOrderAcrossNamesDoesNotMatter() throws IOException {
    ToolDefinition tool = tool(HttpMethod.GET, null);
    assertThat(replay(tool, BASE + "/users/u1/orders?limit=5&tags=a&tags=b", null, null)).isNull();
    // The runtime writes bindings in input-schema order (tags before limit): a recorded other order is the same call.
    assertThat(replay(tool, BASE + "/users/u1/orders?tags=a&limit=5&tags=b", null, null)).isNull();
    assertThat(replay(tool, BASE + "/users/u1/orders?tags=b&tags=a&limit=5", null, null)).isNull();
  }

  @Test
  void theOperatorsQueryCredentialIsNotTheToolsBusiness() throws IOException {
    assertThat(replay(tool(HttpMethod.GET, null), BASE + "/users/u1/orders?api_key=%5BREDACTED%3Aapi-key%5D&limit=2",
        null, null)).isNull();
  }

  @Test
  void redactedValuesAreReplayedAsTheMarkersTheyAre() throws IOException {
    assertThat(replay(tool(HttpMethod.GET, null), BASE + "/users/%5BREDACTED%3Aemail%5D/orders?tags=%5BREDACTED%3Aphone%5D",
        null, null)).isNull();
  }

  @Test
  void jsonBodiesCompareAsJsonWithNumbersByValue() throws IOException {
    ToolDefinition tool = tool(HttpMethod.POST, "application/json");
    assertThat(replay(tool, BASE + "/users/u1/orders", "application/json", "{\"quantity\":2.0,\"note\":\"x\"}")).isNull();
    assertThat(replay(tool, BASE + "/users/u1/orders", "application/json", "{\"note\":\"x\",\"quantity\":2}")).isNull();
  }

  @Test
  void formBodiesCompareFieldByField() throws IOException {
    ToolDefinition tool = tool(HttpMethod.POST, "application/x-www-form-urlencoded");
    assertThat(replay(tool, BASE + "/users/u1/orders", "application/x-www-form-urlencoded",
        "{\"quantity\":\"3\",\"note\":\"two words\"}")).isNull();
  }

  @Test
  void aToolThatSendsSomethingElseIsNamedAtTheFirstDifference() throws IOException {
    ToolDefinition recorded = tool(HttpMethod.POST, "application/json");
    // The same call recorded, replayed by a tool whose path template was edited: the path differs.
    ToolDefinition edited = new ToolDefinition(recorded.name(), recorded.description(), recorded.method(), BASE,
        "/users/{userId}/order", recorded.inputSchema(), null, recorded.risk(), recorded.annotations(), recorded.binding(),
        List.of(), false);
    Urls url = Urls.parse(BASE + "/users/u1/orders");
    RecordedExchange.Request request = new RecordedExchange.Request(HttpMethod.POST, BASE + "/users/u1/orders", null, null,
        null);
    assertThat(RequestComparison.firstDifference(request, url,
        ToolRequests.of(edited).build(CaskMappers.json().createObjectNode().put("userId", "u1")), Set.of()))
        .isEqualTo("path segment 4: recorded 'orders', the tool sends 'order'");
  }

  @Test
  void aBodyInAnotherEncodingIsADifference() throws IOException {
    ToolDefinition form = tool(HttpMethod.POST, "application/x-www-form-urlencoded");
    String recordedJson = "{\"quantity\":2}";
    RecordedExchange.Request request = new RecordedExchange.Request(HttpMethod.POST, BASE + "/users/u1/orders",
        "application/json", CaskMappers.json().readTree(recordedJson), null);
    Urls url = Urls.parse(request.url());
    ObjectNode arguments = ArgumentRecovery.recover(form, url,
        new ToolIndex(List.of(form)).resolve(HttpMethod.POST, url).pathValues(), request);
    assertThat(RequestComparison.firstDifference(request, url, ToolRequests.of(form).build(arguments), Set.of()))
        .isEqualTo("body media type: recorded application/json, the tool sends application/x-www-form-urlencoded");
  }
}
