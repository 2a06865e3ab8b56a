package dev.cask.runtime.server.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import dev.cask.runtime.policy.PolicyEngine;
import dev.cask.runtime.server.audit.AuditEntry;
import dev.cask.runtime.server.audit.AuditLog;
import dev.cask.runtime.server.confirm.ApprovalResult;
import dev.cask.runtime.server.confirm.ConfirmationState;
import dev.cask.runtime.server.confirm.ConfirmationStore;
import dev.cask.runtime.server.confirm.KeyFile;
import dev.cask.runtime.server.ratelimit.RateLimiter;
import dev.cask.runtime.server.spi.ConfirmationPrompt;
import dev.cask.runtime.server.spi.Decision;
import dev.cask.runtime.server.spi.GovernedTools;
import dev.cask.runtime.server.spi.ToolCall;
import dev.cask.runtime.server.spi.ToolCallOutcome;
import dev.cask.runtime.server.upstream.AddressGuard;
import dev.cask.runtime.server.upstream.NetworkPolicy;
import dev.cask.runtime.server.upstream.RequestTemplate;
import dev.cask.runtime.server.upstream.UpstreamClient;
import dev.cask.runtime.server.upstream.UpstreamConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The enforcement pipeline: the one place where every call is decided. Steps run in this order, each in its own class:
 *
 * <ol>
 *   <li>{@link IntegrityStep}: tool known and approved, digest equals the lockfile's pin;
 *   <li>{@link ArgumentValidationStep}: arguments valid against the approved input schema (reserved {@code _cask_*}
 *       arguments split off first);
 *   <li>{@link PolicyStep}: the policy's verdict (default deny);
 *   <li>{@link RateLimitStep}: sliding windows and budgets;
 *   <li>{@link ConfirmationStep}: a person's approval when the policy says {@code confirm};
 *   <li>{@link RequestBuildStep}: the request from the binding;
 *   <li>{@link SsrfStep}: scheme, host and literal-address checks ({@link DryRunStep} ends dry runs right after);
 *   <li>{@link UpstreamStep}, {@link ResponseStep}: the guarded call and the redacted result;
 *   <li>the audit record, for every outcome.
 * </ol>
 *
 * Any exception is a {@code DENY} with {@code error_internal}; a call whose audit record cannot be written is a
 * {@code DENY} with {@code audit_unavailable}, and so is every call after it. The pipeline can only be built from
 * {@link ApprovedTools}, which only verification produces. Thread-safe.
 */
public final class GovernedPipeline implements GovernedTools, AutoCloseable {
  private static final System.Logger LOG = System.getLogger(GovernedPipeline.class.getName());
  private static final int MAX_AUDIT_FIELD = 200;

  private final PipelineSettings settings;
  private final String lockfileDigest;
  private final List<ToolDefinition> listed;
  private final Map<String, ServedTool> tools;
  private final List<PipelineStep> steps;
  private final AuditLog audit;
  private final ConfirmationStore confirmations;
  private final UpstreamClient upstream;
  private final RequestDescription description;

  private GovernedPipeline(ApprovedTools approved, PipelineSettings settings) {
    this.settings = settings;
    this.lockfileDigest = approved.lockfileDigest();
    PolicyEngine policy;
    try {
      policy = PolicyEngine.compile(approved.policy());
    } catch (IllegalArgumentException e) {
      throw new CaskException("policy", null, e.getMessage(), "correct the policy (see the site page \"Policy\")", e);
    }
    NetworkPolicy network;
    try {
      network = NetworkPolicy.allowing(settings.allowNetworks());
    } catch (IllegalArgumentException e) {
      throw new CaskException("--allow-network", null, e.getMessage(), "give a CIDR range such as 10.0.0.0/8 or fd00::/8", e);
    }
    UpstreamConfig credentials = settings.credentials();
    Map<String, ServedTool> byName = new HashMap<>();
    Set<String> hosts = new HashSet<>();
    for (Tool tool : approved.tools()) {
      ToolDefinition definition = tool.definition();
      RequestTemplate template;
      try {
        String hostKey = hostKey(definition);
        template = RequestTemplate.compile(definition, credentials.reservedHeaders(hostKey), credentials.reservedQueryNames(hostKey));
      } catch (IllegalArgumentException e) {
        throw new CaskException("toolpack " + approved.toolpack(), "tool " + definition.name(), e.getMessage(),
            "fix the source operation and recompile, or change the upstream config so it does not clash with the tool's arguments", e);
      }
      hosts.add(template.hostKey());
      byName.put(definition.name(),
          new ServedTool(tool, approved.pinnedDigest(definition.name()), policy.forTool(definition), template,
              policy.policy().rateLimits()));
    }
    this.tools = Map.copyOf(byName);
    this.listed = approved.tools().stream().map(Tool::definition).toList();
    this.description = new RequestDescription(credentials, settings.redactor());

    Path directory = settings.auditLog().toAbsolutePath().getParent();
    byte[] master = KeyFile.loadOrCreate(directory.resolve(ConfirmationStore.KEY_FILE));
    this.confirmations =
        ConfirmationStore.open(directory.resolve(ConfirmationStore.DIRECTORY), master, settings.clock(), settings.confirmationTtl());
    AddressGuard guard = new AddressGuard(settings.resolver(), network);
    this.audit = AuditLog.open(settings.auditLog(), settings.auditDurability(), settings.clock());
    try {
      this.upstream = new UpstreamClient(settings.upstream(), guard, credentials, hosts);
    } catch (RuntimeException e) {
      audit.close();
      throw e;
    }
    this.steps =
        List.of(
            new IntegrityStep(tools),
            new ArgumentValidationStep(KeyFile.derive(master, "audit-arguments")),
            new PolicyStep(),
            new RateLimitStep(new RateLimiter(settings.ticker())),
            new ConfirmationStep(confirmations, lockfileDigest, description),
            new RequestBuildStep(),
            new SsrfStep(upstream, guard),
            new DryRunStep(description),
            new UpstreamStep(upstream),
            new ResponseStep(description));
  }

  /** The tool's host key, or "" when its base URL has no usable host (the template then refuses the tool). */
  private static String hostKey(ToolDefinition definition) {
    try {
      String host = definition.host();
      return host == null ? "" : host.toLowerCase(Locale.ROOT);
    } catch (RuntimeException e) {
      return "";
    }
  }

  /**
   * Builds the pipeline and opens its resources (audit log, confirmation store, server key, HTTP client).
   *
   * @throws CaskException when the policy, a tool binding, the network allowances or a file is not usable: nothing is
   *     served then
   */
  public static GovernedPipeline start(ApprovedTools approved, PipelineSettings settings) {
    return new GovernedPipeline(approved, settings);
  }

  @Override
  public List<ToolDefinition> listTools() {
    return listed;
  }

  @Override
  public JsonNode advertisedInputSchema(ToolDefinition tool) {
    return ReservedArguments.advertise(tool.inputSchema());
  }

  @Override
  public ToolCallOutcome call(ToolCall call) {
    CallContext context = new CallContext(call, settings.ticker().nanos());
    if (settings.dryRun()) {
      context.dryRun = true;
    }
    ToolCallOutcome outcome;
    try {
      outcome = audit.healthy() ? run(context) : auditUnavailable();
    } catch (Throwable e) {
      LOG.log(System.Logger.Level.ERROR, "internal error in a call to " + Texts.printable(call.tool()), e);
      outcome = Outcomes.deny(ReasonCodes.ERROR_INTERNAL, "internal error; the operator finds the details in the server log");
    }
    try {
      audit.append(entry(context, outcome));
    } catch (Throwable e) {
      LOG.log(System.Logger.Level.ERROR, "cannot write the audit log; every call is denied from now on", e);
      return auditUnavailable();
    }
    return outcome;
  }

  private ToolCallOutcome run(CallContext context) throws Exception {
    for (PipelineStep step : steps) {
      ToolCallOutcome outcome = step.apply(context);
      if (outcome != null) {
        return outcome;
      }
    }
    throw new IllegalStateException("the pipeline ended without an outcome");
  }

  private static ToolCallOutcome auditUnavailable() {
    return Outcomes.deny(ReasonCodes.AUDIT_UNAVAILABLE, "the audit log cannot be written, so no call runs; tell the operator");
  }

  private AuditEntry entry(CallContext context, ToolCallOutcome outcome) {
    long micros = TimeUnit.NANOSECONDS.toMicros(settings.ticker().nanos() - context.startNanos);
    List<String> auditRules = context.verdict == null ? List.of() : context.verdict.auditRules();
    String request = null;
    if (!auditRules.isEmpty() && context.request != null) {
      try {
        request = description.line(context.request);
      } catch (RuntimeException e) {
        request = "[redaction failed]";
      }
    }
    return new AuditEntry(
        Texts.capped(context.call.sessionId(), MAX_AUDIT_FIELD),
        Texts.capped(context.call.tool(), MAX_AUDIT_FIELD),
        outcome.decision().name().toLowerCase(Locale.ROOT),
        outcome.reasonCode(),
        context.verdict == null ? null : context.verdict.ruleId(),
        context.argumentsHmac,
        context.dryRun,
        context.challengeId,
        context.response == null ? null : context.response.status(),
        micros,
        lockfileDigest,
        auditRules,
        request);
  }

  @Override
  public Optional<ConfirmationPrompt> describeConfirmation(String challengeId) {
    return confirmations.describe(challengeId)
        .filter(challenge -> challenge.state() != ConfirmationState.USED)
        .map(challenge -> new ConfirmationPrompt(challenge.id(), challenge.tool(), challenge.summary(), challenge.expiresAt()));
  }

  @Override
  public boolean approveConfirmation(String challengeId) {
    ApprovalResult result = confirmations.approve(challengeId);
    boolean approved = result == ApprovalResult.APPROVED || result == ApprovalResult.ALREADY_APPROVED;
    String tool = confirmations.describe(challengeId).map(c -> c.tool()).orElse("");
    try {
      audit.append(new AuditEntry("elicitation", tool, Decision.CONFIRM.name().toLowerCase(Locale.ROOT),
          approved ? "confirmation_approved" : "confirmation_not_approved", null, null, false,
          dev.cask.runtime.server.confirm.ChallengeIds.isWellFormed(challengeId) ? challengeId : null, null, 0,
          lockfileDigest, List.of(), null));
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "cannot write the audit log", e);
      return false;
    }
    return approved;
  }

  /** The lockfile digest the pipeline enforces. */
  public String lockfileDigest() {
    return lockfileDigest;
  }

  /** The audit log's chain head and record count, for a shutdown message an operator can anchor. */
  public String auditHead() {
    return audit.records() + " records, head " + audit.head();
  }

  @Override
  public void close() {
    upstream.close();
    audit.close();
  }
}
