package dev.cask.runtime.server;

import dev.cask.runtime.browser.BrowserOptions;
import dev.cask.runtime.model.Lists;
import dev.cask.runtime.verification.TrustAnchors;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything {@code serve} was told about what to serve and how to govern it (the transport is separate).
 *
 * @param toolpack the toolpack directory or zip
 * @param lockfile the signed lockfile ({@code cask.lock.yaml})
 * @param signers the trusted signers ({@code cask.signers.yaml})
 * @param policy the policy file, or null for the toolpack's own {@code policy.yaml} (no policy at all = deny all)
 * @param auditLog where the audit log goes, or null for the documented default
 * @param upstreamConfig the operator's upstream credentials per host, or null (no credentials are sent)
 * @param allowNetworks private ranges (CIDR) the operator explicitly allows upstream calls to
 * @param dryRun whether every call is a dry run (nothing is sent upstream)
 * @param anchors the operator's trust anchors for the signers file ({@code --trust-anchor}, environment, operator
 *     file); not {@link TrustAnchors#required() required} only when the operator said {@code --trust-repo-signers}
 * @param deployment the state shared with other replicas and the audit export ({@link DeploymentOptions#none()}: one
 *     server on its own)
 * @param selection which approved tools this server serves ({@code --toolset}, {@code --tools}); never more than the
 *     approved ones
 * @param browser how to run WebMCP tools in a browser ({@code --browser}), or null: they are then unavailable
 */
public record ServeRequest(
    Path toolpack,
    Path lockfile,
    Path signers,
    Path policy,
    Path auditLog,
    Path upstreamConfig,
    List<String> allowNetworks,
    boolean dryRun,
    TrustAnchors anchors,
    DeploymentOptions deployment,
    ToolSelection selection,
    BrowserOptions browser) {
  public ServeRequest {
    Objects.requireNonNull(toolpack, "toolpack");
    selection = selection == null ? ToolSelection.all() : selection;
    Objects.requireNonNull(anchors, "anchors");
    Objects.requireNonNull(lockfile, "lockfile");
    Objects.requireNonNull(signers, "signers");
    allowNetworks = Lists.copy(allowNetworks);
    Objects.requireNonNull(deployment, "deployment");
  }

  /** A server on its own (local state, no export), serving every approved tool, without a browser. */
  public ServeRequest(Path toolpack, Path lockfile, Path signers, Path policy, Path auditLog, Path upstreamConfig,
      List<String> allowNetworks, boolean dryRun, TrustAnchors anchors) {
    this(toolpack, lockfile, signers, policy, auditLog, upstreamConfig, allowNetworks, dryRun, anchors,
        DeploymentOptions.none(), ToolSelection.all(), null);
  }
}
