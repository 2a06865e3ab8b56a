package dev.cask.runtime.verification;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.json.CanonicalJson;
import dev.cask.runtime.model.HttpMethod;
import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.lockfile.LockDecision;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import dev.cask.runtime.toolpack.ToolpackLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Measures verification of a GitHub-sized toolpack (1,223 tools with realistic schema sizes, every tool signed, the
 * sensitive ones by two signers): the first verification in a fresh JVM (what server start-up and gate-check pay) and
 * warm runs. Not a test: run {@code cask-runtime/bench/verification.sh}. Prints figures; asserts nothing.
 */
public final class VerificationBenchmark {
  private VerificationBenchmark() {}

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 1223;
    Path dir = Files.createTempDirectory("cask-bench");
    GateFixture fixture = new GateFixture(dir);
    fixture.tools = new ArrayList<>();
    HttpMethod[] methods = {HttpMethod.GET, HttpMethod.GET, HttpMethod.POST, HttpMethod.PATCH, HttpMethod.DELETE};
    RiskTier[] tiers = {RiskTier.READ, RiskTier.READ, RiskTier.WRITE, RiskTier.WRITE, RiskTier.DESTRUCTIVE};
    for (int i = 0; i < count; i++) {
      RiskTier tier = i % 20 == 0 ? RiskTier.SENSITIVE : tiers[i % 5];
      ToolDefinition base = GateFixture.definition("tool_" + i, methods[i % 5], "/repos/{id}/things" + i, tier,
          "Operation " + i + ": " + "Lists, creates or changes things of a repository. ".repeat(6));
      fixture.tools.add(new ToolDefinition(base.name(), base.description(), base.method(), base.baseUrl(), base.path(),
          schema(12), schema(80), base.risk(), base.annotations(), base.binding(), base.security(), base.deprecated()));
    }
    long signStart = System.nanoTime();
    fixture.lockfile = dev.cask.runtime.model.lockfile.Lockfile.empty("demo").withSequence(1).withPolicy(fixture.lockfile.policy());
    java.util.TreeMap<String, dev.cask.runtime.model.lockfile.LockEntry> entries = new java.util.TreeMap<>();
    for (ToolDefinition tool : fixture.tools) {
      List<dev.cask.runtime.model.lockfile.Approval> approvals = new ArrayList<>();
      String digest = CanonicalJson.digest(tool);
      for (String id : tool.risk().tier() == RiskTier.SENSITIVE ? List.of("alice", "bob") : List.of("alice")) {
        approvals.add(Approvals.tool(fixture.key(id), id, "demo", tool.operation(), digest, LockDecision.APPROVED, "ok", GateFixture.SIGNED));
      }
      entries.put(tool.operation().id(), new dev.cask.runtime.model.lockfile.LockEntry(tool.name(), digest, tool.risk().tier(), LockDecision.APPROVED, approvals));
    }
    fixture.lockfile = new dev.cask.runtime.model.lockfile.Lockfile(1, "demo", 1, fixture.lockfile.policy(), entries);
    long signNanos = System.nanoTime() - signStart;
    Path toolpack = fixture.writeToolpack();
    byte[] lockfile = fixture.lockfileYaml().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] signers = fixture.signersYaml().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    VerificationInput input = new VerificationInput(toolpack, FileSource.of("cask.lock.yaml", lockfile),
        FileSource.of("cask.signers.yaml", signers), Baseline.none());
    Verifier verifier = new Verifier(fixture.clock, fixture.settings);

    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    long cold = System.nanoTime();
    VerificationReport first = verifier.verify(input);
    double coldMs = (System.nanoTime() - cold) / 1e6;
    double coldCpuMs = (os.getProcessCpuTime() - cpu0) / 1e6;
    if (!first.passed()) {
      throw new IllegalStateException(first.failureText());
    }
    double[] warm = new double[10];
    double[] load = new double[10];
    for (int i = 0; i < warm.length; i++) {
      long t0 = System.nanoTime();
      ToolpackLoader.load(toolpack);
      long t1 = System.nanoTime();
      verifier.verify(input);
      long t2 = System.nanoTime();
      load[i] = (t1 - t0) / 1e6;
      warm[i] = (t2 - t1) / 1e6;
    }

    Arrays.sort(warm);
    Arrays.sort(load);
    long toolsBytes = Files.size(toolpack.resolve("tools.json"));
    System.out.printf(java.util.Locale.ROOT, "tools: %d (%d approvals), tools.json %.1f MiB, lockfile %.0f KiB%n",
        count, first.requireVerified().tools().stream().mapToInt(t -> t.signers().size()).sum(),
        toolsBytes / 1048576.0, lockfile.length / 1024.0);
    System.out.printf(java.util.Locale.ROOT, "signing all approvals: %.0f ms%n", signNanos / 1e6);
    System.out.printf(java.util.Locale.ROOT, "first verification in a fresh JVM: %.0f ms wall, %.0f ms CPU (all threads, incl. JIT)%n", coldMs, coldCpuMs);
    long p0 = System.nanoTime();
    int ok = 0;
    for (var entry : fixture.lockfile.operations().entrySet()) {
      for (var approval : entry.getValue().approvals()) {
        byte[] payload = SignedPayloads.tool("demo", entry.getKey(), entry.getValue().digest(), entry.getValue().decision(),
            approval.reason(), approval.keyId(), approval.signedAt());
        byte[] raw = fixture.key(approval.signer()).publicKey();
        ok += dev.cask.runtime.crypto.Ed25519Verifier.verify(raw, payload, java.util.Base64.getDecoder().decode(approval.signature())) ? 1 : 0;
      }
    }
    System.out.printf(java.util.Locale.ROOT, "payload + Ed25519 verify of all %d approvals (warm): %.0f ms%n", ok, (System.nanoTime() - p0) / 1e6);
    System.out.printf(java.util.Locale.ROOT, "warm verification: median %.0f ms (min %.0f, max %.0f); of which loading the toolpack: median %.0f ms%n",
        warm[warm.length / 2], warm[0], warm[warm.length - 1], load[load.length / 2]);
    System.out.println("check digest: " + CanonicalJson.digestBytes(lockfile).substring(0, 19));
  }

  private static ObjectNode schema(int properties) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode schema = f.objectNode().put("type", "object");
    ObjectNode props = schema.putObject("properties");
    for (int i = 0; i < properties; i++) {
      ObjectNode p = props.putObject("field_" + i);
      p.put("type", i % 3 == 0 ? "string" : i % 3 == 1 ? "integer" : "boolean");
      p.put("description", "The field number " + i + " of this object, as the API returns it.");
      if (i % 10 == 0) {
        p.put("format", "uri");
      }
    }
    return schema;
  }
}
