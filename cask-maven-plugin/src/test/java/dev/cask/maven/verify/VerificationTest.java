package dev.cask.maven.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.cask.maven.importers.ImportSettings;
import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.json.CaskMappers;
import dev.cask.runtime.model.HttpMethod;
import dev.cask.runtime.model.capture.Capture;
import dev.cask.runtime.model.capture.CapturedOperation;
import dev.cask.runtime.model.capture.Evidence;
import dev.cask.runtime.model.capture.RecordedExchange;
import dev.cask.runtime.model.capture.SourceRef;
import dev.cask.runtime.model.toolpack.ArgumentBinding;
import dev.cask.runtime.model.toolpack.RequestBinding;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cask:verify} on real inputs: traffic a browser recorded from a small shop app (imported, compiled and signed
 * by the real engines), the replay upstream and the runtime's real pipeline; and the bad inputs each contract exists
 * to catch, each failing with a message that names the tool, the recorded call and the first difference.
 */
class VerificationTest {
  static final ImportSettings SHOP = ImportSettings.defaults().withAllowHosts(List.of("127.0.0.1:18080"));

  @TempDir Path dir;

  VerifyProject shop(Path where) {
    return new VerifyProject(where).build(SHOP, "traffic/recorded/shop.har");
  }

  @Test
  void recordedShopTrafficHoldsEveryContract() throws IOException {
    Verification.Result result = shop(dir).verify();
    VerifyReport report = result.report();

    assertThat(report.passed()).as(report.failures().toString()).isTrue();
    assertThat(VerifyProject.statuses(report, Contract.REPLAY)).allSatisfy((tool, status) ->
        assertThat(status).as(tool).isEqualTo(CheckStatus.PASSED)).hasSize(9);
    assertThat(VerifyProject.check(report, Contract.REPLAY, "get_users").evidence())
        .contains("src/main/cask/shop.har#entries/7", "src/main/cask/shop.har#entries/8");
    Map<String, CheckStatus> outcome = VerifyProject.statuses(report, Contract.OUTCOME);
    assertThat(outcome).containsEntry("get_users", CheckStatus.PASSED).containsEntry("list_users", CheckStatus.PASSED)
        .containsEntry("get_products", CheckStatus.PASSED).containsEntry("delete_users_orders", CheckStatus.SKIPPED);
    assertThat(VerifyProject.check(report, Contract.OUTCOME, "get_users").detail())
        .isEqualTo("4 call(s) answered as recorded, each twice with byte-identical results");
    assertThat(VerifyProject.check(report, Contract.OUTCOME, "delete_users_orders").detail())
        .contains("not called: Denied (policy_deny): policy rule 'deny-destructive'");
    assertThat(VerifyProject.statuses(report, Contract.PROVENANCE)).allSatisfy((tool, status) ->
        assertThat(status).as(tool).isEqualTo(CheckStatus.PASSED)).containsKey(ToolCheck.TOOLPACK);
    assertThat(VerifyProject.check(report, Contract.PROVENANCE, "list_users").detail())
        .isEqualTo("src/main/cask/shop.har#entries/5; approved by alice");

    Path reports = dir.resolve("target/cask");
    assertThat(Files.readAllBytes(reports.resolve("verify.json"))).isEqualTo(result.files().get("verify.json"));
    JsonNode json = CaskMappers.json().readTree(reports.resolve("verify.json").toFile());
    assertThat(json.get("passed").asBoolean()).isTrue();
    assertThat(json.at("/summary/outcome/skipped").asInt()).isEqualTo(4);
    assertThat(Files.readString(reports.resolve("verify-junit.xml"))).contains("<testsuite name=\"cask.verify.replay.shop\"");
    assertThat(VerifyReports.table(report)).contains(
        "  CONTRACT    PASSED FAILED NO EVIDENCE SKIPPED",
        "  replay           9      0           0       0",
        "  outcome          5      0           0       4",
        "  provenance      10      0           0       0");
    // The outcome calls went through the real pipeline: each is in its hash-chained audit log.
    assertThat(Files.readAllLines(reports.resolve("verify/audit.jsonl"))).hasSizeGreaterThanOrEqualTo(5 * 2 + 4);
  }

  @Test
  void reportsAreByteIdenticalForTheSameInputsInAnotherDirectory() {
    Map<String, byte[]> first = shop(dir.resolve("one")).verify().files();
    Map<String, byte[]> second = shop(dir.resolve("two/deeper")).verify().files();
    assertThat(second.keySet()).containsExactly("verify.json", "verify.md", "verify-junit.xml");
    second.forEach((name, bytes) -> assertThat(bytes).as(name).isEqualTo(first.get(name)));
  }

  @Test
  void aBindingEditedByHandFailsReplayNamingTheCallAndTheFirstDifference() {
    VerifyProject project = shop(dir);
    project.edit(tool -> !tool.name().equals("list_users") ? tool : withBinding(tool, binding ->
        binding.argument().equals("limit") ? new ArgumentBinding("limit", binding.in(), "max", null, null) : binding),
        capture -> capture);
    VerifyReport report = project.verify().report();

    assertThat(report.passed()).isFalse();
    ToolCheck replay = VerifyProject.check(report, Contract.REPLAY, "list_users");
    assertThat(replay.status()).isEqualTo(CheckStatus.FAILED);
    assertThat(replay.detail()).isEqualTo(
        "src/main/cask/shop.har#entries/5: query parameter 'limit': recorded [2], the tool does not send it");
    assertThat(VerifyProject.check(report, Contract.REPLAY, "get_users").status()).isEqualTo(CheckStatus.PASSED);
    assertThat(report.failures()).anyMatch(line -> line.startsWith("replay list_users: src/main/cask/shop.har#entries/5"));
  }

  @Test
  void aRecordedCallNoToolCoversFailsTheToolpack() {
    VerifyProject project = shop(dir);
    RecordedExchange stray = new RecordedExchange(new SourceRef("src/main/cask/shop.har", "entries/99"),
        new RecordedExchange.Request(HttpMethod.GET, "http://127.0.0.1:18080/api/v1/invoices/7", null, null, null),
        new RecordedExchange.Response(200, "application/json", CaskMappers.json().createObjectNode(), null));
    project.edit(tool -> tool, capture -> addExchange(capture, "list_users", stray, project));
    VerifyReport report = project.verify().report();

    ToolCheck toolpack = VerifyProject.check(report, Contract.REPLAY, ToolCheck.TOOLPACK);
    assertThat(toolpack.status()).isEqualTo(CheckStatus.FAILED);
    assertThat(toolpack.detail()).isEqualTo("1 recorded call(s) belong to no approved tool; first: "
        + "src/main/cask/shop.har#entries/99: no approved tool covers GET 127.0.0.1:18080/api/v1/invoices/7");
    assertThat(report.passed()).isFalse();
  }

  @Test
  void anOutputSchemaTheRecordedResponseBreaksFailsOutcome() {
    VerifyProject project = shop(dir);
    project.edit(tool -> !tool.name().equals("get_users") ? tool : withOutputSchema(tool,
        "{\"type\":\"object\",\"required\":[\"nickname\"],\"properties\":{\"nickname\":{\"type\":\"string\"}}}"),
        capture -> capture);
    VerifyReport report = project.verify().report();

    ToolCheck outcome = VerifyProject.check(report, Contract.OUTCOME, "get_users");
    assertThat(outcome.status()).isEqualTo(CheckStatus.FAILED);
    assertThat(outcome.detail()).startsWith("src/main/cask/shop.har#entries/7: output_schema_mismatch: "
        + "The upstream response does not match the tool's output schema (").contains("nickname")
        .endsWith("not found)"); // one line: the body it introduced is not in the report, nor the colon before it
    assertThat(VerifyProject.check(report, Contract.REPLAY, "get_users").status()).isEqualTo(CheckStatus.PASSED);
    assertThat(VerifyProject.check(report, Contract.OUTCOME, "list_users").status()).isEqualTo(CheckStatus.PASSED);
  }

  @Test
  void aSourceChangedSinceCompileFailsProvenance() throws IOException {
    VerifyProject project = shop(dir);
    Files.writeString(dir.resolve("src/main/cask/shop.har"), "\n", StandardOpenOption.APPEND);
    VerifyReport report = project.verify().report();

    ToolCheck sources = VerifyProject.check(report, Contract.PROVENANCE, ToolCheck.TOOLPACK);
    assertThat(sources.status()).isEqualTo(CheckStatus.FAILED);
    assertThat(sources.detail()).startsWith("src/main/cask/shop.har changed since the toolpack was compiled (sha256:")
        .endsWith("): compile again");
    assertThat(VerifyProject.check(report, Contract.PROVENANCE, "get_users").status()).isEqualTo(CheckStatus.FAILED);
  }

  @Test
  void aSpecTracesEachToolToItsOperationByJsonPointerAndHasNoCallsToReplay() {
    VerifyProject project = new VerifyProject(dir).build(ImportSettings.defaults(), "openapi/petstore-30.yaml");
    VerifyReport report = project.verify().report();

    assertThat(report.passed()).isTrue();
    assertThat(VerifyProject.statuses(report, Contract.REPLAY).values()).containsOnly(CheckStatus.NO_EVIDENCE);
    assertThat(VerifyProject.statuses(report, Contract.OUTCOME).values()).containsOnly(CheckStatus.NO_EVIDENCE);
    assertThat(VerifyProject.check(report, Contract.PROVENANCE, "create_pet").detail())
        .isEqualTo("src/main/cask/petstore-30.yaml#/paths/~1pets/post; approved by alice");

    VerifyReport strict = new Verification(VerifyProject.CLOCK, BuildLog.silent()).run(new VerifySettings(
        dev.cask.maven.gate.GateSettings.of(dir), dir.resolve("target/cask"), null, Set.of(), null, List.of(), Map.of(),
        true)).report();
    assertThat(strict.passed()).as("failOnNoEvidence").isFalse();
    assertThat(strict.failures()).anyMatch(line -> line.equals("replay create_pet: no recorded call"));
  }

  @Test
  void anOriginThatPointsNowhereFailsProvenance() {
    VerifyProject project = new VerifyProject(dir).build(ImportSettings.defaults(), "openapi/petstore-30.yaml");
    project.edit(tool -> tool, capture -> Capture.of(capture.sources(), capture.operations().stream().map(op ->
        !op.path().equals("/pets") || op.method() != HttpMethod.POST ? op : new CapturedOperation(op.method(), op.baseUrl(),
            op.path(), op.operationId(), op.summary(), op.description(), op.tags(), op.deprecated(), op.parameters(),
            op.requestBody(), op.responses(), op.security(), new SourceRef(op.origin().source(), "/paths/~1users~1{userId}/get"),
            op.evidence())).toList(), capture.schemas(), capture.securitySchemes(), capture.redactions()));
    ToolCheck check = VerifyProject.check(project.verify().report(), Contract.PROVENANCE, "create_pet");
    assertThat(check.status()).isEqualTo(CheckStatus.FAILED);
    assertThat(check.detail()).isEqualTo("src/main/cask/petstore-30.yaml#/paths/~1users~1{userId}/get does not name the"
        + " tool's operation POST /pets (expected #/paths/~1pets/post)");
  }

  @Test
  void liveCallsReachOnlyWhatTheOperatorAllowsAndOnlyTheNamedTiers() throws IOException {
    VerifyProject project = shop(dir);
    HttpServer staging = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    List<String> received = new ArrayList<>();
    staging.createContext("/", exchange -> {
      received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
      byte[] body = "{\"error\":\"staging is down\"}".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(503, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    staging.start();
    try {
      String stagingUrl = "http://127.0.0.1:" + staging.getAddress().getPort() + "/api/v1";
      VerifySettings live = VerifySettings.of(dir).withBaseUrl(stagingUrl);
      VerifyReport blocked = project.verify(live);
      assertThat(VerifyProject.check(blocked, Contract.OUTCOME, "get_users").detail())
          .contains("the pipeline refused the call: Denied (ssrf_blocked)");
      assertThat(received).as("the guard stays closed to loopback unless the operator opens it").isEmpty();

      VerifyReport opened = project.verify(new VerifySettings(live.gate(), live.reports(), stagingUrl, Set.of(), null,
          List.of("127.0.0.1/32"), Map.of(), false));
      ToolCheck users = VerifyProject.check(opened, Contract.OUTCOME, "get_users");
      assertThat(users.status()).isEqualTo(CheckStatus.FAILED);
      assertThat(users.detail()).startsWith("src/main/cask/shop.har#entries/7: status 503, recorded 200");
      assertThat(VerifyProject.check(opened, Contract.OUTCOME, "delete_users_orders").detail())
          .isEqualTo("risk tier destructive is not called live (name it in -Dcask.verify.tiers to call it)");
      assertThat(opened.upstream()).isEqualTo("live " + stagingUrl);
      assertThat(received).allMatch(line -> line.startsWith("GET /api/v1/")).isNotEmpty();
    } finally {
      staging.stop(0);
    }
  }

  @Test
  void aToolpackThatFailsTheGateIsNotVerified() throws IOException {
    shop(dir);
    Files.delete(dir.resolve("cask.lock.yaml"));
    assertThatThrownBy(() -> new VerifyProject(dir).verify()).isInstanceOf(CaskException.class)
        .hasMessageStartingWith("cask:verify: the toolpack does not pass the gate, so no tool is approved to verify:")
        .hasMessageContaining("Fix: run mvn cask:gate-check and fix what it lists");
  }

  static ToolDefinition withBinding(ToolDefinition tool, java.util.function.UnaryOperator<ArgumentBinding> edit) {
    RequestBinding binding = new RequestBinding(tool.binding().arguments().stream().map(edit).toList(), tool.binding().body());
    return new ToolDefinition(tool.name(), tool.description(), tool.method(), tool.baseUrl(), tool.path(), tool.inputSchema(),
        tool.outputSchema(), tool.risk(), tool.annotations(), binding, tool.security(), tool.deprecated());
  }

  static ToolDefinition withOutputSchema(ToolDefinition tool, String schema) {
    try {
      return new ToolDefinition(tool.name(), tool.description(), tool.method(), tool.baseUrl(), tool.path(),
          tool.inputSchema(), (ObjectNode) CaskMappers.json().readTree(schema), tool.risk(), tool.annotations(),
          tool.binding(), tool.security(), tool.deprecated());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static Capture addExchange(Capture capture, String tool, RecordedExchange extra, VerifyProject project) {
    String operation = project.toolpack.tools().tools().stream().filter(t -> t.name().equals(tool)).findFirst()
        .orElseThrow().definition().operation().id();
    return Capture.of(capture.sources(), capture.operations().stream().map(op -> {
      if (!op.key().id().equals(operation)) {
        return op;
      }
      Evidence e = op.evidence();
      List<RecordedExchange> exchanges = new ArrayList<>(e.recorded());
      exchanges.add(extra);
      Evidence more = new Evidence(e.observedCount(), e.statuses(), e.contentTypes(), e.samples(), e.firstSeen(),
          e.lastSeen(), e.templating(), e.undocumented(), exchanges);
      return new CapturedOperation(op.method(), op.baseUrl(), op.path(), op.operationId(), op.summary(), op.description(),
          op.tags(), op.deprecated(), op.parameters(), op.requestBody(), op.responses(), op.security(), op.origin(), more);
    }).toList(), capture.schemas(), capture.securitySchemes(), capture.redactions());
  }
}
