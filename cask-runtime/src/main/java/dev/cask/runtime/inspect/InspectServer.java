package dev.cask.runtime.inspect;

import dev.cask.runtime.server.GovernedServer;
import dev.cask.runtime.server.pipeline.ApprovedTools;
import dev.cask.runtime.server.pipeline.PipelineSettings;
import dev.cask.runtime.verification.VerifiedToolpack;
import java.nio.file.Path;
import java.time.Clock;

/**
 * {@code inspect}: a read-only MCP server of a verified toolpack's governance state ({@link InspectTools}). It never
 * calls an upstream and never changes state; {@code explain_call} is decided by the serving pipeline's own steps.
 */
public final class InspectServer implements AutoCloseable {
  private final CallExplainer explainer;
  private final GovernedServer server;

  private InspectServer(VerifiedToolpack verified, PipelineSettings settings, boolean browser, Clock clock) {
    Path auditLog = settings.auditLog();
    this.explainer = new CallExplainer(ApprovedTools.verified(verified), settings, browser, auditLog, clock);
    InspectTools tools = new InspectTools(verified, explainer, auditLog, clock);
    this.server = GovernedServer.ofMetaTools(tools.tools(), "cask-inspect-" + verified.name(), verified.name(),
        verified.version(), "Read-only governance state of the verified toolpack '" + verified.name() + "': the approved"
            + " tools and what the policy does with them, what would happen to a call (explain_call), pending"
            + " confirmations and proposals, recent denials, a risk summary. Nothing here calls an upstream or changes"
            + " anything.");
  }

  /**
   * @param settings the settings {@code serve} runs with (its audit log, network allowances and upstream config), so
   *     explanations are decided as {@code serve} decides
   * @param verified the tools {@code serve} serves (its toolset selection applied)
   * @param browser whether {@code serve} runs with {@code --browser} (else its WebMCP tools are unavailable)
   */
  public static InspectServer open(VerifiedToolpack verified, PipelineSettings settings, boolean browser, Clock clock) {
    return new InspectServer(verified, settings, browser, clock);
  }

  public GovernedServer server() {
    return server;
  }

  @Override
  public void close() {
    explainer.close();
  }
}
