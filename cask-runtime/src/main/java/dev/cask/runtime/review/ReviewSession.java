package dev.cask.runtime.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.decision.LockfileDecisions;
import dev.cask.runtime.decision.SignerIdentity;
import dev.cask.runtime.json.CaskMappers;
import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.lockfile.LockDecision;
import dev.cask.runtime.model.lockfile.LockEntry;
import dev.cask.runtime.model.lockfile.Lockfile;
import dev.cask.runtime.model.lockfile.Names;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.toolpack.LoadedToolpack;
import dev.cask.runtime.toolpack.ToolpackLoader;
import dev.cask.runtime.verification.FileSource;
import dev.cask.runtime.verification.Problem;
import dev.cask.runtime.verification.ReasonCode;
import dev.cask.runtime.verification.ToolStatus;
import dev.cask.runtime.verification.VerificationInput;
import dev.cask.runtime.verification.VerificationReport;
import dev.cask.runtime.verification.VerificationSettings;
import dev.cask.runtime.verification.Verifier;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The review's state and its one action: what the gate says about each tool and the policy (the runtime's
 * {@link Verifier}, the same as {@code gate-check}), a tool's full definition and its diff against the approved one,
 * and a signed decision written to the lockfile ({@link LockfileDecisions}, the same as {@code gate-allow}). Screens
 * (full-screen or plain prompts) only show this and ask; they decide nothing themselves.
 */
public final class ReviewSession {
  private final ReviewSettings settings;
  private final Clock clock;
  private final LoadedToolpack approved;
  private SignerIdentity identity;
  private VerificationReport report;
  private List<ReviewItem> items = List.of();
  /** The sequence this session last wrote, or -1: a session is one step unless someone else writes in between. */
  private long written = -1;

  public ReviewSession(ReviewSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.approved = settings.approvedToolpack() == null ? null : ToolpackLoader.load(settings.approvedToolpack());
    refresh();
  }

  /** Verifies again (after a decision, or when files changed) and rebuilds the rows. */
  public void refresh() {
    report = new Verifier(clock, VerificationSettings.defaults()).verify(new VerificationInput(settings.toolpack(),
        FileSource.read(settings.lockfile(), settings.display(settings.lockfile())),
        FileSource.read(settings.signers(), settings.display(settings.signers())), settings.baseline()));
    LoadedToolpack toolpack = report.toolpack().orElseThrow(() -> fatal(ReasonCode.TOOLPACK_INVALID));
    report.signers().orElseThrow(() -> fatal(ReasonCode.SIGNERS_MISSING, ReasonCode.SIGNERS_INVALID));
    Lockfile lockfile = report.lockfile().orElseThrow(() -> fatal(ReasonCode.LOCKFILE_INVALID));
    if (!lockfile.toolpack().equals(toolpack.name())) {
      throw fatal(ReasonCode.TOOLPACK_MISMATCH);
    }
    Map<String, ToolStatus> statuses = new HashMap<>();
    report.tools().forEach(status -> statuses.putIfAbsent(status.tool(), status));
    List<ReviewItem> rows = new ArrayList<>();
    rows.add(policyItem(toolpack));
    for (Tool tool : toolpack.tools().tools()) {
      ToolStatus status = statuses.get(tool.name());
      LockEntry previous = lockfile.operations().get(tool.definition().operation().id());
      rows.add(new ReviewItem(tool, tool.name(), tool.definition().risk().tier(), state(status),
          status == null ? "" : status.detail(), previous));
    }
    items = List.copyOf(rows);
  }

  private ReviewItem policyItem(LoadedToolpack toolpack) {
    ReviewItem.State state = ReviewItem.State.APPROVED;
    String detail = "";
    for (Problem problem : report.errors()) {
      if (problem.code() == ReasonCode.POLICY_NOT_APPROVED || problem.code() == ReasonCode.TOOLSETS_NOT_APPROVED) {
        state = ReviewItem.State.NEW;
        detail = problem.reason();
      } else if (problem.code() == ReasonCode.POLICY_CHANGED || problem.code() == ReasonCode.TOOLSETS_CHANGED) {
        state = ReviewItem.State.CHANGED;
        detail = problem.reason();
      } else if (problem.subject().equals("policy")) {
        state = ReviewItem.State.INVALID;
        detail = problem.reason();
      }
    }
    return new ReviewItem(null, ReviewItem.POLICY, RiskTier.SENSITIVE, state, detail, null);
  }

  private static ReviewItem.State state(ToolStatus status) {
    if (status == null) {
      return ReviewItem.State.NEW;
    }
    return switch (status.state()) {
      case APPROVED -> ReviewItem.State.APPROVED;
      case NEW -> ReviewItem.State.NEW;
      case CHANGED -> ReviewItem.State.CHANGED;
      case BLOCKED -> ReviewItem.State.BLOCKED;
      case STALE, INVALID -> ReviewItem.State.INVALID;
    };
  }

  public List<ReviewItem> items() {
    return items;
  }

  public String toolpackName() {
    return report.toolpack().map(LoadedToolpack::name).orElse("?");
  }

  /** Whether {@code gate-check} would pass now. */
  public boolean passes() {
    return report.passed();
  }

  /** Every error {@code gate-check} would report now. */
  public List<Problem> errors() {
    return report.errors();
  }

  /** The signer, loaded (and its passphrase asked for) once. */
  public SignerIdentity identity() {
    if (identity == null) {
      identity = SignerIdentity.load(settings.keyDirectory(), settings.signer(), settings.project(),
          report.signers().orElseThrow(), settings.display(settings.signers()), settings.passphrase());
    }
    return identity;
  }

  /** The full definition as the toolpack holds it (pretty JSON), or the policy (YAML). */
  public List<String> definition(ReviewItem item) {
    LoadedToolpack toolpack = report.toolpack().orElseThrow();
    try {
      String text = item.isPolicy()
          ? CaskMappers.yaml().writeValueAsString(toolpack.policy())
          : CaskMappers.jsonPretty().writeValueAsString(item.tool().definition());
      List<String> lines = new ArrayList<>();
      lines.add(item.isPolicy() ? "policy.yaml, digest " + toolpack.policyDigest() : item.name() + ", digest " + item.tool().digest());
      text.lines().map(Screens::safe).forEach(lines::add);
      return lines;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot show " + item.name(), e);
    }
  }

  /**
   * A unified diff of the approved definition against this one. The lockfile pins only digests, so the approved
   * definition comes from the toolpack of the last approvals ({@code --baseline}), and only when its digest is exactly
   * the one the lockfile pins.
   */
  public List<String> diff(ReviewItem item) {
    if (item.isPolicy()) {
      return List.of("The lockfile pins the approved policy's digest only; the current policy is shown in full above.");
    }
    LockEntry previous = item.previous();
    if (previous == null) {
      return List.of("New tool: nothing was approved for " + item.call() + " before, so there is nothing to compare.");
    }
    if (previous.digest().equals(item.tool().digest())) {
      return List.of("Unchanged: the definition is exactly the one the lockfile pins (" + previous.digest() + ").");
    }
    Optional<Tool> old = approved == null ? Optional.empty()
        : approved.tools().tools().stream().filter(t -> t.definition().operation().equals(item.tool().definition().operation())
            && t.digest().equals(previous.digest())).findFirst();
    if (old.isEmpty()) {
      return List.of("Changed since it was " + previous.decision().wireName() + " (lockfile pins " + previous.digest() + ").",
          "The lockfile pins digests, not definitions: give the toolpack of the last approvals (--baseline DIR,",
          "-Dcask.baseline=DIR) to see how it changed.");
    }
    try {
      List<String> before = CaskMappers.jsonPretty().writeValueAsString(old.get().definition()).lines().toList();
      List<String> after = CaskMappers.jsonPretty().writeValueAsString(item.tool().definition()).lines().toList();
      return UnifiedDiffUtils.generateUnifiedDiff("approved " + previous.digest(), "current " + item.tool().digest(),
          before, DiffUtils.diff(before, after), 3).stream().map(Screens::safe).toList();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot compare " + item.name(), e);
    }
  }

  /** A sensitive tool is approved only when its name is typed (as in {@code gate-allow}). */
  public static boolean needsTypedName(ReviewItem item, LockDecision decision) {
    return decision == LockDecision.APPROVED && !item.isPolicy() && item.tier() == RiskTier.SENSITIVE;
  }

  /** The reason signed when the reviewer gives none. */
  public String defaultReason(LockDecision decision) {
    return (decision == LockDecision.APPROVED ? "reviewed and approved by " : "blocked by ") + identity().id();
  }

  /**
   * Signs {@code decision} about {@code item} with {@code reason} over the lockfile as it is now on disk, writes it (one
   * sequence step for the whole session, a new one if someone else wrote in between) and verifies again.
   *
   * @return a line saying what was signed
   */
  public String decide(ReviewItem item, LockDecision decision, String reason) {
    if (item.isPolicy() && decision != LockDecision.APPROVED) {
      throw new CaskException(ReviewItem.POLICY, null, "cannot be blocked", "edit src/main/cask/policy.yaml instead");
    }
    String signedReason;
    try {
      signedReason = Names.reason(reason == null || reason.isBlank() ? defaultReason(decision) : reason.trim());
    } catch (IllegalArgumentException e) {
      throw new CaskException("reason", null, e.getMessage(), "write the reason as one line of visible text");
    }
    SignerIdentity me = identity();
    refresh();
    Lockfile lockfile = report.lockfile().orElseThrow();
    long sequence = lockfile.sequence() == written ? written : lockfile.sequence() + 1;
    Instant now = clock.instant();
    Lockfile updated = item.isPolicy()
        ? LockfileDecisions.approvePolicy(lockfile, report.toolpack().orElseThrow(), me, signedReason, now)
        : LockfileDecisions.decide(lockfile, item.tool(), decision, me, signedReason, now);
    LockfileDecisions.write(settings.lockfile(), updated.withSequence(sequence));
    written = sequence;
    refresh();
    return (decision == LockDecision.APPROVED ? "Approved " : "Blocked ") + item.name() + " as " + me.id() + " ("
        + me.key().keyId() + "): \"" + signedReason + "\"; " + settings.display(settings.lockfile()) + " sequence " + sequence;
  }

  private CaskException fatal(ReasonCode... codes) {
    List<ReasonCode> wanted = List.of(codes);
    return report.errors().stream().filter(p -> wanted.contains(p.code())).findFirst()
        .map(p -> new CaskException(p.subject(), null, p.reason(), p.fix()))
        .orElseGet(() -> new CaskException("cask review", null, report.failureText(), "fix the problems above"));
  }
}
