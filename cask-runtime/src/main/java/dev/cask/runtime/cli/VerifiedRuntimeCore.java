package dev.cask.runtime.cli;

import dev.cask.runtime.CaskException;
import dev.cask.runtime.StartupTimings;
import dev.cask.runtime.json.CanonicalJson;
import dev.cask.runtime.model.policy.Policy;
import dev.cask.runtime.policy.PolicyFiles;
import dev.cask.runtime.server.GovernedServer;
import dev.cask.runtime.server.RuntimeCore;
import dev.cask.runtime.server.ServeRequest;
import dev.cask.runtime.server.audit.AuditChainVerifier;
import dev.cask.runtime.server.audit.AuditVerification;
import dev.cask.runtime.server.confirm.ApprovalResult;
import dev.cask.runtime.server.confirm.ConfirmationStore;
import dev.cask.runtime.server.confirm.PendingConfirmation;
import dev.cask.runtime.server.pipeline.ApprovedTools;
import dev.cask.runtime.server.pipeline.GovernedPipeline;
import dev.cask.runtime.server.pipeline.PipelineSettings;
import dev.cask.runtime.server.upstream.UpstreamConfig;
import dev.cask.runtime.verification.Baseline;
import dev.cask.runtime.verification.FileSource;
import dev.cask.runtime.verification.Problem;
import dev.cask.runtime.verification.VerificationInput;
import dev.cask.runtime.verification.VerificationReport;
import dev.cask.runtime.verification.VerificationSettings;
import dev.cask.runtime.verification.VerifiedToolpack;
import dev.cask.runtime.verification.Verifier;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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

  private final Map<String, String> env;
  private final PrintStream stderr;

  VerifiedRuntimeCore(Map<String, String> env, PrintStream stderr) {
    this.env = env;
    this.stderr = stderr;
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
                    Baseline.none()));
    for (Problem warning : report.warnings()) {
      stderr.println("cask-runtime: warning: " + warning.line());
    }
    VerifiedToolpack verified = report.requireVerified();
    StartupTimings.mark("verified");
    if (request.policy() != null) {
      requireSignedPolicy(request.policy(), verified);
    }
    Path auditLog = request.auditLog() != null ? request.auditLog() : defaultAuditLog(verified.name());
    UpstreamConfig credentials =
        request.upstreamConfig() == null ? UpstreamConfig.none() : UpstreamConfig.load(request.upstreamConfig(), env);
    PipelineSettings settings =
        PipelineSettings.builder(auditLog)
            .dryRun(request.dryRun())
            .allowNetworks(request.allowNetworks())
            .credentials(credentials)
            .build();
    GovernedPipeline pipeline =
        GovernedPipeline.start(ApprovedTools.verified(verified), settings, BrowserRuntime.open(request, verified, stderr));
    StartupTimings.mark("pipeline");
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  pipeline.close();
                  stderr.println("cask-runtime: audit log " + auditLog + ": " + pipeline.auditHead());
                },
                "cask-pipeline-close"));
    stderr.println(
        "cask-runtime: verified toolpack " + verified.name() + " " + verified.version() + ": "
            + verified.tools().size() + " approved tool(s), lockfile sequence " + verified.lockfileSequence()
            + "; audit log " + auditLog);
    return GovernedServer.of(pipeline, verified.name(), verified.version());
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
    ConfirmationStore store = ConfirmationStore.forAuditLog(auditLog);
    Optional<PendingConfirmation> pending = store.describe(challengeId);
    if (pending.isEmpty() || pending.get().state().isFinal()) {
      throw new CaskException(
          "confirm " + challengeId, null, "no pending confirmation with this id beside " + auditLog,
          "check the id, and pass the server's --audit-log if it is not the default");
    }
    if (!approve) {
      PendingConfirmation call = pending.get();
      return "Tool " + call.tool() + " (expires " + call.expiresAt() + ")\n" + call.summary();
    }
    ApprovalResult result = store.approve(challengeId);
    if (result != ApprovalResult.APPROVED && result != ApprovalResult.ALREADY_APPROVED) {
      throw new CaskException("confirm " + challengeId, null, "not approved: " + result.name().toLowerCase(java.util.Locale.ROOT), null);
    }
    return "Approved " + challengeId + ": the agent may now repeat exactly this call, once.";
  }

  @Override
  public String verifyAudit(Path auditLog) {
    if (!Files.isRegularFile(auditLog)) {
      throw new CaskException(auditLog.toString(), null, "file not found", "give the audit log's path");
    }
    AuditVerification verification = AuditChainVerifier.verify(auditLog);
    if (!verification.intact()) {
      throw new CaskException(auditLog.toString(), "line " + verification.brokenLine(), verification.describe(), null);
    }
    return verification.describe();
  }
}
