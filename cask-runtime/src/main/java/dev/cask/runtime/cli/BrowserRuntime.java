package dev.cask.runtime.cli;

import dev.cask.runtime.CaskException;
import dev.cask.runtime.browser.BrowserOptions;
import dev.cask.runtime.browser.BrowserPaths;
import dev.cask.runtime.browser.BrowserToolRunner;
import dev.cask.runtime.browser.SessionFile;
import dev.cask.runtime.browser.WebMcpCalls;
import dev.cask.runtime.model.HttpMethod;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import dev.cask.runtime.server.ServeRequest;
import dev.cask.runtime.server.upstream.AddressGuard;
import dev.cask.runtime.server.upstream.HostResolver;
import dev.cask.runtime.server.upstream.NetworkPolicy;
import dev.cask.runtime.verification.VerifiedToolpack;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * {@code serve --browser}: the browser for the approved WebMCP tools, or none. Either way the operator reads on stderr
 * which WebMCP tools there are and whether they can run: without {@code --browser} they are listed as unavailable, never
 * dropped silently. The browser itself starts at the first call (stdio start-up stays fast); its paths and the session
 * file are checked now, so a mistake stops {@code serve} at once.
 */
final class BrowserRuntime {
  private BrowserRuntime() {}

  static WebMcpCalls open(ServeRequest request, VerifiedToolpack verified, PrintStream stderr) {
    List<ToolDefinition> webMcp =
        verified.definitions().stream().filter(tool -> tool.method() == HttpMethod.WEBMCP).toList();
    BrowserOptions options = request.browser();
    if (options == null) {
      if (!webMcp.isEmpty()) {
        stderr.println("cask-runtime: " + webMcp.size() + " approved WebMCP tool(s) unavailable (they run in a browser;"
            + " start with --browser): " + String.join(", ", webMcp.stream().map(ToolDefinition::name).toList()));
      }
      return null;
    }
    BrowserPaths paths = BrowserPaths.find(options.chromium(), options.chromedriver(), "--browser-binary", "--chromedriver");
    SessionFile.Session session =
        options.session() == null ? null : SessionFile.read(options.session(), "--browser-session");
    stderr.println("cask-runtime: --browser: " + webMcp.size() + " WebMCP tool(s) run in " + paths.chromium()
        + (session == null ? "" : " with a session of " + session.summary()));
    NetworkPolicy network;
    try {
      network = NetworkPolicy.allowing(request.allowNetworks());
    } catch (IllegalArgumentException e) {
      throw new CaskException("--allow-network", null, e.getMessage(), "give a CIDR range such as 10.0.0.0/8 or fd00::/8", e);
    }
    AddressGuard guard = new AddressGuard(HostResolver.SYSTEM, network);
    return new BrowserToolRunner(
        new BrowserToolRunner.Settings(paths, options.arguments(), session, Duration.ofSeconds(10), Duration.ofSeconds(60)),
        guard, webMcp);
  }
}
