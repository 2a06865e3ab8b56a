package dev.cask.maven.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.crypto.KeyDirectory;
import dev.cask.runtime.crypto.PassphraseSupplier;
import dev.cask.runtime.crypto.PemKeys;
import dev.cask.runtime.crypto.SigningKey;
import dev.cask.runtime.decision.SignerIdentity;
import dev.cask.runtime.model.HttpMethod;
import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.lockfile.LockDecision;
import dev.cask.runtime.model.signers.SignersFile;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import dev.cask.runtime.verification.GateFiles;
import dev.cask.runtime.verification.GateFixture;
import dev.cask.runtime.verification.VerificationReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A project directory for gate tests: a compiled toolpack (one tool per risk tier), real encrypted keys in a key
 * directory outside the project, the real gate engines, and git when a test needs a baseline ref.
 */
final class GateProject {
  static final PassphraseSupplier PASS = name -> "test passphrase".toCharArray();

  final Path project;
  final Path keys;
  final List<String> info = new ArrayList<>();
  final List<String> warnings = new ArrayList<>();
  final BuildLog log = BuildLog.of(info::add, warnings::add, line -> {});
  final Clock clock = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
  final List<ToolDefinition> tools = new ArrayList<>();
  GateSettings settings;

  GateProject(Path project, Path keys) {
    this.project = project;
    this.keys = keys;
    try {
      Files.createDirectories(project);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    settings = GateSettings.of(project);
    tools.add(GateFixture.definition("get_user", HttpMethod.GET, "/users/{id}", RiskTier.READ, "Get a user."));
    tools.add(GateFixture.definition("create_user", HttpMethod.POST, "/users", RiskTier.WRITE, "Create a user."));
    tools.add(GateFixture.definition("delete_user", HttpMethod.DELETE, "/users/{id}", RiskTier.DESTRUCTIVE, "Delete a user."));
    tools.add(GateFixture.definition("impersonate", HttpMethod.POST, "/admin/impersonate", RiskTier.SENSITIVE, "Act as a user."));
    compile();
  }

  void compile() {
    GateFixture.writeToolpack(project.resolve("target/cask"), "demo", tools, GateFixture.policy());
  }

  /** The first signer, creating the signers file (the explicit bootstrap). */
  void bootstrap(String id) {
    new Keygen(clock, log).run(settings, keys, id, id, null, "test passphrase".toCharArray(), true);
  }

  /** keygen -Dcask.bootstrapSigners=true once more (refused once the project has signers). */
  void bootstrapAgain() {
    new Keygen(clock, log).run(settings, keys, "second", "second", null, "test passphrase".toCharArray(), true);
  }

  /** A new key in the key directory and its entry pasted into the signers file, as a person would (unsigned). */
  void addSigner(String id) {
    new Keygen(clock, log).run(settings, keys, id, id, null, "test passphrase".toCharArray(), false);
    editSigners(signers -> signers.withSigner(id, GateFixture.signer(id, key(id), null)));
  }

  SigningKey key(String id) {
    return PemKeys.read(KeyDirectory.readPrivate(keys.resolve(id + ".pem")), PASS, id);
  }

  void editSigners(UnaryOperator<SignersFile> edit) {
    try {
      SignersFile signers = GateFiles.parseSigners(Files.readAllBytes(settings.signers()), "cask.signers.yaml");
      Files.write(settings.signers(), GateFiles.signersBytes(edit.apply(signers)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  GateDecisions.Outcome decide(String signer, DecisionRequest request) {
    return decide(signer, request, Prompt.none());
  }

  GateDecisions.Outcome decide(String signer, DecisionRequest request, Prompt prompt) {
    return new GateDecisions(clock, log, prompt).run(settings, request,
        signers -> SignerIdentity.load(keys, signer, project, signers, "cask.signers.yaml", PASS));
  }

  static DecisionRequest approve(List<String> tools, Set<RiskTier> tiers, boolean policy, boolean signers, boolean prune) {
    return new DecisionRequest(LockDecision.APPROVED, tools, tiers, false, policy, signers, prune, null);
  }

  VerificationReport check() {
    return new GateCheck(clock, log).verify(settings);
  }

  String read(String file) {
    try {
      return Files.readString(project.resolve(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs git in {@code dir}; fails the test on a non-zero exit. */
  static String git(Path dir, String... args) {
    List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@example.com",
        "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", "-c", "protocol.file.allow=always"));
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
      process.getOutputStream().close();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor()).as(String.join(" ", command) + "\n" + out).isZero();
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
