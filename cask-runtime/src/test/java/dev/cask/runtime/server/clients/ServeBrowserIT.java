package dev.cask.runtime.server.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.json.CanonicalJson;
import dev.cask.runtime.model.HttpMethod;
import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.toolpack.RequestBinding;
import dev.cask.runtime.model.toolpack.Risk;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.model.toolpack.ToolAnnotations;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import dev.cask.runtime.server.testing.AuditLogs;
import dev.cask.runtime.server.testing.SignedToolpacks;
import dev.cask.runtime.server.testing.ToolFixtures;
import dev.cask.runtime.testapp.MintTestApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --browser}: the official TypeScript SDK client calls the two WebMCP tools of the to-do test app through
 * {@code java -jar cask-runtime.jar serve} (stdio), which runs them in Debian's headless Chromium, through the same
 * pipeline as every tool: the read is allowed, the write needs a person's confirmation (given with the CLI), runs once
 * and cannot be replayed, invalid arguments never reach the page, and every decision is audited. Without
 * {@code --browser} the tools are listed and every call is denied {@code browser_unavailable}, nothing silently gone.
 */
class ServeBrowserIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private MintTestApp app;
  private SignedToolpacks.Signed signed;

  @BeforeEach
  void start() {
    app = MintTestApp.start(Path.of(""));
    signed = SignedToolpacks.write(dir, "todo-tools", List.of(searchTodos(), addTodo()), SignedToolpacks.confirmWrites());
  }

  @AfterEach
  void stop() {
    app.close();
  }

  @Test
  void withBrowserAReadRunsAndAConfirmedWriteRunsOnceInThePage() throws Exception {
    Path cookies = app.writeCookieFile(dir.resolve("session.txt"));
    List<String> serve = new ArrayList<>(SignedToolpacks.serveArgs(signed));
    serve.addAll(List.of("--browser", "--browser-session", cookies.toString()));

    JsonNode summary = runFlow(serve, true);

    assertThat(summary.get("tools")).extracting(JsonNode::asText).containsExactly("add_todo", "search_todos");
    assertThat(summary.at("/readOnly/search_todos").asBoolean()).isTrue();
    assertThat(summary.at("/search/isError").asBoolean()).as(summary.toString()).isFalse();
    assertThat(summary.at("/search/reason").asText()).isEqualTo("ok");
    assertThat(summary.at("/search/text").asText()).isEqualTo("Water the plants");
    assertThat(summary.at("/invalid/reason").asText()).isEqualTo("invalid_arguments");
    assertThat(summary.at("/challenge/reason").asText()).isEqualTo("confirmation_required");
    assertThat(summary.at("/challenge/text").asText()).contains("WEBMCP " + app.origin() + "/tools.html")
        .contains("Buy oat milk");
    assertThat(summary.at("/added/reason").asText()).isEqualTo("ok");
    assertThat(summary.at("/added/text").asText()).matches("Added to-do \\d+: Buy oat milk");
    assertThat(summary.at("/replayed/reason").asText()).isEqualTo("confirmation_replayed");
    // The page really ran the tool once: the app holds the new item once, created by the page's own POST.
    JsonNode todos = app.state().get("todos");
    assertThat(todos.findValuesAsText("title")).containsOnlyOnce("Buy oat milk");
    assertThat(app.state().get("seen").toString()).contains("GET /tools.html").contains("POST /api/todos")
        .as("the browser reaches only the tools' origin: the page's third-party script never loaded")
        .doesNotContain("third-party");

    List<JsonNode> audit = audit();
    // An intent record ("sending") is written before each call that runs in the page, as before any upstream request.
    assertThat(audit).extracting(record -> record.path("reason").asText()).containsExactly(
        "sending", "ok", "invalid_arguments", "confirmation_required", "sending", "ok", "confirmation_replayed");
    assertThat(AuditLogs.verify(signed.auditLog()).intact()).isTrue();
    String auditText = Files.readString(signed.auditLog());
    assertThat(auditText).doesNotContain("Buy oat milk").doesNotContain(app.session());
  }

  @Test
  void withoutBrowserTheToolsAreListedAndUnavailable() throws Exception {
    JsonNode summary = runFlow(SignedToolpacks.serveArgs(signed), false);

    assertThat(summary.get("tools")).extracting(JsonNode::asText).containsExactly("add_todo", "search_todos");
    assertThat(summary.at("/search/isError").asBoolean()).isTrue();
    assertThat(summary.at("/search/reason").asText()).isEqualTo("browser_unavailable");
    assertThat(summary.at("/search/text").asText()).contains("--browser");
    assertThat(app.state().get("seen").toString()).doesNotContain("tools.html");
    assertThat(audit()).extracting(record -> record.path("reason").asText())
        .containsExactly("browser_unavailable", "browser_unavailable");
  }

  private JsonNode runFlow(List<String> serveArgs, boolean browser) throws Exception {
    List<String> serve = Processes.productionJar(serveArgs.toArray(String[]::new));
    ObjectNode config = JSON.createObjectNode().put("transport", "stdio").put("command", serve.get(0)).put("browser", browser);
    config.set("args", JSON.valueToTree(serve.subList(1, serve.size())));
    List<String> confirm = Processes.productionJar("confirm", "--audit-log", signed.auditLog().toString(), "--yes");
    config.putObject("confirm").put("command", confirm.get(0)).set("args", JSON.valueToTree(confirm.subList(1, confirm.size())));
    Processes.Result result = Processes.run(
        List.of(Processes.node().toString(), Processes.script("webmcp-flow.mjs").toString(), JSON.writeValueAsString(config)),
        Map.of(), 180);
    assertThat(result.exitCode()).as("webmcp-flow.mjs stderr:\n%s", result.stderr()).isZero();
    return JSON.readTree(result.stdout().strip().lines().reduce((a, b) -> b).orElseThrow());
  }

  private List<JsonNode> audit() throws Exception {
    List<JsonNode> records = new ArrayList<>();
    for (String line : Files.readAllLines(signed.auditLog())) {
      records.add(JSON.readTree(line));
    }
    return records;
  }

  private ToolDefinition definition(String name, String description, String schema, RiskTier tier, String reason,
      ToolAnnotations annotations) {
    return new ToolDefinition(name, description, HttpMethod.WEBMCP, app.origin(), "/tools.html#" + name,
        ToolFixtures.json(schema), null, new Risk(tier, List.of(reason)), annotations, new RequestBinding(List.of(), null),
        List.of(), false);
  }

  /** As cask:compile compiles the page's search_todos (it declares readOnlyHint). */
  private Tool searchTodos() {
    return tool(definition("search_todos", "Search the to-do list for items whose title contains the given words.",
        "{\"type\":\"object\",\"properties\":{\"query\":{\"type\":\"string\",\"description\":\"Words to look for\"}},"
            + "\"required\":[\"query\"],\"additionalProperties\":false}",
        RiskTier.READ, "WebMCP tool declares readOnlyHint", new ToolAnnotations("Search to-dos", true, false, false, true)));
  }

  /** As cask:compile compiles the page's add_todo (no annotations: a write). */
  private Tool addTodo() {
    return tool(definition("add_todo", "Add an item to the to-do list.",
        "{\"type\":\"object\",\"properties\":{\"title\":{\"type\":\"string\",\"minLength\":1}},\"required\":[\"title\"],"
            + "\"additionalProperties\":false}",
        RiskTier.WRITE, "WebMCP tool does not declare readOnlyHint: it may change state",
        new ToolAnnotations("add_todo", false, false, false, true)));
  }

  private static Tool tool(ToolDefinition definition) {
    return new Tool(CanonicalJson.digest(definition), definition, null);
  }
}
