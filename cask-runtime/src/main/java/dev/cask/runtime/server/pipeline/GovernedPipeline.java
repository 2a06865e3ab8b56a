package dev.cask.runtime.server.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.browser.WebMcpCalls;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import dev.cask.runtime.policy.PolicyEngine;
import dev.cask.runtime.server.audit.AuditEntry;
import dev.cask.runtime.server.audit.AuditLog;
import dev.cask.runtime.server.confirm.ApprovalChannel;
import dev.cask.runtime.server.confirm.ApprovalResult;
import dev.cask.runtime.server.confirm.ChallengeIds;
import dev.cask.runtime.server.confirm.ConfirmationState;
import dev.cask.runtime.server.confirm.ConfirmationStore;
import dev.cask.runtime.server.confirm.Confirmations;
import dev.cask.runtime.server.confirm.KeyFile;
import dev.cask.runtime.server.confirm.PendingConfirmation;
import dev.cask.runtime.server.confirm.RedeemResult;
import dev.cask.runtime.server.ratelimit.RateLimiter;
import dev.cask.runtime.server.state.LocalStateStore;
import dev.cask.runtime.server.state.StateNamespace;
import dev.cask.runtime.server.state.StateStore;
import dev.cask.runtime.server.state.StateUnavailableException;
import dev.cask.runtime.server.spi.ConfirmationAnswer;
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
 *   <li>{@link IntegrityStep}: tool known and approved, digest equals the lockfile's pin ({@link BrowserAvailabilityStep}:
 *       a WebMCP tool needs {@code serve --browser});
 *   <li>{@link ArgumentReadingStep}: the arguments read (a JSON object within the limits, reserved {@code _cask_*}
 *       arguments split off, canonical digest and audit HMAC); a problem waits for step 4;
 *   <li>{@link StaticDenyStep}: a policy deny that no argument can change, before anything about the schema is said;
 *   <li>{@link ArgumentValidationStep}: arguments valid against the approved input schema;
 *   <li>{@link PolicyStep}: the policy's verdict on the validated arguments (default deny);
 *   <li>{@link RateLimitStep}: sliding windows and budgets;
 *   <li>{@link ConfirmationStep}: a person's approval when the policy says {@code confirm};
 *   <li>{@link RequestBuildStep}: the request from the binding;
 *   <li>{@link SsrfStep}: scheme, host and literal-address checks ({@link DryRunStep} ends dry runs right after);
 *   <li>{@link IntentStep}: the intent record, written before anything leaves;
 *   <li>{@link UpstreamStep} (a WebMCP tool: {@link WebMcpStep}, in the browser), {@link ResponseStep}: the guarded
 *       call and the redacted result;
 *   <li>the audit record, for every outcome (naming the intent, when there is one).
 * </ol>
 *
 * Any exception is a {@code DENY} with {@code error_internal}; a call whose audit record cannot be written is a
 * {@code DENY} with {@code audit_unavailable}, and so is every call after it. The other decisions a transport brings
 * here are audited the same way: a {@code tools/call} it could not read ({@link #refuse}, {@code invalid_request}) and
 * a person's answer in the client to a confirmation prompt ({@link #answerConfirmation}). The pipeline can only be built from
 * {@link ApprovedTools}, which only verification produces. Thread-safe.
 */
public final class GovernedPipeline implements GovernedTools, AutoCloseable {
  private static final System.Logger LOG = System.getLogger(GovernedPipeline.class.getName());
  private static final int MAX_AUDIT_FIELD = 200;
  /** The decision an intent record carries: allowed, and about to be sent. */
  private static final ToolCallOutcome INTENT =
      new ToolCallOutcome(Decision.ALLOW, AuditEntry.SENDING, "the request is being sent", null, false, null);

  private final PipelineSettings settings;
  private final String lockfileDigest;
  private final List<ToolDefinition> listed;
  private final Map<String, ServedTool> tools;
  private final List<PipelineStep> steps;
  private final AuditLog audit;
  private final StateStore state;
  private final Confirmations confirmations;
  private final UpstreamClient upstream;
  private final RequestDescription description;
  private final WebMcpCalls browser;
  /** Whether this pipeline only explains calls ({@link #explaining}): no audit log, no state store, no browser. */
  private final boolean explaining;

  /**
   * @param explainLimiter the rate-limit windows of an {@link #explaining} pipeline, or null for a serving one
   * @param browserServed whether WebMCP tools are available: {@code browser != null} when serving; when explaining,
   *     whether the explained server runs with {@code --browser}
   */
  private GovernedPipeline(ApprovedTools approved, PipelineSettings settings, WebMcpCalls browser,
      RateLimiter explainLimiter, boolean browserServed) {
    this.explaining = explainLimiter != null;
    this.settings = settings;
    this.browser = browser;
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
    ServableOutputs.require(approved);
    Map<String, ServedTool> byName = new HashMap<>();
    Set<String> hosts = new HashSet<>();
    for (Tool tool : approved.tools()) {
      ToolDefinition definition = tool.definition();
      RequestTemplate template;
      try {
        if (WebMcpRequests.isWebMcp(definition)) {
          template = null; // called in the browser: its "request" is the page, checked here once
          hosts.add(WebMcpRequests.build(definition, JsonNodeFactory.instance.objectNode()).hostKey());
        } else {
          ToolDefinition target = settings.routes().apply(definition);
          String hostKey = hostKey(target);
          template = RequestTemplate.compile(target, credentials.reservedHeaders(hostKey), credentials.reservedQueryNames(hostKey));
          hosts.add(template.hostKey());
        }
      } catch (IllegalArgumentException e) {
        throw new CaskException("toolpack " + approved.toolpack(), "tool " + definition.name(), e.getMessage(),
            "fix the source operation and recompile, or change the upstream config so it does not clash with the tool's arguments", e);
      }
      byName.put(definition.name(),
          new ServedTool(tool, approved.pinnedDigest(definition.name()), policy.forTool(definition), template,
              policy.policy().rateLimits()));
    }
    this.tools = Map.copyOf(byName);
    this.listed = approved.tools().stream().map(Tool::definition).toList();
    this.description = new RequestDescription(credentials, settings.redactor());

    Path directory = settings.auditLog().toAbsolutePath().getParent();
    // Explaining changes nothing: no key is created (an absent one means no audit HMACs or challenges to match), no
    // state store or confirmation store is opened (dry runs never reach it) and the serving server's audit log is not
    // touched.
    byte[] master = explaining ? explainKey(directory.resolve(ConfirmationStore.KEY_FILE))
        : KeyFile.loadOrCreate(directory.resolve(ConfirmationStore.KEY_FILE));
    StateNamespace namespace = new StateNamespace(approved.toolpack(), lockfileDigest);
    if (explaining) {
      this.state = null;
      this.confirmations = null;
    } else {
      this.state = settings.state() != null ? settings.state() : new LocalStateStore(directory);
      // Replicas share their challenges, so they must share the key that binds them; one server uses its own key.
      byte[] confirmationKey = settings.sharedKey() != null ? settings.sharedKey() : master;
      this.confirmations = state.confirmations(namespace, confirmationKey, settings.clock(), settings.confirmationTtl());
    }
    AddressGuard guard = new AddressGuard(settings.resolver(), network);
    this.audit = explaining ? null : AuditLog.open(settings.auditLog(), settings.auditDurability(), settings.clock(),
        KeyFile.auditCheckpointKey(master), lockfileDigest, settings.auditListener());
    try {
      this.upstream = new UpstreamClient(settings.upstream(), guard, credentials, hosts);
    } catch (RuntimeException e) {
      if (audit != null) {
        audit.close();
      }
      throw e;
    }
    this.steps =
        List.of(
            new IntegrityStep(tools),
            new BrowserAvailabilityStep(browserServed),
            new ArgumentReadingStep(KeyFile.derive(master, "audit-arguments")),
            new StaticDenyStep(),
            new ArgumentValidationStep(),
            new PolicyStep(),
            explaining ? new RateLimitStep(explainLimiter, explainLimiter)
                : new RateLimitStep(state.counters(namespace, settings.ticker()), new RateLimiter(settings.ticker())),
            new ConfirmationStep(confirmations, lockfileDigest, description),
            new RequestBuildStep(),
            new SsrfStep(upstream, guard),
            new DryRunStep(description),
            new IntentStep(audit, context -> entry(context, INTENT)),
            new WebMcpStep(browser, description),
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
    return start(approved, settings, null);
  }

  /**
   * Builds the pipeline with a browser for the toolpack's WebMCP tools ({@code serve --browser}); with {@code null},
   * those tools are listed as unavailable and every call to one is denied {@code browser_unavailable}. The pipeline
   * closes the browser when it closes.
   */
  public static GovernedPipeline start(ApprovedTools approved, PipelineSettings settings, WebMcpCalls browser) {
    return new GovernedPipeline(approved, settings, browser, null, browser != null);
  }

  /**
   * The same pipeline, built the same way from the same verified toolpack and settings, that only {@link #explain}s
   * calls (the {@code inspect} server's {@code explain_call}): every call is a dry run, decided by the same steps, and
   * nothing is written: no audit record (the serving server owns its log), no confirmation challenge, no server key.
   *
   * @param limiter the rate-limit state to check calls against (dry runs check, never count); the caller fills it with
   *     what the serving server counted
   * @param browserServed whether the explained server runs with {@code --browser} (else its WebMCP tools are
   *     unavailable); explaining never opens a browser (a dry run stops before it)
   */
  public static GovernedPipeline explaining(
      ApprovedTools approved, PipelineSettings settings, RateLimiter limiter, boolean browserServed) {
    return new GovernedPipeline(
        approved, settings, null, java.util.Objects.requireNonNull(limiter, "limiter"), browserServed);
  }

  /** The server key when there is one (read only); otherwise a throwaway key, since nothing it signs exists yet. */
  private static byte[] explainKey(Path file) {
    if (java.nio.file.Files.isRegularFile(file)) {
      return KeyFile.load(file);
    }
    byte[] key = new byte[32];
    new java.security.SecureRandom().nextBytes(key);
    return key;
  }

  /**
   * What the pipeline decides about a call, as a dry run and without an audit record: the decision and reason
   * {@code serve} gives the same call, up to the request it would send ({@code dry_run} when every check passed).
   * Never throws.
   */
  public ToolCallOutcome explain(ToolCall call) {
    CallContext context = new CallContext(call, settings.ticker().nanos());
    context.dryRun = true;
    try {
      return run(context);
    } catch (Throwable e) {
      LOG.log(System.Logger.Level.ERROR, "internal error while explaining a call to " + Texts.printable(call.tool()), e);
      return Outcomes.deny(ReasonCodes.ERROR_INTERNAL, "internal error; the operator finds the details in the server log");
    }
  }

  /**
   * The rate-limit counters a call of this tool that {@code serve} let past the rate-limit step was counted in, as far
   * as they do not depend on the call's arguments (global, tier, tool, and the budgets of a policy verdict that no
   * argument can change); empty for a tool this pipeline does not serve.
   */
  public Optional<List<dev.cask.runtime.server.ratelimit.LimitKey>> countedLimits(String tool) {
    ServedTool served = tools.get(tool);
    if (served == null) {
      return Optional.empty();
    }
    List<dev.cask.runtime.server.ratelimit.LimitKey> keys = new java.util.ArrayList<>(served.limits);
    served.policy.withoutArguments().ifPresent(verdict -> verdict.budgets()
        .forEach(rule -> keys.add(dev.cask.runtime.server.ratelimit.LimitKey.budget(rule.id(), rule.limit()))));
    return Optional.of(List.copyOf(keys));
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
    if (explaining) {
      return Outcomes.deny(ReasonCodes.ERROR_INTERNAL, "this pipeline only explains calls");
    }
    CallContext context = new CallContext(call, settings.ticker().nanos());
    if (settings.dryRun()) {
      context.dryRun = true;
    }
    ToolCallOutcome outcome;
    try {
      outcome = audit.healthy() ? run(context) : auditUnavailable();
    } catch (StateUnavailableException e) {
      outcome = stateUnavailable(e);
    } catch (Throwable e) {
      LOG.log(System.Logger.Level.ERROR, "internal error in a call to " + Texts.printable(call.tool()), e);
      outcome = Outcomes.deny(ReasonCodes.ERROR_INTERNAL, "internal error; the operator finds the details in the server log");
    }
    ToolCallOutcome decided = outcome;
    return audited(() -> entry(context, decided), decided);
  }

  /**
   * Audits the answer to a call of a tool the server answers itself ({@link MetaTools}) like every other decision; the
   * outcome goes to the agent only once its record is written.
   */
  ToolCallOutcome recordMetaCall(String sessionId, String tool, ToolCallOutcome outcome) {
    if (explaining) {
      return outcome;
    }
    long start = settings.ticker().nanos();
    return audited(() -> answerEntry(sessionId, tool, outcome, null, start, null), outcome);
  }

  @Override
  public ToolCallOutcome refuse(String sessionId, String tool, String problem) {
    if (explaining) {
      return Outcomes.deny(ReasonCodes.INVALID_REQUEST, problem);
    }
    long start = settings.ticker().nanos();
    ToolCallOutcome outcome = Outcomes.deny(ReasonCodes.INVALID_REQUEST, problem);
    return audited(() -> answerEntry(sessionId, tool == null ? "" : tool, outcome, null, start, null), outcome);
  }

  /**
   * Appends the audit record of an outcome; the outcome goes to the agent only once its record is written. A record
   * that cannot be written turns this call (and every later one) into {@code audit_unavailable}.
   */
  private ToolCallOutcome audited(java.util.function.Supplier<AuditEntry> entry, ToolCallOutcome outcome) {
    try {
      audit.append(entry.get());
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

  /** The call needed the shared state store, which did not answer: denied, never decided on this replica's own. */
  private ToolCallOutcome stateUnavailable(StateUnavailableException e) {
    LOG.log(System.Logger.Level.DEBUG, () -> "shared state store " + state.description() + ": " + e.getMessage());
    return Outcomes.deny(ReasonCodes.STATE_UNAVAILABLE,
        "the shared state store (rate limits, budgets, confirmations) cannot be reached, so this call cannot be decided;"
            + " retry later or tell the operator");
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
        outcome.decision().wireName(),
        outcome.reasonCode(),
        context.verdict == null ? null : context.verdict.ruleId(),
        context.argumentsHmac,
        context.dryRun,
        context.challengeId,
        context.response == null ? null : context.response.status(),
        micros,
        lockfileDigest,
        auditRules,
        request,
        context.intent,
        context.approvedVia,
        null);
  }

  @Override
  public Optional<ConfirmationPrompt> describeConfirmation(String challengeId) {
    if (explaining) {
      return Optional.empty();
    }
    try {
      return confirmations.describe(challengeId)
          .filter(challenge -> challenge.state() == ConfirmationState.PENDING)
          .filter(challenge -> challenge.lockfileDigest().equals(lockfileDigest))
          .map(challenge -> new ConfirmationPrompt(challenge.id(), challenge.tool(), challenge.summary(), challenge.expiresAt()));
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "cannot read the confirmation store", e);
      return Optional.empty();
    }
  }

  @Override
  public ToolCallOutcome answerConfirmation(String sessionId, String challengeId, ConfirmationAnswer answer) {
    if (explaining) {
      return Outcomes.deny(ReasonCodes.CONFIRMATION_UNAVAILABLE, "this pipeline only explains calls");
    }
    long start = settings.ticker().nanos();
    String id = ChallengeIds.isWellFormed(challengeId) ? challengeId : null;
    String tool = "";
    ToolCallOutcome outcome;
    try {
      tool = id == null ? "" : confirmations.describe(id).map(PendingConfirmation::tool).orElse("");
      outcome = audit.healthy() ? answer(id, answer) : auditUnavailable();
    } catch (StateUnavailableException e) {
      outcome = stateUnavailable(e);
    } catch (Throwable e) {
      LOG.log(System.Logger.Level.ERROR, "internal error while recording a confirmation answer", e);
      outcome = Outcomes.deny(ReasonCodes.ERROR_INTERNAL, "internal error; the operator finds the details in the server log");
    }
    ToolCallOutcome result = outcome;
    String auditedTool = tool;
    String via =
        ReasonCodes.CONFIRMATION_APPROVED.equals(result.reasonCode()) ? ApprovalChannel.ELICITATION.wireName() : null;
    return audited(() -> answerEntry(sessionId, auditedTool, result, id, start, via), result);
  }

  private ToolCallOutcome answer(String id, ConfirmationAnswer answer) {
    if (id == null) {
      return Outcomes.deny(RedeemResult.UNKNOWN.reasonCode(), "no such confirmation challenge");
    }
    ApprovalResult result = switch (answer) {
      case APPROVED -> confirmations.approve(id, ApprovalChannel.ELICITATION);
      case DECLINED -> confirmations.decline(id);
      case UNANSWERED -> null;
    };
    if (result == null) {
      return new ToolCallOutcome(Decision.CONFIRM, ReasonCodes.CONFIRMATION_UNANSWERED,
          "Confirmation required: the client did not answer the confirmation prompt, so nothing was sent. A person can "
              + "still approve it with: java -jar cask-runtime.jar confirm " + id + "; then repeat exactly the same call "
              + "with \"" + ReservedArguments.CONFIRMATION + "\": \"" + id + "\".",
          null, true, id, Outcomes.meta(ReasonCodes.CONFIRMATION_UNANSWERED).put("challenge", id));
    }
    return switch (result) {
      case APPROVED, ALREADY_APPROVED -> new ToolCallOutcome(Decision.CONFIRM, ReasonCodes.CONFIRMATION_APPROVED,
          "Approved in the client: challenge " + id + "; the call runs now.", null, false, id,
          Outcomes.meta(ReasonCodes.CONFIRMATION_APPROVED).put("challenge", id));
      case DECLINED, ALREADY_DECLINED -> Outcomes.deny(ReasonCodes.CONFIRMATION_DECLINED,
          "a person declined this call in the client; nothing was sent",
          Outcomes.meta(ReasonCodes.CONFIRMATION_DECLINED).put("challenge", id));
      case EXPIRED -> Outcomes.deny(RedeemResult.EXPIRED.reasonCode(),
          "the confirmation challenge expired before the answer; call again to get a new one");
      case ALREADY_USED -> Outcomes.deny(RedeemResult.REPLAYED.reasonCode(),
          "the confirmation challenge was already used; each approval runs one call");
      case UNKNOWN -> Outcomes.deny(RedeemResult.UNKNOWN.reasonCode(), "no such confirmation challenge");
    };
  }

  /** The audit record of a decision that is not a run of the pipeline (a refused request, a confirmation answer). */
  private AuditEntry answerEntry(
      String sessionId, String tool, ToolCallOutcome outcome, String challengeId, long startNanos, String approvedVia) {
    long micros = TimeUnit.NANOSECONDS.toMicros(settings.ticker().nanos() - startNanos);
    return new AuditEntry(
        Texts.capped(sessionId, MAX_AUDIT_FIELD),
        Texts.capped(tool, MAX_AUDIT_FIELD),
        outcome.decision().wireName(),
        outcome.reasonCode(),
        null,
        null,
        false,
        challengeId,
        null,
        micros,
        lockfileDigest,
        List.of(),
        null,
        null,
        approvedVia,
        null);
  }

  /** The lockfile digest the pipeline enforces. */
  public String lockfileDigest() {
    return lockfileDigest;
  }

  /** The audit log's record count and chain head and whether it still works, for the shutdown message. */
  public String auditHead() {
    return audit.records() + " records, head " + audit.head()
        + (audit.healthy() ? "" : "; the audit log failed (see the errors above): the final checkpoint was not written");
  }

  /** The public key that signs the audit log's checkpoints (base64 SubjectPublicKeyInfo), for an auditor to pin. */
  public String auditCheckpointKey() {
    return audit.checkpointPublicKey();
  }

  /**
   * Records a start-up condition an auditor must see (serving without a trust anchor, for instance) as a {@code start}
   * record, before any call. A record that cannot be written fails the start.
   */
  public void recordStart(String reason) {
    audit.append(new AuditEntry("cask-runtime", "", AuditEntry.START, reason, null, null, false, null, null, 0, lockfileDigest,
        List.of(), null, null, null, null));
  }

  /** What opening the audit log found after a run that did not stop cleanly, one line each (empty when clean). */
  public List<String> auditStartReport() {
    return audit.startReport();
  }

  /** Whether the state store (shared by replicas, or local) answered its last request: for metrics, never a decision. */
  public boolean stateAvailable() {
    return state == null || state.available();
  }

  @Override
  public void close() {
    upstream.close();
    if (browser != null) {
      browser.close();
    }
    if (audit != null) {
      audit.close();
    }
    if (state != null) {
      state.close();
    }
  }
}
