package dev.cask.maven.gate;

import dev.cask.maven.compile.CompileSettings;
import dev.cask.maven.compile.CompiledToolpack;
import dev.cask.maven.compile.ToolpackCompiler;
import dev.cask.maven.compile.ToolpackWriter;
import dev.cask.maven.importers.CaptureImporter;
import dev.cask.maven.importers.ImportSettings;
import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.crypto.Ed25519Keys;
import dev.cask.runtime.crypto.SigningKey;
import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.capture.Capture;
import dev.cask.runtime.model.lockfile.Approval;
import dev.cask.runtime.model.lockfile.LockDecision;
import dev.cask.runtime.model.lockfile.LockEntry;
import dev.cask.runtime.model.lockfile.Lockfile;
import dev.cask.runtime.model.lockfile.PolicyLock;
import dev.cask.runtime.model.signers.Signer;
import dev.cask.runtime.model.signers.SignersFile;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.verification.Approvals;
import dev.cask.runtime.verification.GateFiles;
import dev.cask.runtime.verification.VerificationReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Gate figures on GitHub's real API description (1,223 operations). {@code prepare DIR}: import, compile, sign every
 * tool (sensitive ones by two signers, as requiredApprovals says) and the policy, write the project. {@code verify DIR}:
 * one verification in this (fresh) JVM, as {@code gate-check} and server start-up do; prints the time and the status
 * counts. Run {@code cask-maven-plugin/bench/gate-github.sh}; prints figures, asserts nothing.
 */
public final class GithubGateBenchmark {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);

  private GithubGateBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path project = Path.of(args[1]);
    if (args[0].equals("prepare")) {
      prepare(Path.of(args[2]), project);
    } else if (args[0].equals("phases")) {
      phases(project);
    } else {
      verify(project);
    }
  }

  static void prepare(Path spec, Path project) throws Exception {
    long t0 = System.nanoTime();
    Capture capture = CaptureImporter.standard().importAll(spec.getParent(), List.of(spec.getFileName()), ImportSettings.defaults(), BuildLog.silent());
    CompiledToolpack toolpack = new ToolpackCompiler(CompileSettings.of("github", "1.0.0"), BuildLog.silent()).compile(capture);
    ToolpackWriter.writeDirectory(project.resolve("target/cask"), toolpack);
    long t1 = System.nanoTime();
    SigningKey alice = SigningKey.fromSeed(seed(1));
    SigningKey bob = SigningKey.fromSeed(seed(2));
    TreeMap<String, Signer> people = new TreeMap<>();
    people.put("alice", new Signer("Alice", Ed25519Keys.spkiBase64(alice.publicKey()), alice.keyId(), null, false));
    people.put("bob", new Signer("Bob", Ed25519Keys.spkiBase64(bob.publicKey()), bob.keyId(), null, false));
    SignersFile content = new SignersFile(SignersFile.FORMAT_VERSION, 1, null, people, new TreeMap<>(Map.of("sensitive", 2)), List.of());
    Instant at = CLOCK.instant().minusSeconds(3600);
    SignersFile signers = content.withApprovals(List.of(Approvals.signers(alice, "alice", content, "bench", at),
        Approvals.signers(bob, "bob", content, "bench", at)));
    TreeMap<String, LockEntry> entries = new TreeMap<>();
    for (Tool tool : toolpack.tools().tools()) {
      var operation = tool.definition().operation();
      boolean sensitive = tool.definition().risk().tier() == RiskTier.SENSITIVE;
      List<Approval> approvals = sensitive
          ? List.of(Approvals.tool(alice, "alice", "github", operation, tool.digest(), LockDecision.APPROVED, "bench", at),
              Approvals.tool(bob, "bob", "github", operation, tool.digest(), LockDecision.APPROVED, "bench", at))
          : List.of(Approvals.tool(alice, "alice", "github", operation, tool.digest(), LockDecision.APPROVED, "bench", at));
      entries.put(operation.id(), new LockEntry(tool.name(), tool.digest(), tool.definition().risk().tier(), LockDecision.APPROVED, approvals));
    }
    String policyDigest = dev.cask.runtime.json.CanonicalJson.digest(toolpack.policy());
    String toolsets = dev.cask.runtime.json.CanonicalJson.digest(toolpack.toolsets());
    PolicyLock policy = new PolicyLock(policyDigest, toolsets, List.of(
        Approvals.policy(alice, "alice", "github", policyDigest, toolsets, "bench", at),
        Approvals.policy(bob, "bob", "github", policyDigest, toolsets, "bench", at)));
    Files.write(project.resolve("cask.lock.yaml"), GateFiles.lockfileBytes(new Lockfile(1, "github", 1, policy, entries)));
    Files.write(project.resolve("cask.signers.yaml"), GateFiles.signersBytes(signers));
    long t2 = System.nanoTime();
    System.out.printf(Locale.ROOT, "prepared %d tools: import+compile %.1f s, signing %.1f s; tools.json %.1f MiB, lockfile %.0f KiB%n",
        toolpack.tools().tools().size(), (t1 - t0) / 1e9, (t2 - t1) / 1e9,
        Files.size(project.resolve("target/cask/tools.json")) / 1048576.0, Files.size(project.resolve("cask.lock.yaml")) / 1024.0);
  }

  static void verify(Path project) {
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    long cpu = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    VerificationReport report = new GateCheck(CLOCK, BuildLog.silent()).verify(GateSettings.of(project));
    double ms = (System.nanoTime() - t0) / 1e6;
    double cpuMs = (os.getProcessCpuTime() - cpu) / 1e6;
    System.out.printf(Locale.ROOT, "verification in a fresh JVM: %.0f ms wall, %.0f ms CPU; passed=%s, %d approved tools, load average %.1f%n",
        ms, cpuMs, report.passed(), report.verified().map(v -> v.tools().size()).orElse(0),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    if (!report.passed()) {
      System.out.println(report.failureText().lines().limit(10).reduce((a, b) -> a + "\n" + b).orElse(""));
    }
  }

  /** Each phase once, in a fresh JVM, in the order verification runs them (each later phase pays less warm-up). */
  static void phases(Path project) throws Exception {
    long t0 = System.nanoTime();
    byte[] lock = Files.readAllBytes(project.resolve("cask.lock.yaml"));
    Lockfile lockfile = GateFiles.parseLockfile(lock, "cask.lock.yaml");
    long t1 = System.nanoTime();
    var toolpack = dev.cask.runtime.toolpack.ToolpackLoader.load(project.resolve("target/cask"));
    long t2 = System.nanoTime();
    int valid = 0;
    for (var entry : lockfile.operations().entrySet()) {
      for (Approval approval : entry.getValue().approvals()) {
        byte[] payload = dev.cask.runtime.verification.SignedPayloads.tool("github", entry.getKey(), entry.getValue().digest(),
            entry.getValue().decision(), approval.reason(), approval.keyId(), approval.signedAt());
        SigningKey key = SigningKey.fromSeed(seed(approval.signer().equals("alice") ? 1 : 2));
        valid += dev.cask.runtime.crypto.Ed25519Verifier.verify(key.publicKey(), payload,
            java.util.Base64.getDecoder().decode(approval.signature())) ? 1 : 0;
      }
    }
    long t3 = System.nanoTime();
    System.out.printf(Locale.ROOT, "phases: parse lockfile (YAML, %d KiB) %.0f ms; load toolpack (%d tools) %.0f ms; %d payloads + signatures %.0f ms%n",
        lock.length / 1024, (t1 - t0) / 1e6, toolpack.tools().tools().size(), (t2 - t1) / 1e6, valid, (t3 - t2) / 1e6);
  }

  private static byte[] seed(int n) {
    byte[] seed = new byte[32];
    Arrays.fill(seed, (byte) n);
    return seed;
  }
}
