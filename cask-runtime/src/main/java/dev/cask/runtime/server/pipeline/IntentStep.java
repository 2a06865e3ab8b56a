package dev.cask.runtime.server.pipeline;

import dev.cask.runtime.server.audit.AuditEntry;
import dev.cask.runtime.server.audit.AuditLog;
import dev.cask.runtime.server.audit.AuditUnavailableException;
import dev.cask.runtime.server.spi.ToolCallOutcome;
import java.util.function.Function;

/**
 * After every decision and just before the request leaves: the call's intent record ({@code allow} /
 * {@value AuditEntry#SENDING}) is written, so that a server killed while the upstream works still leaves a record of
 * what was sent. The outcome record names it ({@code intent}); a restart reports an intent without one. Without the
 * record nothing is sent ({@code audit_unavailable}).
 */
final class IntentStep implements PipelineStep {
  private final AuditLog audit;
  private final Function<CallContext, AuditEntry> intentEntry;

  IntentStep(AuditLog audit, Function<CallContext, AuditEntry> intentEntry) {
    this.audit = audit;
    this.intentEntry = intentEntry;
  }

  @Override
  public ToolCallOutcome apply(CallContext context) {
    try {
      context.intent = audit.append(intentEntry.apply(context));
      return null;
    } catch (AuditUnavailableException e) {
      return Outcomes.deny(ReasonCodes.AUDIT_UNAVAILABLE, "the audit log cannot be written, so no call runs; tell the operator");
    }
  }
}
