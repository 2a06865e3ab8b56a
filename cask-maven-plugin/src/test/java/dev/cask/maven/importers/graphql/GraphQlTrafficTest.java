package dev.cask.maven.importers.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cask.maven.compile.CompileSettings;
import dev.cask.maven.compile.CompiledToolpack;
import dev.cask.maven.compile.ToolpackCompiler;
import dev.cask.maven.importers.CaptureImporter;
import dev.cask.maven.importers.ImportSettings;
import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.json.CaskMappers;
import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.capture.Capture;
import dev.cask.runtime.model.capture.SourceKind;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import graphql.introspection.IntrospectionQuery;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GraphQL traffic recorded from a real GraphQL server (graphql-java on 127.0.0.1) as HAR and as OTLP: one tool per
 * operation with its document fixed, variables as the only arguments (from the SDL, the introspection answer, or the
 * variables observed), risk by operation type and the same whole-word rules as REST, persisted queries and batches
 * understood, subscriptions counted and not tools, a JSON body that is not GraphQL left an ordinary operation.
 */
class GraphQlTrafficTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> GRAPHQL_TOOLS = List.of("add_book", "delete_book", "get_book", "list_books",
      "priced_books", "set_user_role", "update_email");

  @TempDir static Path dir;
  private static GraphQlShop shop;
  private static final List<String> logged = new ArrayList<>();

  @BeforeAll
  static void record() throws Exception {
    shop = GraphQlShop.start();
    GraphQlRecording.record(shop, dir.resolve("captures"));
    Files.writeString(dir.resolve("schema.graphql"), GraphQlShop.SDL);
    HttpResponse<String> introspection = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(shop.url("/graphql"))).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(GraphQlRecording.body(IntrospectionQuery.INTROSPECTION_QUERY,
                "IntrospectionQuery", null))).build(),
        HttpResponse.BodyHandlers.ofString());
    Files.writeString(dir.resolve("introspection.json"), introspection.body());
  }

  @AfterAll
  static void stop() {
    shop.close();
  }

  static CompiledToolpack compile(String... inputs) {
    BuildLog log = BuildLog.of(logged::add, logged::add, line -> {});
    List<Path> paths = java.util.Arrays.stream(inputs).map(Path::of).toList();
    Capture capture = CaptureImporter.standard().importAll(dir, paths, ImportSettings.defaults(), log);
    return new ToolpackCompiler(CompileSettings.of("graphql-shop", "1.0.0"), log).compile(capture);
  }

  static Map<String, ToolDefinition> tools(CompiledToolpack toolpack) {
    Map<String, ToolDefinition> tools = new TreeMap<>();
    toolpack.tools().tools().forEach(tool -> tools.put(tool.name(), tool.definition()));
    return tools;
  }

  /** The anonymous { me { … } } is named by its root field. */
  private static String anonymous(Map<String, ToolDefinition> tools) {
    return "query_me";
  }

  @Test
  void eachOperationIsAToolWithItsDocumentFixed() {
    CompiledToolpack toolpack = compile("captures/graphql.har");
    Map<String, ToolDefinition> tools = tools(toolpack);
    String me = anonymous(tools);
    List<String> expected = new ArrayList<>(GRAPHQL_TOOLS);
    expected.add("create_search");
    expected.add(me);
    assertThat(tools.keySet()).containsExactlyInAnyOrderElementsOf(expected);

    ToolDefinition getBook = tools.get("get_book");
    assertThat(getBook.method().name()).isEqualTo("POST");
    assertThat(getBook.path()).isEqualTo("/graphql#GetBook");
    assertThat(getBook.binding().graphql().operationName()).isEqualTo("GetBook");
    // The operation and the fragment it uses, normalised: no comment, no unused fragment; the compact spelling sent
    // later (and in the batch) is the same document.
    assertThat(getBook.binding().graphql().document()).isEqualTo("""
        query GetBook($id: ID!) {
          book(id: $id) {
            ...BookFields
          }
        }

        fragment BookFields on Book {
          id
          title
          author
        }
        """);
    assertThat(getBook.binding().arguments()).isEmpty();
    assertThat(getBook.binding().body()).isNull();
    assertThat(getBook.inputSchema().toString())
        .isEqualTo("{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"}},\"required\":[\"id\"],"
            + "\"additionalProperties\":false}");
    assertThat(evidenceCalls(toolpack, "get_book")).as("two single requests and one in the batch").isEqualTo(3);
    assertThat(evidenceCalls(toolpack, "list_books")).as("POST, the batch, and GET").isEqualTo(3);
    assertThat(evidenceCalls(toolpack, "priced_books")).as("persisted: hash alone twice, text and hash once").isEqualTo(3);
    assertThat(tools.get(me).path()).matches("/graphql#sha256-[0-9a-f]{16}");
    assertThat(tools.get(me).binding().graphql().operationName()).isNull();

    // Not GraphQL: the search API's body is an ordinary request body.
    ToolDefinition search = tools.get("create_search");
    assertThat(search.binding().graphql()).isNull();
    assertThat(search.path()).isEqualTo("/search");
    assertThat(search.inputSchema().at("/properties/body/properties/query/type").asText()).isEqualTo("string");

    assertThat(logged).anySatisfy(line -> assertThat(line)
        .contains("8 GraphQL operation(s), each its own tool; 1 subscription call(s), not turned into tools"));
    assertThat(toolpack.toolsets().toolset("tag-graphql").orElseThrow().tools()).containsAll(GRAPHQL_TOOLS);
  }

  private static int evidenceCalls(CompiledToolpack toolpack, String name) {
    return toolpack.tools().tools().stream().filter(tool -> tool.name().equals(name)).findFirst().map(Tool::evidence)
        .orElseThrow().observedCount();
  }

  @Test
  void riskByOperationTypeAndTheWholeWordRules() {
    Map<String, ToolDefinition> tools = tools(compile("captures/graphql.har"));
    Map<String, RiskTier> tiers = new TreeMap<>();
    tools.forEach((name, tool) -> tiers.put(name, tool.risk().tier()));
    assertThat(tiers).containsEntry("get_book", RiskTier.READ).containsEntry("list_books", RiskTier.READ)
        .containsEntry("priced_books", RiskTier.READ).containsEntry("add_book", RiskTier.WRITE)
        .containsEntry("delete_book", RiskTier.DESTRUCTIVE).containsEntry("set_user_role", RiskTier.SENSITIVE)
        .containsEntry("update_email", RiskTier.SENSITIVE).containsEntry("create_search", RiskTier.WRITE);
    assertThat(tools.get("get_book").risk().reasons()).containsExactly("GraphQL query is read-only");
    assertThat(tools.get("delete_book").risk().reasons()).contains("GraphQL mutation changes state",
        "destructive word 'delete' in path or operationId");
    assertThat(tools.get("get_book").annotations().readOnlyHint()).isTrue();
    assertThat(tools.get("get_book").annotations().idempotentHint()).isTrue();
    assertThat(tools.get("add_book").annotations().readOnlyHint()).isFalse();
    assertThat(tools.get("delete_book").annotations().destructiveHint()).isTrue();
  }

  @Test
  void variablesAreInferredAndClosedWithoutASchema() {
    ToolDefinition addBook = tools(compile("captures/graphql.har")).get("add_book");
    JsonNode input = addBook.inputSchema().at("/properties/input");
    assertThat(input.at("/properties/title/type").asText()).isEqualTo("string");
    assertThat(input.at("/properties/price/type").asText()).isEqualTo("number");
    assertThat(input.get("additionalProperties").asBoolean(true)).as("closed: no mass assignment").isFalse();
    assertThat(addBook.inputSchema().get("additionalProperties").asBoolean(true)).isFalse();
    assertThat(addBook.inputSchema().path("properties").has("query")).as("no query argument").isFalse();
  }

  @Test
  void otlpGivesTheSameToolsAsHar() {
    Map<String, ToolDefinition> har = tools(compile("captures/graphql.har"));
    Map<String, ToolDefinition> otlp = tools(compile("captures/graphql.otlp.json"));
    assertThat(otlp.keySet()).isEqualTo(har.keySet());
    for (String name : GRAPHQL_TOOLS) {
      assertThat(otlp.get(name)).as(name).isEqualTo(har.get(name));
    }
  }

  @Test
  void theSdlTypesTheVariables() {
    CompiledToolpack toolpack = compile("captures/graphql.har", "schema.graphql");
    Map<String, ToolDefinition> tools = tools(toolpack);
    assertThat(toolpack.capture().sources()).anySatisfy(source -> {
      assertThat(source.kind()).isEqualTo(SourceKind.GRAPHQL);
      assertThat(source.path()).isEqualTo("schema.graphql");
    });
    assertThat(tools.get("get_book").inputSchema().at("/properties/id/type").toString()).isEqualTo("[\"string\",\"integer\"]");
    JsonNode addBook = tools.get("add_book").inputSchema();
    assertThat(addBook.at("/properties/input/$ref").asText()).isEqualTo("#/$defs/NewBook");
    assertThat(addBook.at("/$defs/NewBook/required").toString()).isEqualTo("[\"title\",\"author\"]");
    assertThat(addBook.at("/$defs/NewBook/additionalProperties").asBoolean(true)).isFalse();
    JsonNode listBooks = tools.get("list_books").inputSchema();
    assertThat(listBooks.path("required").isMissingNode()).as("both variables are nullable").isTrue();
    assertThat(listBooks.at("/properties/first/maximum").asLong()).isEqualTo(Integer.MAX_VALUE);
    assertThat(listBooks.at("/$defs/BookFilter/properties/and/items/$ref").asText())
        .as("a recursive input type").isEqualTo("#/$defs/BookFilter");
    assertThat(listBooks.at("/$defs/BookFilter/properties/author/description").asText()).isEqualTo("Exactly this author.");
    assertThat(tools.get("set_user_role").inputSchema().at("/properties/role/enum").toString())
        .isEqualTo("[\"READER\",\"EDITOR\",\"ADMIN\"]");
  }

  @Test
  void theIntrospectionAnswerTypesThemTheSame() {
    Map<String, ToolDefinition> sdl = tools(compile("captures/graphql.har", "schema.graphql"));
    Map<String, ToolDefinition> introspection = tools(compile("captures/graphql.har", "introspection.json"));
    for (String name : GRAPHQL_TOOLS) {
      assertThat(introspection.get(name).inputSchema()).as(name).isEqualTo(sdl.get(name).inputSchema());
    }
  }

  @Test
  void anOperationTheSchemaDoesNotAllowIsLeftOut() throws Exception {
    Files.writeString(dir.resolve("older.graphql"), GraphQlShop.SDL.replace("  deleteBook(id: ID!): Boolean!\n", ""));
    CompiledToolpack toolpack = compile("captures/graphql.har", "older.graphql");
    assertThat(tools(toolpack)).doesNotContainKey("delete_book").containsKey("add_book");
    assertThat(toolpack.manifest().leftOutOperations()).singleElement().satisfies(op -> {
      assertThat(op.operation()).isEqualTo("POST /graphql#DeleteBook");
      assertThat(op.reason()).contains("the GraphQL schema older.graphql does not allow it").contains("deleteBook");
    });
  }

  @Test
  void secretsAndPersonalDataNeverReachTheToolpack() {
    CompiledToolpack toolpack = compile("captures/graphql.har", "schema.graphql");
    String planted = GraphQlRecording.BEARER.substring("Bearer ".length());
    toolpack.files().forEach((file, bytes) -> {
      String text = new String(bytes, StandardCharsets.UTF_8);
      assertThat(text).as(file).doesNotContain(planted).doesNotContain(GraphQlRecording.PLANTED_EMAIL)
          .doesNotContain("ada.lovelace.planted");
    });
    assertThat(toolpack.capture().redactions()).isNotEmpty();
  }

  @Test
  void aBodyThatIsNotGraphQlIsNotTakenForIt() throws Exception {
    assertThat(GraphQlRequests.ofBody(tree("{\"query\":\"red shoes\"}"), null)).isNull();
    assertThat(GraphQlRequests.ofBody(tree("{\"query\":\"{ books { id } }\",\"page\":1}"), null)).as("another member").isNull();
    assertThat(GraphQlRequests.ofBody(tree("{\"query\":\"type Query { a: Int }\"}"), null)).as("a schema").isNull();
    assertThat(GraphQlRequests.ofBody(tree("{\"query\":\"query A { a } query B { b }\"}"), null))
        .as("two operations, none chosen").isNull();
    assertThat(GraphQlRequests.ofBody(tree("{\"query\":\"{ a }\"}"), tree("{\"results\":[]}")))
        .as("an answer that is not GraphQL's").isNull();
    assertThat(GraphQlRequests.ofBody(tree("[{\"query\":\"{ a }\"},{\"q\":\"{ b }\"}]"), null))
        .as("a batch with one element that is not GraphQL").isNull();
    assertThat(GraphQlRequests.ofBody(tree("{\"query\":\"{ a ...F }\"}"), null)).as("an undefined fragment").isNull();
    assertThat(GraphQlRequests.ofBody(tree("{\"query\":\"{ a }\"}"), tree("{\"data\":{\"a\":1}}"))).hasSize(1);
  }

  private static JsonNode tree(String json) throws Exception {
    return CaskMappers.json().readTree(json);
  }
}
