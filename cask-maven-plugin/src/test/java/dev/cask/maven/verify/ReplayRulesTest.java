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
import dev.cask.runtime.model.toolpack.GraphQlBinding;
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
    ToolIndex.Resolution resolution = new ToolIndex(List.of(tool)).resolve(tool.method(), parsed, tree);
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
        new ToolIndex(List.of(form)).resolve(HttpMethod.POST, url, request.body()).pathValues(), request);
    assertThat(RequestComparison.firstDifference(request, url, ToolRequests.of(form).build(arguments), Set.of()))
        .isEqualTo("body media type: recorded application/json, the tool sends application/x-www-form-urlencoded");
  }

  /** POST https://api.example.com/graphql#GetBook: the pinned query GetBook($id: ID!). */
  static ToolDefinition getBook() throws IOException {
    ObjectNode input = (ObjectNode) CaskMappers.json().readTree("""
        {"type":"object","properties":{"id":{"type":"string"}},"required":["id"],"additionalProperties":false}""");
    return new ToolDefinition("get_book", "Runs GetBook.", HttpMethod.POST, "https://api.example.com", "/graphql#GetBook",
        input, null, new Risk(RiskTier.READ, List.of("test")), new ToolAnnotations("GetBook", true, false, true, true),
        new RequestBinding(List.of(), null, new GraphQlBinding("query", "GetBook", GET_BOOK, List.of("id"))), List.of(),
        false);
  }

  static final String GET_BOOK = "query GetBook($id: ID!) {\n  book(id: $id) {\n    title\n  }\n}\n";

  static String replayGraphQl(String body) throws IOException {
    ToolDefinition tool = getBook();
    JsonNode tree = CaskMappers.json().readTree(body);
    RecordedExchange.Request request = new RecordedExchange.Request(HttpMethod.POST, "https://api.example.com/graphql",
        "application/json", tree, null);
    Urls url = Urls.parse(request.url());
    ToolIndex.Resolution resolution = new ToolIndex(List.of(tool)).resolve(HttpMethod.POST, url, tree);
    if (resolution.problem() != null) {
      return resolution.problem();
    }
    ObjectNode arguments = ArgumentRecovery.recover(tool, url, resolution.pathValues(), request);
    try {
      return RequestComparison.firstDifference(request, url, ToolRequests.of(tool).build(arguments), Set.of());
    } catch (IllegalArgumentException refused) {
      return "refused: " + refused.getMessage();
    }
  }

  @Test
  void aGraphQlCallIsReproducedFromItsVariablesWithThePinnedDocument() throws IOException {
    String query = CaskMappers.json().writeValueAsString(GET_BOOK);
    assertThat(replayGraphQl("{\"query\":" + query + ",\"operationName\":\"GetBook\",\"variables\":{\"id\":\"dune\"}}"))
        .isNull();
  }

  @Test
  void aGraphQlCallThatRanAnotherDocumentOrOperationIsNotReproduced() throws IOException {
    String other = CaskMappers.json().writeValueAsString(GET_BOOK.replace("title", "title\n    price"));
    assertThat(replayGraphQl("{\"query\":" + other + ",\"operationName\":\"GetBook\",\"variables\":{\"id\":\"dune\"}}"))
        .startsWith("JSON body: ").startsWith("JSON body: at /query: recorded ");
    String deleting = CaskMappers.json().writeValueAsString("mutation DeleteBook($id: ID!) { deleteBook(id: $id) }");
    assertThat(replayGraphQl("{\"query\":" + deleting + ",\"operationName\":\"DeleteBook\",\"variables\":{\"id\":\"dune\"}}"))
        .startsWith("no approved tool covers POST");
    assertThat(replayGraphQl("{\"variables\":{\"id\":\"dune\"},\"extensions\":{}}")).startsWith("no approved tool covers POST");
  }

  @Test
  void aGraphQlVariableTheOperationDoesNotDeclareIsNotSent() throws IOException {
    String query = CaskMappers.json().writeValueAsString(GET_BOOK);
    assertThat(replayGraphQl("{\"query\":" + query + ",\"operationName\":\"GetBook\",\"variables\":{\"id\":\"dune\",\"admin\":true}}"))
        .isEqualTo("JSON body: at /variables/admin: recorded true, the tool does not send it");
  }
}
