package dev.cask.runtime.cli;

import dev.cask.runtime.StartupTimings;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.browser.BrowserOptions;
import dev.cask.runtime.server.GovernedServer;
import dev.cask.runtime.server.ServeRequest;
import dev.cask.runtime.server.transport.HttpSettings;
import dev.cask.runtime.server.transport.HttpTransport;
import dev.cask.runtime.verification.TrustAnchors;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
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
    TrustAnchors anchors = TrustAnchors.of("--trust-anchor", trustAnchor, context.env(),
        TrustAnchors.defaultOperatorDirectory(), !trustRepoSigners);
    BrowserOptions browserOptions =
        browser ? new BrowserOptions(browserBinary, chromedriver, browserSession, browserArgs) : null;
    ServeRequest request = new ServeRequest(toolpack, lockfile, signers, policy, auditLog, upstreamConfig,
        allowNetworks, dryRun, anchors, browserOptions);
    GovernedServer server = context.core().open(request);
    StartupTimings.mark("open");
    StartupTimings.print(context.stderr());
    if (elicitation) {
      context.stderr().println("cask-runtime: WARNING: --elicitation: a confirmation can be approved by answering a"
          + " prompt in the MCP client; a client that answers prompts by itself (an agent runner, an auto-accepting"
          + " client) approves its own writes. Each approval is audited with approvedVia=elicitation");
      server = server.withElicitation();
    }
    if (settings == null) {
      server.serveStdio(context.stdin(), context.stdout());
      return ExitCodes.OK;
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
