package dev.cask.runtime.server.pipeline;

/** The stable reason codes of outcomes and audit records (documented on the site page "Runtime security"). */
public final class ReasonCodes {
  public static final String OK = "ok";
  public static final String UPSTREAM_ERROR = "upstream_error";
  public static final String UPSTREAM_REDIRECT = "upstream_redirect";
  public static final String OUTPUT_SCHEMA_MISMATCH = "output_schema_mismatch";
  public static final String DRY_RUN = "dry_run";
  public static final String UNKNOWN_TOOL = "unknown_tool";
  /** A {@code tools/call} that could not be read as a call (no tool name, params not an object). */
  public static final String INVALID_REQUEST = "invalid_request";
  public static final String INTEGRITY_MISMATCH = "integrity_mismatch";
  public static final String INVALID_ARGUMENTS = "invalid_arguments";
  public static final String POLICY_DENY = "policy_deny";
  public static final String POLICY_DEFAULT_DENY = "policy_default_deny";
  public static final String POLICY_UNEVALUABLE = "policy_unevaluable";
  public static final String RATE_LIMITED = "rate_limited";
  public static final String BUDGET_EXHAUSTED = "budget_exhausted";
  public static final String CONFIRMATION_REQUIRED = "confirmation_required";
  public static final String CONFIRMATION_PENDING = "confirmation_pending";
  public static final String CONFIRMATION_UNAVAILABLE = "confirmation_unavailable";
  /** A person approved a challenge in the client (MCP elicitation); the call runs next. */
  public static final String CONFIRMATION_APPROVED = dev.cask.runtime.server.spi.GovernedTools.CONFIRMATION_APPROVED;
  /** A person declined a challenge in the client (MCP elicitation); it is void. */
  public static final String CONFIRMATION_DECLINED = "confirmation_declined";
  /** The client did not answer the confirmation prompt; the challenge keeps waiting for {@code confirm}. */
  public static final String CONFIRMATION_UNANSWERED = "confirmation_unanswered";
  public static final String REQUEST_INVALID = "request_invalid";
  public static final String SSRF_BLOCKED = "ssrf_blocked";
  public static final String REDACTION_FAILED = "redaction_failed";
  public static final String AUDIT_UNAVAILABLE = "audit_unavailable";
  /** The shared state store of replicas (counters, challenges) did not answer in time: the call that needs it is denied. */
  public static final String STATE_UNAVAILABLE = "state_unavailable";
  public static final String ERROR_INTERNAL = "error_internal";
  /** A WebMCP tool, and the server was started without {@code --browser}. */
  public static final String BROWSER_UNAVAILABLE = "browser_unavailable";
  /** The browser could not open the page or run the call (start-up, navigation, time-out). */
  public static final String BROWSER_FAILED = "browser_failed";
  /** The page did not register the approved WebMCP tool. */
  public static final String WEBMCP_TOOL_MISSING = "webmcp_tool_missing";
  /** The page's WebMCP tool threw or reported an error. */
  public static final String WEBMCP_TOOL_FAILED = "webmcp_tool_failed";

  private ReasonCodes() {}
}
