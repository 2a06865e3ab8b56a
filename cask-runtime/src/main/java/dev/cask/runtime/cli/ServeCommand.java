package dev.cask.runtime.cli;

import dev.cask.runtime.StartupTimings;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.browser.BrowserOptions;
import dev.cask.runtime.server.GovernedServer;
import dev.cask.runtime.server.ServeRequest;
import dev.cask.runtime.server.ToolSelection;
import dev.cask.runtime.server.pipeline.PendingTools;
import dev.cask.runtime.server.transport.HttpSettings;
import dev.cask.runtime.server.transport.HttpTransport;
import dev.cask.runtime.server.transport.ServerInfo;
import dev.cask.runtime.server.transport.StdioTransport;
import dev.cask.runtime.toolpack.ToolpackLoader;
import dev.cask.runtime.verification.TrustAnchors;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code serve}: verify, then serve the approved tools over stdio (default) or Streamable HTTP ({@code --http}).
 * Verification happens in the core ({@link dev.cask.runtime.server.RuntimeCore#open}); nothing is served unless it
 * passes.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Verify a toolpack against its signed lockfile and serve its approved tools over MCP.",
      "stdio by default (stdout carries JSON-RPC only; logs go to stderr); Streamable HTTP with --http."
    })
final class ServeCommand implements Callable<Integer> {
  /** The environment variable that supplies the HTTP bearer token. */
  static final String TOKEN_ENV = "CASK_HTTP_TOKEN";

  private final CliContext context;

  @Mixin StackTraceOption stackTrace;

  @Option(names = "--toolpack", required = true, paramLabel = "DIR|ZIP",
      description = "The compiled toolpack: a directory (target/cask) or a zip of it.")
  Path toolpack;

  @Option(names = "--lockfile", required = true, paramLabel = "FILE", description = "The signed lockfile (cask.lock.yaml).")
  Path lockfile;

  @Option(names = "--signers", required = true, paramLabel = "FILE", description = "The trusted signers (cask.signers.yaml).")
  Path signers;

  @Option(names = "--trust-anchor", paramLabel = "ANCHOR|FILE",
      description = {"Where trust in the signers file starts, from outside the repository: the signers version you "
          + "reviewed (sha256:<digest>, printed by mvn cask:gate-status) and/or key fingerprints (ed25519:<64 hex>, "
          + "threshold=N), or a file holding them. Also read from " + TrustAnchors.ENV + " and "
          + "~/.cask/<toolpack>/" + TrustAnchors.FILE_NAME + "; every anchor given must hold."})
  String trustAnchor;

  @Option(names = "--trust-repo-signers",
      description = "Start without any trust anchor, trusting the signers file as the repository presents it (whoever can"
          + " write it can approve anything): a loud warning, recorded in the audit log.")
  boolean trustRepoSigners;

  @Option(names = "--policy", paramLabel = "FILE",
      description = "The policy to enforce (default: the toolpack's policy.yaml; no policy at all denies every call).")
  Path policy;

  @Option(names = "--toolset", paramLabel = "NAME",
      description = "Serve only this toolset of the toolpack (toolsets.yaml: readonly, write, all-approved, tag-<tag>, "
          + "the project's own); the other tools do not exist for this server. Never serves an unapproved tool.")
  String toolset;

  @Option(names = "--tools", paramLabel = "TOOL[,TOOL...]", split = ",",
      description = "Serve only these approved tools (within --toolset when both are given).")
  List<String> tools = new ArrayList<>();

  @Option(names = "--http", paramLabel = "HOST:PORT",
      description = "Serve Streamable HTTP on HOST:PORT (a literal address; PORT alone binds 127.0.0.1) at /mcp.")
  String http;

  @Option(names = "--no-auth",
      description = "HTTP only, loopback only: accept MCP requests without a bearer token (explicit opt-out).")
  boolean noAuth;

  @Option(names = "--allowed-host", paramLabel = "HOST[:PORT]",
      description = "HTTP: a further Host header value to accept (e.g. a reverse proxy's name; PORT may be *).")
  List<String> allowedHosts = new ArrayList<>();

  @Option(names = "--allowed-origin", paramLabel = "ORIGIN",
      description = "HTTP: a further browser Origin to accept (e.g. http://localhost:6274).")
  List<String> allowedOrigins = new ArrayList<>();

  @Option(names = "--dry-run", description = "Answer every call with the exact request that would be sent; send nothing.")
  boolean dryRun;

  @Option(names = "--elicitation",
      description = {
        "Also let a person approve a confirmation in the MCP client (elicitation) when the client supports it.",
        "Off by default: whoever answers the prompt approves the write, so use it only with clients that show it to a"
            + " person and never answer it by themselves."
      })
  boolean elicitation;

  @Option(names = "--no-output-schemas",
      description = {"List tools without their output schemas. The server checks every structured result against the"
          + " approved schema either way; clients then do not check it again, and do not compile a validator per tool"
          + " when they list the tools (the official TypeScript SDK client spends seconds on that for large APIs)."})
  boolean noOutputSchemas;

  /** The default since elicitation became opt-in; still accepted so that existing client configurations start. */
  @Option(names = "--no-elicitation", hidden = true)
  boolean noElicitation;

  @Option(names = "--audit-log", paramLabel = "FILE", description = "Where the audit log (JSONL, hash chain) goes.")
  Path auditLog;

  @Option(names = "--upstream-config", paramLabel = "FILE",
      description = "Upstream credentials per host (never taken from agent arguments).")
  Path upstreamConfig;

  @Option(names = "--allow-network", paramLabel = "CIDR",
      description = "Allow upstream calls into this private range (repeatable; cloud metadata stays blocked).")
  List<String> allowNetworks = new ArrayList<>();

  @Mixin StateOptions state;

  @Option(names = "--audit-otlp", paramLabel = "URL",
      description = "Also export every audit record, and metrics, to this OTLP/HTTP receiver (http://collector:4318);"
          + " the file stays the source of truth and a failed export never holds up a call.")
  String auditOtlp;

  @Option(names = "--browser",
      description = "Call approved WebMCP tools in a headless Chromium (found on the PATH, or --browser-binary and"
          + " --chromedriver); it reaches only the tools' origins. Without it they are unavailable.")
  boolean browser;

  @Option(names = "--browser-binary", paramLabel = "FILE", description = "With --browser: the Chromium executable.")
  String browserBinary;

  @Option(names = "--chromedriver", paramLabel = "FILE", description = "With --browser: the ChromeDriver executable.")
  String chromedriver;

  @Option(names = "--browser-session", paramLabel = "FILE",
      description = "With --browser: a storage-state or cookies file to start the browser logged in (never logged).")
  Path browserSession;

  @Option(names = "--browser-arg", paramLabel = "ARG", description = "With --browser: one more Chromium argument (repeatable).")
  List<String> browserArgs = new ArrayList<>();

  ServeCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    StartupTimings.mark("cli");
    HttpSettings settings = http == null ? null : httpSettings();
    if (http == null && (noAuth || !allowedHosts.isEmpty() || !allowedOrigins.isEmpty())) {
      throw new CliFailure(ExitCodes.USAGE, "--no-auth, --allowed-host and --allowed-origin need --http", null);
    }
    if (!browser && (browserBinary != null || chromedriver != null || browserSession != null || !browserArgs.isEmpty())) {
      throw new CliFailure(ExitCodes.USAGE,
          "--browser-binary, --chromedriver, --browser-session and --browser-arg need --browser", null);
    }
    if (elicitation && noElicitation) {
      throw new CliFailure(
          ExitCodes.USAGE, "--elicitation and --no-elicitation contradict each other: choose one", null);
    }
    String otlp = auditOtlp == null ? null : ReplicaServices.endpoint(auditOtlp); // a usage error before verifying
    TrustAnchors anchors = TrustAnchors.of("--trust-anchor", trustAnchor, context.env(),
        TrustAnchors.defaultOperatorDirectory(), !trustRepoSigners);
    BrowserOptions browserOptions =
        browser ? new BrowserOptions(browserBinary, chromedriver, browserSession, browserArgs) : null;
    ServeRequest request = new ServeRequest(toolpack, lockfile, signers, policy, auditLog, upstreamConfig, allowNetworks,
        dryRun, anchors, state.toOptions(otlp), new ToolSelection(toolset, tools), browserOptions);
    if (settings == null) {
      return serveStdioWhileVerifying(request);
    }
    GovernedServer server = context.core().open(request);
    StartupTimings.mark("open");
    StartupTimings.print(context.stderr());
    warnOfElicitation();
    if (elicitation) {
      server = server.withElicitation();
    }
    if (noOutputSchemas) {
      server = server.withoutOutputSchemas();
    }
    HttpTransport transport;
    try {
      transport = server.startHttp(settings);
    } catch (CaskException e) {
      throw new CliFailure(ExitCodes.CANNOT_LISTEN, e.getMessage(), e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(transport::close, "cask-shutdown"));
    transport.join();
    return ExitCodes.OK;
  }

  /**
   * stdio: the transport starts at once, so that {@code initialize} is answered (with the name and version the
   * toolpack announces) while the core verifies on this thread; {@code tools/list}, {@code tools/call} and everything
   * else about the tools wait for the verified core. When verification fails, or the verified toolpack is not the one
   * announced, the output is cut off before the error is reported: nothing about a tool ever reaches the client.
   */
  private Integer serveStdioWhileVerifying(ServeRequest request) throws InterruptedException {
    CutOffOutputStream out = new CutOffOutputStream(context.stdout());
    PendingTools tools = new PendingTools();
    CompletableFuture<ServerInfo> info = new CompletableFuture<>();
    Thread transport = new Thread(
        () -> StdioTransport.serve(tools, info, context.stdin(), out, elicitation, !noOutputSchemas), "cask-stdio-serve");
    transport.setDaemon(true);
    transport.start();
    GovernedServer server;
    try {
      Optional<ToolpackLoader.Announced> announced = context.core().announce(request);
      announced.ifPresent(a -> info.complete(GovernedServer.info(a.name(), a.version(), elicitation)));
      server = context.core().open(request);
      if (announced.isPresent()
          && !announced.get().equals(new ToolpackLoader.Announced(server.toolpackName(), server.toolpackVersion()))) {
        throw new CaskException(request.toolpack().toString(), null,
            "the toolpack changed while the server started (it announced " + announced.get().name() + " "
                + announced.get().version() + ", the verified one is " + server.toolpackName() + " "
                + server.toolpackVersion() + ")", "start the server again once the toolpack is written");
      }
    } catch (RuntimeException e) {
      out.cutOff();
      tools.failed();
      info.completeExceptionally(e);
      throw e;
    }
    StartupTimings.mark("open");
    StartupTimings.print(context.stderr());
    warnOfElicitation();
    info.complete(GovernedServer.info(server.toolpackName(), server.toolpackVersion(), elicitation));
    tools.verified(server.tools());
    transport.join();
    return ExitCodes.OK;
  }

  private void warnOfElicitation() {
    if (elicitation) {
      context.stderr().println("cask-runtime: WARNING: --elicitation: a confirmation can be approved by answering a"
          + " prompt in the MCP client; a client that answers prompts by itself (an agent runner, an auto-accepting"
          + " client) approves its own writes. Each approval is audited with approvedVia=elicitation");
    }
  }

  private HttpSettings httpSettings() {
    HttpAddress address;
    try {
      address = HttpAddress.parse(http);
    } catch (IllegalArgumentException e) {
      throw new CliFailure(ExitCodes.USAGE, "--http: " + e.getMessage(), e);
    }
    String token = null;
    if (noAuth) {
      if (!HttpTransport.isLoopbackLiteral(address.host())) {
        throw new CliFailure(
            ExitCodes.USAGE,
            "--no-auth is refused on " + address.host() + ": without a token, bind to loopback (127.0.0.1)",
            null);
      }
      context.stderr().println("cask-runtime: WARNING: --no-auth: any local process can call these tools");
    } else {
      token = context.env().get(TOKEN_ENV);
      if (token == null || token.isBlank()) {
        token = generateToken();
        context.stderr().println(
            "cask-runtime: bearer token for this server (shown once; set " + TOKEN_ENV + " to choose one): " + token);
      } else if (token.strip().length() < HttpSettings.MIN_TOKEN_LENGTH) {
        throw new CliFailure(
            ExitCodes.USAGE,
            TOKEN_ENV + " is shorter than " + HttpSettings.MIN_TOKEN_LENGTH
                + " characters. Fix: use a random token, e.g. openssl rand -base64 32",
            null);
      } else {
        token = token.strip();
      }
    }
    return new HttpSettings(address.host(), address.port(), token, allowedHosts, allowedOrigins);
  }

  /** 32 random bytes, base64url: 256 bits from the platform's strong source. */
  static String generateToken() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
