package dev.cask.runtime.cli;

import dev.cask.runtime.browser.BrowserOptions;
import dev.cask.runtime.server.DeploymentOptions;
import dev.cask.runtime.server.GovernedServer;
import dev.cask.runtime.server.ServeRequest;
import dev.cask.runtime.server.ToolSelection;
import dev.cask.runtime.verification.TrustAnchors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code inspect}: verify like {@code serve}, then serve over stdio a read-only MCP server of the toolpack's
 * governance state (approved tools, explain_call, pending confirmations and proposals, recent denials, a risk summary).
 * It sends nothing upstream and writes nothing.
 */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "Serve a read-only MCP server of a verified toolpack's governance state over stdio: the approved tools with their",
      "risk tier and policy effect, explain_call (what serve would decide about a call, by the same pipeline as a dry",
      "run), pending confirmations and proposals, recent denials and a risk summary. Give it the options serve runs",
      "with (audit log, network allowances, upstream config, toolset, --browser). It never calls an upstream and never",
      "changes state."
    })
final class InspectCommand implements Callable<Integer> {
  private final CliContext context;

  @Mixin StackTraceOption stackTrace;

  @Option(names = "--toolpack", required = true, paramLabel = "DIR|ZIP", description = "The compiled toolpack.")
  Path toolpack;

  @Option(names = "--lockfile", required = true, paramLabel = "FILE", description = "The signed lockfile (cask.lock.yaml).")
  Path lockfile;

  @Option(names = "--signers", required = true, paramLabel = "FILE", description = "The trusted signers (cask.signers.yaml).")
  Path signers;

  @Option(names = "--trust-anchor", paramLabel = "ANCHOR|FILE",
      description = "Where trust in the signers starts, as for serve (also " + TrustAnchors.ENV + ", ~/.cask/<toolpack>/"
          + TrustAnchors.FILE_NAME + ").")
  String trustAnchor;

  @Option(names = "--trust-repo-signers", description = "Start without any trust anchor (as for serve).")
  boolean trustRepoSigners;

  @Option(names = "--policy", paramLabel = "FILE", description = "The policy serve enforces, if given to serve.")
  Path policy;

  @Option(names = "--toolset", paramLabel = "NAME",
      description = "The toolset serve serves, if given to serve: only its tools are listed and explained.")
  String toolset;

  @Option(names = "--tools", paramLabel = "TOOL[,TOOL...]", split = ",",
      description = "The tools serve serves, if given to serve (within --toolset when both are given).")
  List<String> tools = new ArrayList<>();

  @Option(names = "--browser",
      description = "serve runs with --browser: its WebMCP tools are available (inspect itself never opens a browser).")
  boolean browser;

  @Option(names = "--audit-log", paramLabel = "FILE",
      description = "The audit log of the server to inspect (default: serve's default for this toolpack); read only.")
  Path auditLog;

  @Option(names = "--upstream-config", paramLabel = "FILE", description = "The upstream config serve runs with.")
  Path upstreamConfig;

  @Option(names = "--allow-network", paramLabel = "CIDR", description = "The private ranges serve allows (repeatable).")
  List<String> allowNetworks = new ArrayList<>();

  InspectCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    TrustAnchors anchors = TrustAnchors.of("--trust-anchor", trustAnchor, context.env(),
        TrustAnchors.defaultOperatorDirectory(), !trustRepoSigners);
    GovernedServer server = context.core().inspect(
        new ServeRequest(toolpack, lockfile, signers, policy, auditLog, upstreamConfig, allowNetworks, false, anchors,
            DeploymentOptions.none(), new ToolSelection(toolset, tools),
            browser ? new BrowserOptions(null, null, null, List.of()) : null));
    server.serveStdio(context.stdin(), context.stdout());
    return ExitCodes.OK;
  }
}
