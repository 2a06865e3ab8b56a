package dev.cask.runtime.verification.checks;

import dev.cask.runtime.model.OperationKey;
import dev.cask.runtime.model.lockfile.Lockfile;
import dev.cask.runtime.model.signers.SignersFile;
import dev.cask.runtime.model.signers.SignersHistory;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.toolpack.LoadedToolpack;
import dev.cask.runtime.verification.ApprovedTool;
import dev.cask.runtime.verification.Problem;
import dev.cask.runtime.verification.ReasonCode;
import dev.cask.runtime.verification.SignersTrust;
import dev.cask.runtime.verification.ToolStatus;
import dev.cask.runtime.verification.TrustAnchors;
import dev.cask.runtime.verification.VerificationSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What the checks read (parsed, integrity-checked inputs) and where they report (problems, statuses, approvals). */
public final class CheckContext {
  private final LoadedToolpack toolpack;
  private final Lockfile lockfile;
  private final String lockfileName;
  private final SignersFile signers;
  private final String signersName;
  private final Baselines baselines;
  private final Chain chain;
  private final Instant now;
  private final VerificationSettings settings;
  private final List<Problem> problems = new ArrayList<>();
  private final List<ToolStatus> statuses = new ArrayList<>();
  private final List<ApprovedTool> approved = new ArrayList<>();
  private ApprovalValidator validator;
  private ToolSignatures toolSignatures;
  private boolean stopped;
  private SignersTrust trust;

  /**
   * The baseline, parsed.
   *
   * @param signersConfigured whether a baseline signers file was asked for
   * @param signers the baseline signers file, or null when not configured or absent there
   * @param lockfile the baseline lockfile, or null when not configured or absent there
   * @param lockfileName its display name
   * @param signersName the baseline signers file's display name, or null
   */
  public record Baselines(
      boolean signersConfigured, SignersFile signers, Lockfile lockfile, String lockfileName, String signersName) {
    public Baselines(boolean signersConfigured, SignersFile signers, Lockfile lockfile, String lockfileName) {
      this(signersConfigured, signers, lockfile, lockfileName, null);
    }
  }

  /**
   * What the signers file's rotation chain is checked with.
   *
   * @param history the parsed history, or null when its file does not exist
   * @param historyName the history file's display name
   * @param anchors the operator's trust anchors
   */
  public record Chain(SignersHistory history, String historyName, TrustAnchors anchors) {
    public Chain {
      Objects.requireNonNull(historyName, "historyName");
      Objects.requireNonNull(anchors, "anchors");
    }

    /** No history file, no anchors. */
    public static Chain none() {
      return new Chain(null, "cask.signers.history.yaml", TrustAnchors.none());
    }
  }

  public CheckContext(
      LoadedToolpack toolpack, Lockfile lockfile, String lockfileName, SignersFile signers, String signersName,
      Baselines baselines, Instant now, VerificationSettings settings) {
    this(toolpack, lockfile, lockfileName, signers, signersName, baselines, Chain.none(), now, settings);
  }

  public CheckContext(
      LoadedToolpack toolpack, Lockfile lockfile, String lockfileName, SignersFile signers, String signersName,
      Baselines baselines, Chain chain, Instant now, VerificationSettings settings) {
    this.toolpack = Objects.requireNonNull(toolpack, "toolpack");
    this.lockfile = Objects.requireNonNull(lockfile, "lockfile");
    this.lockfileName = lockfileName;
    this.signers = Objects.requireNonNull(signers, "signers");
    this.signersName = signersName;
    this.baselines = Objects.requireNonNull(baselines, "baselines");
    this.chain = Objects.requireNonNull(chain, "chain");
    this.now = Objects.requireNonNull(now, "now");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  public LoadedToolpack toolpack() {
    return toolpack;
  }

  public Lockfile lockfile() {
    return lockfile;
  }

  public String lockfileName() {
    return lockfileName;
  }

  public SignersFile signers() {
    return signers;
  }

  public String signersName() {
    return signersName;
  }

  public Baselines baselines() {
    return baselines;
  }

  public Chain chain() {
    return chain;
  }

  /** Records why the signers file is trusted (set by the chain check). */
  public void trust(SignersTrust value) {
    this.trust = value;
  }

  /** Why the signers file is trusted, or null when its chain did not verify. */
  public SignersTrust trust() {
    return trust;
  }

  public Instant now() {
    return now;
  }

  public VerificationSettings settings() {
    return settings;
  }

  /** Validates approvals against the (current, trusted) signers file. */
  public ApprovalValidator validator() {
    if (validator == null) {
      validator = new ApprovalValidator(signers, now, settings.clockSkew());
    }
    return validator;
  }

  /**
   * The signature checks of the lockfile's tool entries against the (current, trusted) signers: the ones the verifier
   * computed ahead (while the toolpack was read) when they are for this lockfile and signers file, else computed now.
   */
  public ToolSignatures toolSignatures() {
    if (toolSignatures == null || !toolSignatures.covers(lockfile, signers, now, settings.clockSkew())) {
      toolSignatures = ToolSignatures.check(lockfile, signers, now, settings.clockSkew());
    }
    return toolSignatures;
  }

  /** Hands over signature checks computed ahead; used only if they cover this context's lockfile and signers. */
  public void precomputed(ToolSignatures signatures) {
    this.toolSignatures = signatures;
  }

  public void error(ReasonCode code, String subject, String reason, String fix) {
    problems.add(new Problem(Problem.Severity.ERROR, code, subject, reason, fix));
  }

  public void warn(ReasonCode code, String subject, String reason, String fix) {
    problems.add(new Problem(Problem.Severity.WARNING, code, subject, reason, fix));
  }

  public void status(ToolStatus status) {
    statuses.add(status);
  }

  public void approved(Tool tool, OperationKey operation, List<String> signerIds) {
    approved.add(new ApprovedTool(tool, operation, signerIds));
  }

  /** Later checks make no sense (another toolpack's lockfile): skip them. */
  public void stop() {
    stopped = true;
  }

  public boolean stopped() {
    return stopped;
  }

  public List<Problem> problems() {
    return List.copyOf(problems);
  }

  public int problemCount() {
    return problems.size();
  }

  /** The most recent problem's code. */
  ReasonCode lastCode() {
    return problems.get(problems.size() - 1).code();
  }

  public List<ToolStatus> statuses() {
    return List.copyOf(statuses);
  }

  public List<ApprovedTool> approvedTools() {
    return List.copyOf(approved);
  }
}
