package dev.cask.runtime.server.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.model.HttpMethod;
import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.toolpack.ArgumentBinding;
import dev.cask.runtime.model.ParameterLocation;
import dev.cask.runtime.model.toolpack.RequestBinding;
import dev.cask.runtime.model.toolpack.Risk;
import dev.cask.runtime.model.toolpack.ToolAnnotations;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import dev.cask.runtime.propose.Proposal;
import dev.cask.runtime.propose.ProposalStore;
import dev.cask.runtime.server.testing.AuditLogs;
import dev.cask.runtime.server.testing.EchoUpstream;
import dev.cask.runtime.server.testing.SignedToolpacks;
import dev.cask.runtime.server.testing.TestToolpacks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --proposals} with the official TypeScript SDK client: {@code cask_propose} is listed; a denied call of a
 * blocked tool and a policy denial tell the agent it can propose; a proposal by name and one of a new operation are
 * stored as redacted drafts beside the audit log (asking again returns the waiting one), every call is audited, and
 * requests with path tricks, forged fields, oversized text or credentials in the URL are refused. Without
 * {@code --proposals} there is no such tool and the denials say nothing about proposing.
 */
class ProposeIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private EchoUpstream upstream;
  private SignedToolpacks.Signed signed;

  static ToolDefinition deleteRepo(String baseUrl) {
    ObjectNode schema = JSON.createObjectNode().put("type", "object").put("additionalProperties", false);
    schema.putObject("properties").putObject("owner").put("type", "string");
    return new ToolDefinition("delete_repo", "Delete a repository.", HttpMethod.DELETE, baseUrl, "/repos/{owner}",
        schema, null, new Risk(RiskTier.DESTRUCTIVE, List.of("method DELETE")),
        new ToolAnnotations("Delete a repository", false, true, true, true),
        new RequestBinding(List.of(new ArgumentBinding("owner", ParameterLocation.PATH, "owner", null, null)), null),
        List.of(), false);
  }

  @BeforeEach
  void start() throws Exception {
    upstream = EchoUpstream.start();
    signed = SignedToolpacks.write(dir, "test-api", TestToolpacks.tools(upstream.baseUrl(), 1),
        SignedToolpacks.confirmWrites(), List.of(deleteRepo(upstream.baseUrl())));
  }

  @AfterEach
  void stop() {
    upstream.close();
  }

  private JsonNode run(String... extraServeArgs) throws Exception {
    List<String> args = SignedToolpacks.serveArgs(signed);
    args.addAll(List.of(extraServeArgs));
    List<String> serve = Processes.productionJar(args.toArray(String[]::new));
    ObjectNode config = JSON.createObjectNode().put("transport", "stdio").put("command", serve.get(0))
        .put("blocked", "delete_repo");
    config.set("args", JSON.valueToTree(serve.subList(1, serve.size())));
    config.putObject("operation").put("method", "GET").put("url", upstream.baseUrl() + "/repos/{owner}/{repo}/stars");
    ObjectNode denied = config.putObject("denied").put("name", "list_things_9999");
    denied.putObject("arguments");
    Processes.Result result = Processes.run(List.of(Processes.node().toString(),
        Processes.script("propose-flow.mjs").toString(), JSON.writeValueAsString(config)), Map.of(), 180);
    assertThat(result.exitCode()).as("propose-flow stderr:\n%s", result.stderr()).isZero();
    return JSON.readTree(result.stdout().strip().lines().reduce((a, b) -> b).orElseThrow());
  }

  @Test
  void anAgentProposesWhatItLacksAndNothingIsGranted() throws Exception {
    JsonNode summary = run("--proposals");

    assertThat(summary.get("tools")).extracting(JsonNode::asText)
        .containsExactly("cask_propose", "create_issue", "get_repo", "list_things_0000");
    assertThat(summary.at("/proposeSchema/required/0").asText()).isEqualTo("reason");
    assertThat(summary.at("/blocked/reason").asText()).isEqualTo("unknown_tool");
    assertThat(summary.at("/blocked/text").asText()).contains("call cask_propose with {\"tool\"");
    assertThat(summary.at("/denied/reason").asText()).isEqualTo("unknown_tool");
    assertThat(summary.at("/denied/text").asText()).as("the same answer for a tool that never existed")
        .isEqualTo(summary.at("/blocked/text").asText().replace("delete_repo", "list_things_9999"));

    assertThat(summary.at("/byName/reason").asText()).isEqualTo("proposal_stored");
    assertThat(summary.at("/byName/created").asBoolean()).isTrue();
    assertThat(summary.at("/byName/text").asText()).contains("Nothing is granted yet");
    assertThat(summary.at("/again/proposal").asText()).isEqualTo(summary.at("/byName/proposal").asText());
    assertThat(summary.at("/again/created").asBoolean()).isFalse();
    assertThat(summary.at("/operation/reason").asText()).isEqualTo("proposal_stored");
    for (String refused : List.of("pathTrick", "unknownField", "tooLong", "credentials")) {
      assertThat(summary.at("/" + refused + "/isError").asBoolean()).as(refused).isTrue();
      assertThat(summary.at("/" + refused + "/reason").asText()).as(refused).isEqualTo("proposal_invalid");
    }

    ProposalStore.Listing stored = ProposalStore.forAuditLog(signed.auditLog(), Clock.systemUTC()).list();
    assertThat(stored.ignored()).isEmpty();
    assertThat(stored.pending()).hasSize(2);
    Proposal byName = stored.pending().stream().filter(Proposal::isTool).findFirst().orElseThrow();
    assertThat(byName.tool()).isEqualTo("delete_repo");
    assertThat(byName.id()).isEqualTo(summary.at("/byName/proposal").asText());
    Proposal operation = stored.pending().stream().filter(p -> !p.isTool()).findFirst().orElseThrow();
    assertThat(operation.method()).isEqualTo("GET");
    assertThat(operation.url()).isEqualTo(upstream.baseUrl() + "/repos/{owner}/{repo}/stars");
    assertThat(operation.reason()).as("redacted like everything else").doesNotContain("jane.doe@example.com")
        .contains("[REDACTED:");
    // Only the documented files: the drafts, the store's lock; nothing for the refused requests.
    try (var files = Files.list(ProposalStore.forAuditLog(signed.auditLog(), Clock.systemUTC()).directory())) {
      assertThat(files.map(f -> f.getFileName().toString()).sorted().toList())
          .containsExactlyInAnyOrder(".lock", byName.id() + ".json", operation.id() + ".json");
    }

    // The server granted nothing: the upstream saw no request, and every call is in the audit log.
    assertThat(upstream.requests()).isZero();
    List<String> reasons = Files.readAllLines(signed.auditLog()).stream().map(line -> {
      try {
        return JSON.readTree(line).get("reason").asText();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }).toList();
    assertThat(reasons).containsExactly("unknown_tool", "unknown_tool", "proposal_stored", "proposal_stored",
        "proposal_stored", "proposal_invalid", "proposal_invalid", "proposal_invalid", "proposal_invalid");
    assertThat(AuditLogs.verify(signed.auditLog()).intact()).isTrue();
  }

  @Test
  void withoutTheOptionThereIsNoProposing() throws Exception {
    List<String> args = SignedToolpacks.serveArgs(signed);
    List<String> serve = Processes.productionJar(args.toArray(String[]::new));
    ObjectNode config = JSON.createObjectNode().put("transport", "stdio").put("command", serve.get(0))
        .put("blocked", "delete_repo");
    config.set("args", JSON.valueToTree(serve.subList(1, serve.size())));
    config.putObject("operation").put("method", "GET").put("url", upstream.baseUrl() + "/x");
    Processes.Result result = Processes.run(List.of(Processes.node().toString(),
        Processes.script("propose-flow.mjs").toString(), JSON.writeValueAsString(config)), Map.of(), 180);
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    JsonNode summary = JSON.readTree(result.stdout().strip().lines().reduce((a, b) -> b).orElseThrow());
    assertThat(summary.get("tools")).extracting(JsonNode::asText).doesNotContain("cask_propose");
    assertThat(summary.at("/blocked/text").asText()).doesNotContain("cask_propose");
    assertThat(summary.at("/byName/reason").asText()).isEqualTo("unknown_tool");
    assertThat(ProposalStore.forAuditLog(signed.auditLog(), Clock.systemUTC()).directory()).doesNotExist();
  }
}
