package dev.cask.runtime.cli;

import dev.cask.runtime.CaskException;
import dev.cask.runtime.StartupTimings;
import dev.cask.runtime.json.CanonicalJson;
import dev.cask.runtime.model.policy.Policy;
import dev.cask.runtime.policy.PolicyFiles;
import dev.cask.runtime.server.DeploymentOptions;
import dev.cask.runtime.server.GovernedServer;
import dev.cask.runtime.server.RuntimeCore;
import dev.cask.runtime.server.ServeRequest;
import dev.cask.runtime.server.ToolSelection;
import dev.cask.runtime.server.audit.AuditChainVerifier;
import dev.cask.runtime.server.audit.AuditVerification;
import dev.cask.runtime.server.confirm.ApprovalChannel;
import dev.cask.runtime.server.confirm.ApprovalResult;
import dev.cask.runtime.server.confirm.KeyFile;
import dev.cask.runtime.crypto.Ed25519Keys;
import dev.cask.runtime.server.confirm.ConfirmationStore;
import dev.cask.runtime.server.confirm.Confirmations;
import dev.cask.runtime.server.state.StateStore;
import dev.cask.runtime.server.audit.AuditExport;
import dev.cask.runtime.server.confirm.PendingConfirmation;
import dev.cask.runtime.server.pipeline.ApprovedTools;
import dev.cask.runtime.server.pipeline.GovernedPipeline;
import dev.cask.runtime.server.pipeline.PipelineSettings;
import dev.cask.runtime.server.upstream.UpstreamConfig;
import dev.cask.runtime.toolpack.ToolpackLoader;
import dev.cask.runtime.verification.Baseline;
import dev.cask.runtime.verification.FileSource;
import dev.cask.runtime.verification.GateFiles;
import dev.cask.runtime.verification.Problem;
import dev.cask.runtime.verification.SignersTrust;
import dev.cask.runtime.verification.TrustAnchors;
import dev.cask.runtime.verification.VerificationInput;
import dev.cask.runtime.verification.VerificationReport;
import dev.cask.runtime.verification.VerificationSettings;
import dev.cask.runtime.verification.VerifiedToolpack;
import dev.cask.runtime.verification.Verifier;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The production composition root: the one place where the lockfile verifier (the same {@link Verifier} that
 * {@code mvn cask:gate-check} runs), the enforcement pipeline ({@link GovernedPipeline}) and the transports meet. The
 * pipeline is built only from a {@link VerifiedToolpack}; any verification problem is a {@link CaskException} and
 * nothing is served.
 */
final class VerifiedRuntimeCore implements RuntimeCore {
  /** Where the audit log (and, beside it, pending confirmations and the server key) goes by default. */
  static Path defaultAuditLog(String toolpack) {
    return Path.of(System.getProperty("user.home"), ".cask", toolpack, "audit.jsonl");
  }

  /** The reason of the start-up audit record of a server that runs without a trust anchor. */
  static final String TRUST_REPO_SIGNERS = "trust_repo_signers";

  private final Map<String, String> env;
  private final PrintStream stderr;

  VerifiedRuntimeCore(Map<String, String> env, PrintStream stderr) {
    this.env = env;
    this.stderr = stderr;
  }

  @Override
  public Optional<ToolpackLoader.Announced> announce(ServeRequest request) {
    return ToolpackLoader.announced(request.toolpack());
  }

  @Override
  public GovernedServer open(ServeRequest request) {
    VerificationReport report =
        new Verifier(Clock.systemUTC(), VerificationSettings.defaults())
            .verify(
                new VerificationInput(
                    request.toolpack(),
                    FileSource.read(request.lockfile(), request.lockfile().toString()),
                    FileSource.read(request.signers(), request.signers().toString()),
                    FileSource.read(GateFiles.historyOf(request.signers()), GateFiles.historyOf(request.signers()).toString()),
                    Baseline.none(),
                    request.anchors()));
    for (Problem warning : report.warnings()) {
      stderr.println("cask-runtime: warning: " + warning.line());
    }
    VerifiedToolpack all = report.requireVerified();
    ToolSelection.Selected selected = request.selection().apply(all);
    VerifiedToolpack verified = selected.toolpack();
    StartupTimings.mark("verified");
    SignersTrust trust = report.signersTrust().orElseThrow();
    boolean unanchored = !trust.pinned();
    if (request.policy() != null) {
      requireSignedPolicy(request.policy(), verified);
    }
    Path auditLog = request.auditLog() != null ? request.auditLog() : defaultAuditLog(verified.name());
    UpstreamConfig credentials =
        request.upstreamConfig() == null ? UpstreamConfig.none() : UpstreamConfig.load(request.upstreamConfig(), env);
    PipelineSettings.Builder settings =
        PipelineSettings.builder(auditLog)
            .dryRun(request.dryRun())
            .allowNetworks(request.allowNetworks())
            .credentials(credentials);
    DeploymentOptions deployment = request.deployment();
    StateStore state = null;
    if (deployment.state() != null) { // only then are the store's classes loaded (see ReplicaServices)
      byte[] sharedKey = ReplicaServices.sharedKey(deployment);
      state = ReplicaServices.state(deployment, env);
      settings.state(state).sharedKey(sharedKey);
    }
    AuditExport export = null;
    if (deployment.auditOtlp() != null) {
      StateStore shared = state;
      export = ReplicaServices.export(deployment, env, resource(verified, auditLog),
          () -> shared == null || shared.available());
      settings.auditListener(export);
    }
    GovernedPipeline pipeline;
    try {
      pipeline = GovernedPipeline.start(
          ApprovedTools.verified(verified), settings.build(), BrowserRuntime.open(request, verified, stderr));
    } catch (RuntimeException e) {
      if (state != null) {
        state.close();
      }
      if (export != null) {
        export.close();
      }
      throw e;
    }
    StartupTimings.mark("pipeline");
    if (unanchored) {
      warnUnanchored(request, trust, verified, auditLog);
      pipeline.recordStart(TRUST_REPO_SIGNERS);
    }
    AuditExport exported = export;
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  pipeline.close();
                  stderr.println("cask-runtime: audit log " + auditLog + ": " + pipeline.auditHead());
                  if (exported != null) {
                    exported.close();
                    stderr.println("cask-runtime: " + exported.summary());
                  }
                },
                "cask-pipeline-close"));
    stderr.println(
        "cask-runtime: verified toolpack " + verified.name() + " " + verified.version() + ": "
            + all.tools().size() + " approved tool(s), lockfile sequence " + verified.lockfileSequence()
            + "; signers " + trust.describe() + "; audit log " + auditLog);
    if (state != null) {
      stderr.println("cask-runtime: rate limits, budgets and confirmations are shared through " + state.description());
    }
    if (export != null) {
      stderr.println("cask-runtime: audit records and metrics are exported to " + deployment.auditOtlp());
    }
    if (selected.description() != null) {
      stderr.println("cask-runtime: " + selected.description());
    }
    stderr.println("cask-runtime: audit checkpoints are signed by the key to pin for 'audit verify --trusted-key': "
        + pipeline.auditCheckpointKey());
    for (String line : pipeline.auditStartReport()) {
      stderr.println("cask-runtime: WARNING: " + line);
    }
    return GovernedServer.of(pipeline, verified.name(), verified.version());
  }

  /** What the export says about this server: which toolpack, lockfile and audit log, and which instance. */
  private static Map<String, String> resource(VerifiedToolpack verified, Path auditLog) {
    Map<String, String> resource = new java.util.LinkedHashMap<>();
    resource.put("service.name", "cask-runtime");
    resource.put("service.instance.id", java.util.UUID.randomUUID().toString());
    resource.put("cask.toolpack", verified.name());
    resource.put("cask.toolpack.version", verified.version());
    resource.put("cask.lockfile", verified.lockfileDigest());
    resource.put("cask.audit.log", auditLog.toAbsolutePath().toString());
    return resource;
  }

  /**
   * {@code --trust-repo-signers} and no anchor: the server starts, but says loudly on stderr that anyone who can write the
   * signers file decides what runs; the caller records it as a {@code start} record of the audit log (before any call) so
   * the choice is on file.
   */
  private void warnUnanchored(ServeRequest request, SignersTrust trust, VerifiedToolpack verified, Path auditLog) {
    String signers = request.signers().toString();
    stderr.println("cask-runtime: WARNING: --trust-repo-signers: serving with NO trust anchor. " + signers + " (version "
        + trust.version() + ", " + trust.digest() + ") is trusted as the repository presents it: whoever can write it and "
        + GateFiles.historyOf(request.signers()) + " can add their own key and approve any tool, destructive ones "
        + "included.");
    stderr.println("cask-runtime: WARNING: pin the signers version you reviewed instead: --trust-anchor "
        + trust.digest() + " (or " + TrustAnchors.ENV + ", or ~/.cask/" + verified.name()
        + "/" + TrustAnchors.FILE_NAME + "). This start is recorded in the audit log "
        + auditLog + ".");
  }

  /** An operator's --policy must be the policy the lockfile pins: a different one was never reviewed. */
  private static void requireSignedPolicy(Path file, VerifiedToolpack verified) {
    Policy policy = PolicyFiles.read(file);
    String digest = CanonicalJson.digest(policy);
    if (!digest.equals(verified.policyDigest())) {
      throw new CaskException(
          file.toString(),
          null,
          "this policy (" + digest + ") is not the one the signed lockfile pins (" + verified.policyDigest() + ")",
          "approve it with the gate (mvn cask:approve) or drop --policy to use the toolpack's signed policy");
    }
  }

  @Override
  public String confirm(String challengeId, Path auditLog, boolean approve) {
    return confirmWith(ConfirmationStore.forAuditLog(auditLog), challengeId, "beside " + auditLog, approve);
  }

  @Override
  public String confirm(String challengeId, DeploymentOptions state, String toolpackName, boolean approve) {
    return ReplicaServices.confirm(challengeId, state, toolpackName, approve, env);
  }

  /** Shows a pending challenge (tool, expiry, exact request) or approves it, wherever it is kept. */
  static String confirmWith(Confirmations store, String challengeId, String where, boolean approve) {
    Optional<PendingConfirmation> pending = store.describe(challengeId);
    if (pending.isEmpty() || pending.get().state().isFinal()) {
      throw new CaskException(
          "confirm " + challengeId, null, "no pending confirmation with this id " + where,
          "check the id, and pass the server's --audit-log (or --state) if it is not the default");
    }
    if (!approve) {
      PendingConfirmation call = pending.get();
      return "Tool " + call.tool() + " (expires " + call.expiresAt() + ")\n" + call.summary();
    }
    ApprovalResult result = store.approve(challengeId, ApprovalChannel.CLI);
    if (result != ApprovalResult.APPROVED && result != ApprovalResult.ALREADY_APPROVED) {
      throw new CaskException("confirm " + challengeId, null, "not approved: " + result.name().toLowerCase(java.util.Locale.ROOT), null);
    }
    return "Approved " + challengeId + ": the agent may now repeat exactly this call, once.";
  }

  @Override
  public AuditVerification verifyAudit(Path auditLog, String trustedKey) {
    if (!Files.isRegularFile(auditLog) && !Files.isRegularFile(AuditChainVerifier.checkpointOf(auditLog))) {
      throw new CaskException(auditLog.toString(), null, "file not found", "give the audit log's path");
    }
    return AuditChainVerifier.verify(auditLog, trustedKey(auditLog, trustedKey));
  }

  /**
   * The checkpoint key to trust: the one given (what {@code serve} prints at start-up, pinned by the auditor), or else
   * the one derived from the server key beside the log, which only the server's user can read.
   */
  private static byte[] trustedKey(Path auditLog, String given) {
    if (given != null) {
      try {
        return Ed25519Keys.rawFromSpkiBase64(given.strip());
      } catch (IllegalArgumentException e) {
        throw new CaskException("--trusted-key", null, "not an Ed25519 public key: " + e.getMessage(),
            "pass the key 'serve' printed at start-up (base64, starting MCowBQYDK2VwAyEA)");
      }
    }
    Path serverKey = auditLog.toAbsolutePath().getParent().resolve(ConfirmationStore.KEY_FILE);
    if (!Files.exists(serverKey)) {
      throw new CaskException(auditLog.toString(), null, "there is no key to check its checkpoint with (no "
          + ConfirmationStore.KEY_FILE + " beside it)",
          "pass --trusted-key with the checkpoint key 'serve' printed at start-up");
    }
    return KeyFile.auditCheckpointKey(KeyFile.load(serverKey)).publicKey();
  }
}
