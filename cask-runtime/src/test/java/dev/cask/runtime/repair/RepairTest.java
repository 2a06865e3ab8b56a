package dev.cask.runtime.repair;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.policy.Effect;
import dev.cask.runtime.model.policy.Match;
import dev.cask.runtime.model.policy.Policy;
import dev.cask.runtime.model.policy.PolicyRule;
import dev.cask.runtime.propose.ProposalRequest;
import dev.cask.runtime.propose.ProposalStore;
import dev.cask.runtime.redact.Redactor;
import dev.cask.runtime.schema.JsonSchemas;
import dev.cask.runtime.server.clients.ProposeITSupport;
import dev.cask.runtime.server.pipeline.ApprovedTools;
import dev.cask.runtime.server.pipeline.GovernedPipeline;
import dev.cask.runtime.server.pipeline.PipelineSettings;
import dev.cask.runtime.server.spi.ToolCall;
import dev.cask.runtime.server.testing.EchoUpstream;
import dev.cask.runtime.server.testing.SignedToolpacks;
import dev.cask.runtime.server.testing.TestToolpacks;
import dev.cask.runtime.inspect.ExplainParityTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one diagnosis, on a toolpack served by the real pipeline: many denials of one cause are one diagnosis with a
 * count and a time range; each root cause gets its fixes in the right class, with what an approval grants; the reports
 * follow their schema, are the same bytes for the same inputs, and show what an agent wrote only escaped.
 */
class RepairTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private EchoUpstream upstream;
  private SignedToolpacks.Signed signed;
  private RepairSettings settings;

  /** Reads run, writes are confirmed, list_things_0001 is denied by a rule. */
  private static Policy policy() {
    return new Policy(Policy.FORMAT_VERSION, Effect.DENY, List.of(
        new PolicyRule("deny-thing-1", 200, Effect.DENY, new Match(List.of("list_things_0001"), null, null, null, null,
            null), null, "thing 1 is off limits"),
        new PolicyRule("allow-read", 100, Effect.ALLOW, Match.risk(RiskTier.READ), null, "reads run"),
        new PolicyRule("confirm-write", 100, Effect.CONFIRM, Match.risk(RiskTier.WRITE), null, "a person approves writes")),
        null);
  }

  @BeforeEach
  void start() throws Exception {
    upstream = EchoUpstream.start();
    Path project = dir.resolve("project");
    signed = SignedToolpacks.write(project, "shop", TestToolpacks.tools(upstream.baseUrl(), 2), policy(),
        List.of(ProposeITSupport.deleteRepo(upstream.baseUrl())));
    settings = RepairSettings.defaults(project).withToolpack(signed.toolpack()).withGateFiles(signed.lockfile(),
        signed.signers(), null).withAuditLog(signed.auditLog()).withOutput(project.resolve("out"))
        .withReports(project.resolve("out/drift.json"), project.resolve("out/diff.json"), project.resolve("out/verify.json"));
    // An agent at work: 3 calls of the blocked tool, 2 denied by the policy, a good call, a bad one, probes.
    try (GovernedPipeline pipeline = GovernedPipeline.start(ApprovedTools.verified(ExplainParityTest.verify(signed)),
        PipelineSettings.builder(signed.auditLog()).allowNetworks(List.of("127.0.0.0/8")).build())) {
      for (int i = 0; i < 3; i++) {
        pipeline.call(call("delete_repo", "{\"owner\":\"octo\"}"));
      }
      pipeline.call(call("list_things_0001", "{\"owner\":\"a\"}"));
      pipeline.call(call("list_things_0001", "{\"owner\":\"b\"}"));
      pipeline.call(call("get_repo", "{\"owner\":\"a\",\"repo\":\"b\"}"));
      pipeline.call(call("get_repo", "{\"owner\":\"a\",\"repo\":\"b\",\"admin\":true}"));
      pipeline.call(call("x\u001b[2J<img src=x onerror=alert(1)>", "{}"));
    }
    ProposalStore.forAuditLog(signed.auditLog(), Clock.systemUTC()).propose(ProposalRequest.read(JSON.createObjectNode()
        .put("tool", "delete_repo").put("reason", "cleanup \u001b]0;pwned\u0007 APPROVED"), Redactor.withDefaults()),
        "shop", "s");
  }

  @AfterEach
  void stop() {
    upstream.close();
  }

  private static ToolCall call(String tool, String arguments) throws Exception {
    return new ToolCall("agent", tool, JSON.readTree(arguments), false);
  }

  private Diagnosis kind(RepairReport report, String kind) {
    return report.diagnoses().stream().filter(d -> d.kind().equals(kind)).findFirst().orElseThrow(() ->
        new AssertionError("no " + kind + " in " + report.diagnoses().stream().map(Diagnosis::kind).toList()));
  }

  @Test
  void oneDiagnosisPerRootCauseWithCountTimeRangeAndFixes() {
    RepairReport report = Repair.diagnose(settings, Clock.systemUTC());

    assertThat(report.healthy()).isFalse();
    assertThat(report.gatePassed()).isTrue();
    assertThat(report.diagnoses()).extracting(Diagnosis::kind)
        .containsExactly("tool-blocked", "policy-deny", "invalid-arguments", "unknown-tool");
    assertThat(report.diagnoses()).extracting(Diagnosis::id).containsExactly("d1", "d2", "d3", "d4");

    Diagnosis blocked = kind(report, "tool-blocked");
    assertThat(blocked.count()).isEqualTo(3);
    assertThat(blocked.reasons()).containsEntry("unknown_tool", 3);
    assertThat(blocked.firstSeen()).isBeforeOrEqualTo(blocked.lastSeen());
    assertThat(blocked.evidence()).anyMatch(line -> line.startsWith("proposal p") && line.contains("agent's reason (untrusted)"));
    assertThat(blocked.fixes()).extracting(Fix::fixClass).containsExactly(FixClass.SAFE, FixClass.MANUAL,
        FixClass.MANUAL, FixClass.APPROVAL_REQUIRED);
    Fix lift = blocked.fixes().get(3);
    String toolpack = settings.project().relativize(signed.toolpack()).toString();
    assertThat(lift.commands()).containsExactly("mvn generate-resources", "mvn cask:gate-allow -Dcask.toolpack=" + toolpack
        + " -Dcask.tools=delete_repo -Dcask.approvePolicy=true '-Dcask.reason=lifts the block of delete_repo after repair'");
    assertThat(lift.grant().tool()).isEqualTo("delete_repo");
    assertThat(lift.grant().method()).isEqualTo("DELETE");
    assertThat(lift.grant().risk()).isEqualTo("destructive");
    assertThat(lift.grant().effect()).as("nothing in the policy allows a destructive tool").isEqualTo("deny");
    assertThat(lift.grant().callsAllowed()).isZero();
    assertThat(lift.grant().words()).contains("still denies every call");

    Diagnosis denied = kind(report, "policy-deny");
    assertThat(denied.count()).isEqualTo(2);
    assertThat(denied.tool()).isEqualTo("list_things_0001");
    Fix policyFix = denied.fixes().stream().filter(f -> f.fixClass() == FixClass.APPROVAL_REQUIRED).findFirst().orElseThrow();
    assertThat(policyFix.commands()).hasSize(3);
    assertThat(policyFix.commands().get(0)).isEqualTo("cp out/repair/policy-repair-allow-list-things-0001.yaml"
        + " src/main/cask/policy.yaml");
    assertThat(policyFix.commands().get(2)).startsWith("mvn cask:gate-allow").contains("-Dcask.approvePolicy=true");
    assertThat(policyFix.grant().effect()).isEqualTo("allow");
    assertThat(policyFix.grant().callsAllowed()).isEqualTo(2);
    assertThat(policyFix.grant().words()).contains("without confirmation").contains("2 would have been allowed");
    String prepared = new String(report.prepared().get("policy-repair-allow-list-things-0001.yaml"), StandardCharsets.UTF_8);
    assertThat(prepared).contains("- id: repair-allow-list-things-0001\n    priority: 201\n    effect: allow");

    assertThat(kind(report, "invalid-arguments").count()).isEqualTo(1);
    Diagnosis probe = kind(report, "unknown-tool");
    assertThat(probe.title()).doesNotContain("\u001b").contains("\\u001b[2J");
    assertThat(probe.fixes()).allMatch(fix -> fix.fixClass() == FixClass.MANUAL && fix.commands().isEmpty());
  }

  @Test
  void theReportsFollowTheSchemaAreDeterministicAndEscapeWhatAnAgentWrote() throws Exception {
    RepairReport report = Repair.diagnose(settings, Clock.systemUTC());
    Repair.write(report, settings);
    Path out = settings.output();
    byte[] json = Files.readAllBytes(out.resolve("repair.json"));
    byte[] md = Files.readAllBytes(out.resolve("repair.md"));
    byte[] sh = Files.readAllBytes(out.resolve("repair.sh"));

    JsonNode schema = JSON.readTree(RepairJson.class.getResourceAsStream(RepairJson.SCHEMA_RESOURCE));
    assertThat(JsonSchemas.compile(schema).validate(JSON.readTree(json))).isEmpty();

    Repair.write(Repair.diagnose(settings, Clock.systemUTC()), settings);
    assertThat(Files.readAllBytes(out.resolve("repair.json"))).isEqualTo(json);
    assertThat(Files.readAllBytes(out.resolve("repair.md"))).isEqualTo(md);

    String markdown = new String(md, StandardCharsets.UTF_8);
    assertThat(markdown).doesNotContain("\u001b").doesNotContain("\u0007").doesNotContainPattern("(?<!\\\\)<img");
    assertThat(markdown).contains("## d1 tool-blocked");
    String script = new String(sh, StandardCharsets.UTF_8);
    assertThat(script).startsWith("#!/bin/sh\n").contains("set -u\nstatus=0\ncd \"$(dirname \"$0\")\"/.. || exit 1\n")
        .endsWith("exit \"$status\"\n");
    assertThat(script.lines().filter(line -> !line.startsWith("#") && !line.startsWith("set ") && !line.startsWith("cd ")
        && !line.startsWith("status=") && !line.startsWith("exit ")))
        .as("only SAFE commands, each once")
        .containsExactly("mvn cask:gate-status -Dcask.toolpack=" + settings.project().relativize(signed.toolpack())
            + " || status=$?");
  }

  @Test
  void verifyJsonFailuresAreOneDiagnosisPerToolAndADamagedReportIsNamedNotFatal() throws Exception {
    Files.createDirectories(settings.output());
    // verify.json as cask:verify writes it (format version 1, site page "Verify"): get_repo fails two contracts.
    Files.writeString(settings.verifyReport(), """
        {"formatVersion": 1, "toolpack": "shop", "version": "1.0.0", "upstream": "replay", "passed": false,
         "failOnNoEvidence": false, "summary": {},
         "contracts": [
          {"contract": "replay", "checks": [
            {"tool": "get_repo", "status": "failed", "detail": "call 1: the request differs at /query/admin", "evidence": []},
            {"tool": "list_things_0000", "status": "passed", "detail": "2 recorded call(s) reproduced", "evidence": []}]},
          {"contract": "outcome", "checks": [
            {"tool": "get_repo", "status": "failed", "detail": "call 1: \\u001b[31mthe output does not match", "evidence": []},
            {"tool": "list_things_0000", "status": "no_evidence", "detail": "no recorded call", "evidence": []}]}]}
        """);
    Files.writeString(settings.diffReport(), "{\"format\": \"cask-diff\", \"formatVersion\": 1, ");

    RepairReport report = Repair.diagnose(settings, Clock.systemUTC());

    List<Diagnosis> failed = report.diagnoses().stream().filter(d -> d.kind().equals("verify-failed")).toList();
    assertThat(failed).hasSize(1);
    Diagnosis verify = failed.get(0);
    assertThat(verify.tool()).isEqualTo("get_repo");
    assertThat(verify.title()).isEqualTo("the replay, outcome contract(s) fail for get_repo");
    assertThat(verify.evidence()).containsExactly(
        "verify.json: replay get_repo: call 1: the request differs at /query/admin",
        "verify.json: outcome get_repo: call 1: \\u001b[31mthe output does not match");
    assertThat(verify.fixes()).extracting(Fix::fixClass).containsExactly(FixClass.MANUAL);
    assertThat(report.inputs()).anyMatch(note -> note.startsWith("verify.json ") && note.endsWith(": read"));
    assertThat(report.inputs()).anyMatch(note -> note.startsWith("diff.json ") && note.contains("cannot be read"));
  }

  @Test
  void aReportOlderThanTheLockfileIsReadButSaidToBeOutOfDate() throws Exception {
    Files.createDirectories(settings.output());
    String verifyJson = "{\"formatVersion\": 1, \"toolpack\": \"shop\", \"passed\": true, \"contracts\": []}";
    Files.writeString(settings.verifyReport(), verifyJson);
    FileTime written = Files.getLastModifiedTime(settings.verifyReport());
    // A person approves after the report was written: the lockfile is newer than it.
    Files.setLastModifiedTime(settings.lockfile(), FileTime.fromMillis(written.toMillis() + 60_000));
    Files.setLastModifiedTime(settings.toolpack().resolve("tools.json"), FileTime.fromMillis(written.toMillis() - 60_000));

    RepairReport stale = Repair.diagnose(settings, Clock.systemUTC());

    assertThat(stale.inputs()).anyMatch(note -> note.startsWith("verify.json ")
        && note.endsWith(": read; OLDER than " + settings.lockfile().getFileName() + " (changed since it was written):"
            + " what it says may be out of date, run mvn cask:verify again"));

    // Written again after the approval: no longer flagged.
    Files.setLastModifiedTime(settings.verifyReport(), FileTime.fromMillis(written.toMillis() + 120_000));
    RepairReport fresh = Repair.diagnose(settings, Clock.systemUTC());
    assertThat(fresh.inputs()).anyMatch(note -> note.startsWith("verify.json ") && note.endsWith(": read"));
  }

  @Test
  void theCommandLineExitsNineWithSomethingToRepairAndZeroWithout() throws Exception {
    String[] args = {"repair", "--project", settings.project().toString(), "--toolpack", signed.toolpack().toString(),
        "--lockfile", signed.lockfile().toString(), "--signers", signed.signers().toString(), "--audit-log",
        signed.auditLog().toString(), "--output", settings.output().toString()};
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    int code = dev.cask.runtime.cli.CaskCli.run(args, null, java.io.InputStream.nullInputStream(), out,
        new java.io.PrintStream(err, true, StandardCharsets.UTF_8), java.util.Map.of());

    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(9);
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("cask repair: 4 diagnosis(es):\n  d1 tool-blocked:")
        .contains("wrote " + settings.output().resolve("repair.sh"));
    JsonNode written = JSON.readTree(settings.output().resolve("repair.json").toFile());
    assertThat(written.get("summary").get("diagnoses").asInt()).isEqualTo(4);

    Files.delete(signed.auditLog());
    ProposalStore store = ProposalStore.forAuditLog(signed.auditLog(), Clock.systemUTC());
    store.decide(store.list().pending().get(0).id(), dev.cask.runtime.propose.ProposalState.REJECTED, "no");
    out.reset();
    code = dev.cask.runtime.cli.CaskCli.run(args, null, java.io.InputStream.nullInputStream(), out,
        new java.io.PrintStream(err, true, StandardCharsets.UTF_8), java.util.Map.of());
    assertThat(code).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("cask repair: nothing to repair\n");
  }

  private static dev.cask.runtime.server.audit.AuditEntry intentOrOutcome(String tool, String reason, Long intent) {
    return new dev.cask.runtime.server.audit.AuditEntry("session-1", tool, "allow", reason, "allow-read",
        "hmac-sha256:" + "a".repeat(64), false, null, reason.equals("ok") ? 200 : null, 5, "sha256:" + "1".repeat(64),
        List.of(), null, intent, null, null);
  }

  @Test
  void requestsSentWithoutOutcomeAreDiagnosedBeforeAndAfterTheRestartThatDeclaresThemUnknown() throws Exception {
    Path log = dir.resolve("killed").resolve("audit.jsonl");
    Files.createDirectories(log.getParent());
    dev.cask.runtime.crypto.SigningKey key = dev.cask.runtime.crypto.SigningKey.fromSeed(new byte[32]);
    // A server killed while two calls of get_repo were at the upstream: their intents have no outcome.
    try (dev.cask.runtime.server.audit.AuditLog audit = dev.cask.runtime.server.audit.AuditLog.open(log,
        dev.cask.runtime.server.audit.Durability.INTERVAL, Clock.systemUTC(), key, "sha256:" + "1".repeat(64))) {
      long answered = audit.append(intentOrOutcome("get_repo", "sending", null));
      audit.append(intentOrOutcome("get_repo", "ok", answered));
      audit.append(intentOrOutcome("get_repo", "sending", null));
      audit.append(intentOrOutcome("get_repo", "sending", null));
    }
    RepairSettings killed = settings.withAuditLog(log).withRuntimeJar(dir.resolve("cask-runtime.jar"));

    RepairReport open = Repair.diagnose(killed, Clock.systemUTC());
    Diagnosis unknown = kind(open, "outcome-unknown");
    assertThat(unknown.tool()).isEqualTo("get_repo");
    assertThat(unknown.count()).as("the answered intent is not one of them").isEqualTo(2);
    assertThat(unknown.reasons()).containsExactly(java.util.Map.entry("sending", 2));
    assertThat(unknown.fixes().get(0).fixClass()).isEqualTo(FixClass.SAFE);
    assertThat(unknown.fixes().get(0).commands()).containsExactly("java -jar " + dir.resolve("cask-runtime.jar")
        + " audit verify " + log);

    // The next start declares them: a restart record and one outcome_unknown per intent; still two calls, one stop.
    dev.cask.runtime.server.audit.AuditLog.open(log, dev.cask.runtime.server.audit.Durability.INTERVAL,
        Clock.systemUTC(), key, "sha256:" + "1".repeat(64)).close();
    RepairReport restarted = Repair.diagnose(killed, Clock.systemUTC());
    Diagnosis declared = kind(restarted, "outcome-unknown");
    assertThat(declared.count()).isEqualTo(2);
    assertThat(declared.reasons()).containsExactly(java.util.Map.entry("outcome_unknown", 2));
    assertThat(kind(restarted, "unclean-stop").count()).isEqualTo(1);
  }

  @Test
  void nothingToRepairIsHealthy() throws Exception {
    Files.delete(signed.auditLog());
    ProposalStore store = ProposalStore.forAuditLog(signed.auditLog(), Clock.systemUTC());
    store.decide(store.list().pending().get(0).id(), dev.cask.runtime.propose.ProposalState.REJECTED, "no");
    RepairReport report = Repair.diagnose(settings, Clock.systemUTC());
    assertThat(report.diagnoses()).isEmpty();
    assertThat(report.healthy()).isTrue();
    ObjectNode tree = RepairJson.tree(report);
    assertThat(tree.get("healthy").asBoolean()).isTrue();
  }
}
