package dev.cask.runtime.server.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.maven.compile.CompileSettings;
import dev.cask.maven.compile.CompiledToolpack;
import dev.cask.maven.compile.ToolpackCompiler;
import dev.cask.maven.importers.CaptureImporter;
import dev.cask.maven.importers.ImportSettings;
import dev.cask.maven.importers.graphql.GraphQlRecording;
import dev.cask.maven.importers.graphql.GraphQlShop;
import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.model.toolpack.GraphQlBinding;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A GraphQL toolpack compiled from traffic recorded against a real GraphQL server (with its SDL), approved and served
 * by {@code java -jar cask-runtime.jar serve}: a mutation goes through confirmation ({@code cask-runtime confirm}) and
 * the server then receives exactly the pinned document with the validated variables, byte for byte; a query text
 * passed as an argument is an undeclared argument and nothing is sent.
 */
class ServeGraphQlIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  static {
    System.setProperty("cask.jar", System.getProperty("cask.jar", "../cask-runtime/target/cask-runtime.jar"));
  }

  @TempDir static Path dir;
  private static GraphQlShop shop;
  private static List<String> serve;
  private static Path auditLog;
  private static Map<String, GraphQlBinding> bindings;

  @BeforeAll
  static void recordCompileApprove() throws Exception {
    assertThat(Processes.jar()).as("the runtime jar (build cask-runtime first)").isRegularFile();
    shop = GraphQlShop.start();
    Path project = dir.resolve("shop");
    GraphQlRecording.record(shop, project.resolve("src/main/cask"));
    Files.writeString(project.resolve("src/main/cask/schema.graphql"), GraphQlShop.SDL);
    CompiledToolpack compiled = new ToolpackCompiler(CompileSettings.of("graphql-shop", "1.0.0"), BuildLog.silent())
        .compile(CaptureImporter.standard().importAll(project, List.of(Path.of("src/main/cask/graphql.har"),
            Path.of("src/main/cask/schema.graphql")), ImportSettings.defaults(), BuildLog.silent()));
    bindings = new java.util.TreeMap<>();
    compiled.tools().tools().stream().filter(t -> t.definition().binding().graphql() != null)
        .forEach(t -> bindings.put(t.name(), t.definition().binding().graphql()));
    auditLog = dir.resolve("audit/audit.jsonl");
    serve = ApprovedToolpacks.approveAll(project, compiled, auditLog);
  }

  @AfterAll
  static void stop() {
    if (shop != null) {
      shop.close();
    }
  }

  @Test
  void aConfirmedMutationSendsExactlyThePinnedDocument() throws Exception {
    try (Session session = Session.start(serve)) {
      ObjectNode arguments = JSON.createObjectNode();
      arguments.putObject("input").put("title", "Solaris").put("author", "Stanisław Lem");
      int before = shop.received.size();

      JsonNode challenge = session.call("add_book", arguments);
      assertThat(challenge.at("/_meta/dev.cask~1reason").asText()).isEqualTo("confirmation_required");
      assertThat(shop.received).hasSize(before);
      String id = challenge.at("/_meta/dev.cask~1challengeId").asText();

      Processes.Result confirmed = Processes.run(
          Processes.productionJar("confirm", id, "--yes", "--audit-log", auditLog.toString()), Map.of(), 60);
      assertThat(confirmed.exitCode()).as(confirmed.stderr()).isZero();

      ObjectNode again = arguments.deepCopy().put("_cask_confirmation", id);
      JsonNode result = session.call("add_book", again);
      assertThat(result.path("isError").asBoolean(false)).as(result.toString()).isFalse();
      assertThat(shop.received).hasSize(before + 1);

      GraphQlBinding pinned = bindings.get("add_book");
      byte[] sent = shop.received.get(before);
      ObjectNode expected = JSON.createObjectNode().put("query", pinned.document()).put("operationName", "AddBook");
      expected.putObject("variables").set("input", arguments.get("input"));
      assertThat(new String(sent, StandardCharsets.UTF_8))
          .isEqualTo(new String(JSON.writeValueAsBytes(expected), StandardCharsets.UTF_8));
      assertThat(JSON.readTree(sent).get("query").asText()).isEqualTo(pinned.document())
          .startsWith("mutation AddBook($input: NewBook!) {");
      assertThat(result.at("/content/0/text").asText()).contains("Solaris");
    }
  }

  @Test
  void aQueryTextIsAnUndeclaredArgument() throws Exception {
    try (Session session = Session.start(serve)) {
      int before = shop.received.size();
      ObjectNode arguments = JSON.createObjectNode().put("id", "1")
          .put("query", "mutation { deleteBook(id: \"1\") }");
      JsonNode refused = session.call("get_book", arguments);
      assertThat(refused.at("/_meta/dev.cask~1reason").asText()).isEqualTo("invalid_arguments");
      assertThat(shop.received).hasSize(before);

      JsonNode read = session.call("get_book", JSON.createObjectNode().put("id", "1"));
      assertThat(read.path("isError").asBoolean(false)).as(read.toString()).isFalse();
      assertThat(JSON.readTree(shop.received.get(before)).get("query").asText())
          .isEqualTo(bindings.get("get_book").document());
      assertThat(read.at("/content/0/text").asText()).contains("Dune");
    }
  }

  /** The packaged server over stdio: one initialized session, calls answered in turn. */
  private static final class Session implements AutoCloseable {
    private final Process process;
    private final OutputStream in;
    private final BufferedReader out;
    private int next = 1;

    private Session(Process process) {
      this.process = process;
      this.in = process.getOutputStream();
      this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static Session start(List<String> serve) throws Exception {
      Process process = new ProcessBuilder(Processes.productionJar(serve.toArray(String[]::new)))
          .redirectError(dir.resolve("serve-" + System.nanoTime() + ".err").toFile()).start();
      Session session = new Session(process);
      session.request("initialize", "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
          + "\"clientInfo\":{\"name\":\"graphql-it\",\"version\":\"1\"}}");
      session.write("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
      return session;
    }

    JsonNode call(String tool, JsonNode arguments) throws Exception {
      return request("tools/call", "{\"name\":\"" + tool + "\",\"arguments\":" + JSON.writeValueAsString(arguments) + "}");
    }

    private JsonNode request(String method, String params) throws Exception {
      int id = next++;
      write("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}");
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        JsonNode message = JSON.readTree(line);
        if (message.path("id").asInt(-1) == id) {
          return message.has("result") ? message.get("result") : message;
        }
      }
      throw new AssertionError("the server ended without answering " + method);
    }

    private void write(String line) throws Exception {
      in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      in.flush();
    }

    @Override
    public void close() throws Exception {
      in.close();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
