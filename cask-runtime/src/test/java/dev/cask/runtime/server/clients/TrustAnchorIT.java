package dev.cask.runtime.server.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cask.runtime.crypto.Ed25519Keys;
import dev.cask.runtime.json.CanonicalJson;
import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.lockfile.LockDecision;
import dev.cask.runtime.model.lockfile.Lockfile;
import dev.cask.runtime.model.lockfile.PolicyLock;
import dev.cask.runtime.model.policy.Effect;
import dev.cask.runtime.model.policy.Match;
import dev.cask.runtime.model.policy.Policy;
import dev.cask.runtime.model.policy.PolicyRule;
import dev.cask.runtime.model.signers.SignersFile;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import dev.cask.runtime.server.testing.EchoUpstream;
import dev.cask.runtime.server.testing.SignedToolpacks;
import dev.cask.runtime.server.testing.TestToolpacks;
import dev.cask.runtime.verification.Approvals;
import dev.cask.runtime.verification.GateFixture;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, finding 2, against the packaged jar: a contributor who can write the signers file adds their own key, signs
 * that change and a policy that allows destructive tools. {@code serve} must refuse to start unless an anchor from
 * outside the repository vouches for the signers it runs with, or the operator explicitly trusts the repository
 * ({@code --trust-repo-signers}, loud and audited). Real Ed25519 signatures, real files, real {@code java -jar}.
 */
class TrustAnchorIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** The files of one project as an attacker left them, and the anchors an operator pinned before the attack. */
  record Project(Path toolpack, Path lockfile, Path signers, Path audit, String legitDigest, String aliceFingerprint,
      String bobFingerprint) {
    List<String> serve(String... extra) {
      List<String> args = new ArrayList<>(List.of("serve", "--toolpack", toolpack.toString(), "--lockfile",
          lockfile.toString(), "--signers", signers.toString(), "--audit-log", audit.toString(), "--allow-network",
          "127.0.0.0/8"));
      args.addAll(List.of(extra));
      return args;
    }
  }

  /**
   * Alice and bob (sensitive changes need both) are the signers the operator reviewed. Then mallory either adds her key
   * as version 2 signed by herself ({@code rewrite} false), or replaces the whole chain with a version 1 of her own
   * ({@code rewrite} true); in both cases she approves every tool and a policy that allows destructive calls.
   */
  Project attacked(String upstream, boolean rewrite) throws Exception {
    Path project = Files.createDirectories(dir.resolve(rewrite ? "rewritten" : "self-added"));
    GateFixture f = new GateFixture(project);
    f.clock = java.time.Clock.systemUTC();
    List<ToolDefinition> tools = new ArrayList<>();
    for (ToolDefinition tool : f.tools) {
      tools.add(GateFixture.withBaseUrl(tool, upstream));
    }
    f.tools = tools;
    String legit = f.signersDigest();
    SignersFile withMallory = f.signers.withSigner("mallory", GateFixture.signer("Mallory", f.mallory, null));
    if (rewrite) {
      SignersFile hers = new SignersFile(SignersFile.FORMAT_VERSION, 1, null, withMallory.signers(), new TreeMap<>(), List.of());
      f.signers = f.selfSign(hers, "mallory");
    } else {
      f.rotate(withMallory, "mallory");
    }
    f.policy = new Policy(Policy.FORMAT_VERSION, Effect.DENY, List.of(
        new PolicyRule("allow-read", 100, Effect.ALLOW, Match.risk(RiskTier.READ), null, "reads run"),
        new PolicyRule("allow-destructive", 100, Effect.ALLOW, Match.risk(RiskTier.DESTRUCTIVE), null, "mallory says so")),
        null);
    String policyDigest = CanonicalJson.digest(f.policy);
    f.lockfile = Lockfile.empty(f.toolpackName).withSequence(1).withPolicy(new PolicyLock(policyDigest,
        List.of(Approvals.policy(f.mallory, "mallory", f.toolpackName, policyDigest, "lgtm", GateFixture.SIGNED))));
    for (ToolDefinition tool : f.tools) {
      f.approve(tool, LockDecision.APPROVED, List.of("mallory"));
    }
    Path lockfile = Files.writeString(project.resolve("cask.lock.yaml"), f.lockfileYaml());
    Path signers = Files.writeString(project.resolve("cask.signers.yaml"), f.signersYaml());
    if (f.historyYaml() != null) {
      Files.writeString(project.resolve("cask.signers.history.yaml"), f.historyYaml());
    }
    return new Project(f.writeToolpack(), lockfile, signers, project.resolve("audit/audit.jsonl"), legit,
        Ed25519Keys.fingerprint(f.alice.publicKey()), Ed25519Keys.fingerprint(f.bob.publicKey()));
  }

  /** {@code java -Duser.home=HOME -jar cask-runtime.jar ARGS}, with only the given trust environment. */
  static Processes.Result run(Path home, List<String> args, Map<String, String> env) {
    List<String> command = new ArrayList<>(List.of(Processes.java(), "-Duser.home=" + home, "-jar",
        Processes.jar().toString()));
    command.addAll(args);
    Map<String, String> environment = new HashMap<>(env);
    environment.putIfAbsent("CASK_TRUST_ANCHOR", ""); // whatever the machine running the tests has set
    return Processes.run(command, environment, 60);
  }

  @Test
  void aSelfAddedKeyIsRefusedUnderEveryAnchorSourceAndWithoutAny() throws Exception {
    try (EchoUpstream upstream = EchoUpstream.start()) {
      Project p = attacked(upstream.baseUrl(), false);
      Path home = Files.createDirectories(dir.resolve("home"));
      String refused = "[signers_unsigned] " + p.signers() + ": version 2 is signed by 0 of the 2 distinct signers of "
          + "version 1 it needs (signer_unknown: the approval by mallory uses key " + new GateFixture(dir).mallory.keyId()
          + ", which no trusted signer owns). Fix: a signer of version 1 runs mvn cask:gate-allow "
          + "-Dcask.approveSigners=true (a key added in version 2 cannot vouch for it)";

      Processes.Result plain = run(home, p.serve(), Map.of());
      assertThat(plain.exitCode()).as(plain.stderr()).isEqualTo(3);
      assertThat(plain.stderr()).contains(refused).contains("[signers_not_anchored] " + p.signers());

      Processes.Result byDigest = run(home, p.serve("--trust-anchor", p.legitDigest()), Map.of());
      assertThat(byDigest.exitCode()).as(byDigest.stderr()).isEqualTo(3);
      assertThat(byDigest.stderr()).contains(refused).doesNotContain("signers_not_anchored");

      Processes.Result byKeys = run(home, p.serve(),
          Map.of("CASK_TRUST_ANCHOR", p.aliceFingerprint() + "," + p.bobFingerprint()));
      assertThat(byKeys.exitCode()).as(byKeys.stderr()).isEqualTo(3);
      assertThat(byKeys.stderr()).contains(refused);

      Files.createDirectories(home.resolve(".cask/demo"));
      Files.writeString(home.resolve(".cask/demo/trust-anchor"), "# the signers reviewed at deploy\n" + p.legitDigest() + "\n");
      Processes.Result byOperatorFile = run(home, p.serve(), Map.of());
      assertThat(byOperatorFile.exitCode()).as(byOperatorFile.stderr()).isEqualTo(3);
      assertThat(byOperatorFile.stderr()).contains(refused);

      for (Processes.Result result : List.of(plain, byDigest, byKeys, byOperatorFile)) {
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).doesNotContain("\tat ");
      }
      assertThat(upstream.requests()).isZero();
      assertThat(p.audit()).doesNotExist();
    }
  }

  @Test
  void aRewrittenChainIsRefusedByAnAnchorAndServedOnlyWhenTheOperatorTrustsTheRepository() throws Exception {
    try (EchoUpstream upstream = EchoUpstream.start()) {
      Project p = attacked(upstream.baseUrl(), true);
      Path home = Files.createDirectories(dir.resolve("home"));

      Processes.Result anchored = run(home, p.serve("--trust-anchor", p.legitDigest()), Map.of());
      assertThat(anchored.exitCode()).as(anchored.stderr()).isEqualTo(3);
      assertThat(anchored.stderr()).contains("[signers_anchor_mismatch] " + p.signers() + ": --trust-anchor pins version "
          + p.legitDigest() + ", but that is none of the 1 version(s) of this signers chain");

      Processes.Result keys = run(home, p.serve("--trust-anchor", p.aliceFingerprint()), Map.of());
      assertThat(keys.exitCode()).as(keys.stderr()).isEqualTo(3);
      assertThat(keys.stderr()).contains("[signers_anchor_mismatch]");

      Processes.Result none = run(home, p.serve(), Map.of());
      assertThat(none.exitCode()).as(none.stderr()).isEqualTo(3);
      assertThat(none.stderr()).contains("[signers_not_anchored] " + p.signers() + ": no trust anchor was given")
          .contains("Fix: pin the signers version you reviewed: --trust-anchor sha256:<digest>")
          .contains("--trust-repo-signers");
      assertThat(upstream.requests()).isZero();

      // The operator's explicit choice: the server starts, says so loudly, records it, and then does what the files say.
      Path err = dir.resolve("trusting.err");
      List<String> command = new ArrayList<>(List.of(Processes.java(), "-Duser.home=" + home, "-jar",
          Processes.jar().toString()));
      command.addAll(p.serve("--trust-repo-signers"));
      ProcessBuilder builder = new ProcessBuilder(command).redirectError(err.toFile());
      builder.environment().remove("CASK_TRUST_ANCHOR");
      Process process = builder.start();
      OutputStream in = process.getOutputStream();
      in.write(("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
          + "\"capabilities\":{},\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}\n"
          + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n"
          + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"delete_user\","
          + "\"arguments\":{\"id\":7}}}\n").getBytes(StandardCharsets.UTF_8));
      in.flush();
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      JsonNode answer = null;
      while (answer == null) {
        String line = out.readLine();
        assertThat(line).as("stdout ended early; stderr:\n%s", Files.readString(err)).isNotNull();
        JsonNode message = JSON.readTree(line);
        if (message.path("id").asInt() == 2) {
          answer = message;
        }
      }
      in.close();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).isZero();
      assertThat(answer.at("/result/_meta/dev.cask~1decision").asText()).as(answer.toString()).isEqualTo("allow");
      assertThat(upstream.requests()).as("what --trust-repo-signers means: the repository decides").isEqualTo(1);

      String stderr = Files.readString(err);
      assertThat(stderr).contains("cask-runtime: WARNING: --trust-repo-signers: serving with NO trust anchor. "
          + p.signers() + " (version 1, sha256:")
          .contains("can add their own key and approve any tool")
          .contains("pin the signers version you reviewed instead: --trust-anchor sha256:")
          .contains("trusted as the repository presents it (no trust anchor)");
      List<String> records = Files.readAllLines(p.audit());
      assertThat(records).as("the start record, then the call's intent and its outcome").hasSize(3);
      JsonNode start = JSON.readTree(records.get(0));
      assertThat(start.get("seq").asLong()).isEqualTo(1);
      assertThat(start.get("decision").asText()).isEqualTo("start");
      assertThat(start.get("reason").asText()).isEqualTo("trust_repo_signers");
      assertThat(JSON.readTree(records.get(1)).get("tool").asText()).isEqualTo("delete_user");
      assertThat(JSON.readTree(records.get(1)).get("reason").asText()).isEqualTo("sending");
      assertThat(JSON.readTree(records.get(2)).get("reason").asText()).isEqualTo("ok");
      Processes.Result verified = Processes.run(Processes.productionJar("audit", "verify", p.audit().toString()), Map.of(), 60);
      assertThat(verified.exitCode()).as(verified.stderr()).isZero();
    }
  }

  @Test
  void anAnchoredServerStartsAndSaysWhatVouchedForItsSigners() throws Exception {
    SignedToolpacks.Signed signed = SignedToolpacks.write(dir, "test-api",
        TestToolpacks.tools("http://127.0.0.1:1", 0), SignedToolpacks.confirmWrites());
    Path home = Files.createDirectories(dir.resolve("home"));
    Processes.Result started = run(home, SignedToolpacks.serveArgs(signed), Map.of());
    assertThat(started.exitCode()).as(started.stderr()).isZero();
    assertThat(started.stderr()).contains("signers version 1 (" + signed.signersDigest() + "), verified from version 1 "
        + "pinned by --trust-anchor").doesNotContain("WARNING");
    assertThat(Files.readAllLines(signed.auditLog())).as("no start-up record without --trust-repo-signers").isEmpty();

    // the same anchor from the operator's file, and a wrong one in the environment: every anchor given must hold
    Files.createDirectories(home.resolve(".cask/test-api"));
    Files.writeString(home.resolve(".cask/test-api/trust-anchor"), signed.signersDigest() + "\n");
    List<String> withoutOption = new ArrayList<>(SignedToolpacks.serveArgs(signed));
    int at = withoutOption.indexOf("--trust-anchor");
    withoutOption.remove(at + 1);
    withoutOption.remove(at);
    Processes.Result fromFile = run(home, withoutOption, Map.of());
    assertThat(fromFile.exitCode()).as(fromFile.stderr()).isZero();
    assertThat(fromFile.stderr()).contains("pinned by " + home.resolve(".cask/test-api/trust-anchor"));
    Processes.Result conflicting = run(home, withoutOption, Map.of("CASK_TRUST_ANCHOR", "sha256:" + "0".repeat(64)));
    assertThat(conflicting.exitCode()).isEqualTo(3);
    assertThat(conflicting.stderr()).contains("[signers_anchor_mismatch] " + signed.signers() + ": CASK_TRUST_ANCHOR pins");
  }

  /**
   * A client configuration must start a server that starts: {@code config} pins the signers version the project holds
   * (saying so), so the written {@code .mcp.json} starts {@code serve} verified from that version; a chain replaced after
   * it was written stops that same configuration. An operator's own anchor goes into the file as given.
   */
  @Test
  void aClientConfigurationStartsAServerPinnedToTheSignersItWasWrittenWith() throws Exception {
    Path project = Files.createDirectories(dir.resolve("configured"));
    Path home = Files.createDirectories(dir.resolve("home"));
    GateFixture f = new GateFixture(project);
    Files.writeString(project.resolve("cask.lock.yaml"), f.lockfileYaml());
    Files.writeString(project.resolve("cask.signers.yaml"), f.signersYaml());
    Path toolpack = f.writeToolpack();

    Processes.Result config = run(home, List.of("config", "--client", "claude-code", "--write", "--no-launcher",
        "--project", project.toString(), "--toolpack", toolpack.toString()), Map.of());
    assertThat(config.exitCode()).as(config.stderr()).isZero();
    assertThat(config.stderr()).contains("TRUST ON FIRST USE: no trust anchor was given, so the server is pinned to the "
        + "signers as this project holds them now: version 1 of " + project.resolve("cask.signers.yaml") + " ("
        + f.signersDigest() + ")");
    List<String> args = new ArrayList<>();
    JSON.readTree(project.resolve(".mcp.json").toFile()).at("/mcpServers/cask/args").forEach(a -> args.add(a.asText()));
    assertThat(args).containsSubsequence("--signers", project.resolve("cask.signers.yaml").toString(), "--trust-anchor",
        f.signersDigest());

    // What the client runs, with the tests' home and audit log: it verifies and starts (and ends with its stdin).
    List<String> clientStarts = new ArrayList<>(args.subList(2, args.size()));
    clientStarts.addAll(List.of("--audit-log", dir.resolve("audit/audit.jsonl").toString()));
    Processes.Result started = run(home, clientStarts, Map.of());
    assertThat(started.exitCode()).as(started.stderr()).isZero();
    assertThat(started.stderr()).contains("signers version 1 (" + f.signersDigest() + "), verified from version 1 pinned by"
        + " --trust-anchor");

    // mallory replaces the chain with her own version 1 and approves everything: the configuration written before stops.
    TreeMap<String, dev.cask.runtime.model.signers.Signer> hers = new TreeMap<>();
    hers.put("mallory", GateFixture.signer("Mallory", f.mallory, null));
    f.signers = f.selfSign(SignersFile.of(hers), "mallory");
    String policy = CanonicalJson.digest(f.policy);
    f.lockfile = Lockfile.empty(f.toolpackName).withSequence(1).withPolicy(new PolicyLock(policy,
        List.of(Approvals.policy(f.mallory, "mallory", f.toolpackName, policy, "lgtm", GateFixture.SIGNED))));
    f.tools.forEach(tool -> f.approve(tool, LockDecision.APPROVED, List.of("mallory")));
    Files.writeString(project.resolve("cask.lock.yaml"), f.lockfileYaml());
    Files.writeString(project.resolve("cask.signers.yaml"), f.signersYaml());
    Processes.Result refused = run(home, clientStarts, Map.of());
    assertThat(refused.exitCode()).as(refused.stderr()).isEqualTo(3);
    assertThat(refused.stderr()).contains("[signers_anchor_mismatch] " + project.resolve("cask.signers.yaml")
        + ": --trust-anchor pins version ");

    // The operator's own anchor is written as given, without the first-use notice.
    String alice = Ed25519Keys.fingerprint(f.alice.publicKey());
    Processes.Result given = run(home, List.of("config", "--client", "claude-code", "--no-launcher", "--project",
        project.toString(), "--toolpack", toolpack.toString(), "--trust-anchor", alice), Map.of());
    assertThat(given.exitCode()).as(given.stderr()).isZero();
    assertThat(given.stdout()).contains("\"--trust-anchor\"", "\"" + alice + "\"");
    assertThat(given.stderr()).doesNotContain("TRUST ON FIRST USE");
  }
}
