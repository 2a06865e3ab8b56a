package dev.cask.maven.verify;

import dev.cask.maven.compile.CompileSettings;
import dev.cask.maven.compile.CompiledToolpack;
import dev.cask.maven.compile.ToolpackCompiler;
import dev.cask.maven.compile.ToolpackWriter;
import dev.cask.maven.importers.CaptureImporter;
import dev.cask.maven.importers.ImportSettings;
import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.crypto.Ed25519Keys;
import dev.cask.runtime.crypto.SigningKey;
import dev.cask.runtime.json.CanonicalJson;
import dev.cask.runtime.model.capture.Capture;
import dev.cask.runtime.model.lockfile.Approval;
import dev.cask.runtime.model.lockfile.LockDecision;
import dev.cask.runtime.model.lockfile.LockEntry;
import dev.cask.runtime.model.lockfile.Lockfile;
import dev.cask.runtime.model.lockfile.PolicyLock;
import dev.cask.runtime.model.signers.Signer;
import dev.cask.runtime.model.signers.SignersFile;
import dev.cask.runtime.model.signers.SignersHistory;
import dev.cask.runtime.json.CaskFiles;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import dev.cask.runtime.model.toolpack.ToolSet;
import dev.cask.runtime.model.toolpack.ToolpackManifest;
import dev.cask.runtime.verification.Approvals;
import dev.cask.runtime.verification.GateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * A project for verify tests: real source files under {@code src/main/cask} (copied from the test fixtures), imported
 * and compiled by the real importers and compiler, every tool and the policy approved with a real Ed25519 key
 * (fixed seed), and the real gate files written (the signers file and its history as mvn cask:keygen
 * -Dcask.bootstrapSigners=true writes them).
 */
final class VerifyProject {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
  static final SigningKey ALICE = SigningKey.fromSeed(seed(7));

  final Path project;
  final List<String> log = new ArrayList<>();
  CompiledToolpack toolpack;

  VerifyProject(Path project) {
    this.project = project;
  }

  /** Copies fixtures ({@code traffic/recorded/shop.har} ...) into src/main/cask, imports, compiles and approves all. */
  VerifyProject build(ImportSettings settings, String... fixtures) {
    List<Path> inputs = new ArrayList<>();
    for (String fixture : fixtures) {
      Path target = project.resolve("src/main/cask").resolve(fixture.substring(fixture.lastIndexOf('/') + 1));
      copy(fixture(fixture), target);
      inputs.add(project.relativize(target));
    }
    Capture capture = CaptureImporter.standard().importAll(project, inputs, settings, BuildLog.silent());
    return compile(capture, UnaryOperator.identity());
  }

  /** Compiles a capture (edited first, for tests of bad inputs), writes target/cask and approves every tool. */
  VerifyProject compile(Capture capture, UnaryOperator<CompiledToolpack> edit) {
    toolpack = edit.apply(new ToolpackCompiler(CompileSettings.of("shop", "1.0.0"), BuildLog.silent()).compile(capture));
    ToolpackWriter.writeDirectory(project.resolve("target/cask"), toolpack);
    approveAll();
    return this;
  }

  void approveAll() {
    TreeMap<String, Signer> people = new TreeMap<>();
    people.put("alice", new Signer("Alice", Ed25519Keys.spkiBase64(ALICE.publicKey()), ALICE.keyId(), null, false));
    SignersFile content = SignersFile.of(people);
    Instant at = CLOCK.instant().minusSeconds(3600);
    SignersFile signers = content.withApprovals(List.of(Approvals.signers(ALICE, "alice", content, "test", at)));
    TreeMap<String, LockEntry> entries = new TreeMap<>();
    String name = toolpack.manifest().name();
    for (Tool tool : toolpack.tools().tools()) {
      var operation = tool.definition().operation();
      Approval approval = Approvals.tool(ALICE, "alice", name, operation, tool.digest(), LockDecision.APPROVED, "test", at);
      entries.put(operation.id(), new LockEntry(tool.name(), tool.digest(), tool.definition().risk().tier(),
          LockDecision.APPROVED, List.of(approval)));
    }
    String policyDigest = CanonicalJson.digest(toolpack.policy());
    String toolsets = CanonicalJson.digest(toolpack.toolsets());
    PolicyLock policy = new PolicyLock(policyDigest, toolsets,
        List.of(Approvals.policy(ALICE, "alice", name, policyDigest, toolsets, "test", at)));
    write("cask.lock.yaml", GateFiles.lockfileBytes(new Lockfile(1, name, 1, policy, entries)));
    write("cask.signers.yaml", GateFiles.signersBytes(signers));
    write("cask.signers.history.yaml", GateFiles.signersHistoryBytes(SignersHistory.of(List.of(signers))));
  }

  /**
   * Edits the written toolpack as someone with write access would (a tool definition, the capture), keeps its files
   * consistent (tool digests, the manifest's file digests) and approves everything again: what is left for verify to
   * find is exactly the edit.
   */
  void edit(UnaryOperator<ToolDefinition> tools, UnaryOperator<Capture> capture) {
    Path directory = project.resolve("target/cask");
    ToolSet set = CaskFiles.readJson(directory.resolve("tools.json"), "tools.json", ToolSet.class, null);
    List<Tool> edited = set.tools().stream().map(tool -> {
      ToolDefinition definition = tools.apply(tool.definition());
      return new Tool(CanonicalJson.digest(definition), definition, tool.evidence());
    }).toList();
    Capture newCapture = capture.apply(CaskFiles.readJson(directory.resolve("capture.json"), "capture.json", Capture.class, null));
    Map<String, byte[]> files = new java.util.LinkedHashMap<>();
    files.put("tools.json", CaskFiles.prettyJson(ToolSet.of(set.toolpack(), edited)));
    files.put("capture.json", CaskFiles.prettyJson(newCapture));
    ToolpackManifest old = toolpack.manifest();
    TreeMap<String, String> digests = new TreeMap<>(old.files());
    files.forEach((name, bytes) -> digests.put(name, CanonicalJson.digestBytes(bytes)));
    ToolpackManifest manifest = new ToolpackManifest(old.formatVersion(), old.name(), old.version(), old.sources(),
        edited.stream().map(t -> t.definition().host()).toList(), edited.stream().map(t -> t.definition().baseUrl()).toList(),
        old.tools(), old.riskTiers(), digests);
    files.put("toolpack.yaml", CaskFiles.yaml(manifest));
    CaskFiles.writeAtomically(directory, files);
    toolpack = new CompiledToolpack(manifest, ToolSet.of(set.toolpack(), edited), toolpack.policy(), newCapture,
        toolpack.toolsets(), files);
    approveAll();
  }

  Verification.Result verify() {
    return new Verification(CLOCK, BuildLog.of(log::add, log::add, line -> {})).run(VerifySettings.of(project));
  }

  VerifyReport verify(VerifySettings settings) {
    return new Verification(CLOCK, BuildLog.of(log::add, log::add, line -> {})).run(settings).report();
  }

  void write(String file, byte[] bytes) {
    try {
      Files.createDirectories(project.resolve(file).getParent());
      Files.write(project.resolve(file), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ToolCheck check(VerifyReport report, Contract contract, String tool) {
    return report.contracts().stream().filter(c -> c.contract() == contract).findFirst().orElseThrow()
        .checks().stream().filter(c -> c.tool().equals(tool)).findFirst().orElseThrow(() ->
            new AssertionError("no " + contract + " check for " + tool + " in " + report));
  }

  static Map<String, CheckStatus> statuses(VerifyReport report, Contract contract) {
    Map<String, CheckStatus> statuses = new TreeMap<>();
    report.contracts().stream().filter(c -> c.contract() == contract).findFirst().orElseThrow()
        .checks().forEach(c -> statuses.put(c.tool(), c.status()));
    return statuses;
  }

  static Path fixture(String name) {
    try {
      return Paths.get(VerifyProject.class.getResource("/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing test fixture " + name, e);
    }
  }

  private static void copy(Path from, Path to) {
    try {
      Files.createDirectories(to.getParent());
      Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] seed(int n) {
    byte[] seed = new byte[32];
    Arrays.fill(seed, (byte) n);
    return seed;
  }
}
