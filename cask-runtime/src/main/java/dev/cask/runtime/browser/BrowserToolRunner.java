package dev.cask.runtime.browser;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.model.HttpMethod;
import dev.cask.runtime.model.WebMcpTarget;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import dev.cask.runtime.server.upstream.AddressGuard;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * {@code serve --browser}: calls approved WebMCP tools in one headless Chromium, started at the first call and kept
 * until the server stops. Each call opens the tool's page afresh, waits until the page has registered the tool, calls it
 * with the validated arguments and returns what it returned. Calls run one at a time.
 *
 * <p>The browser can reach nothing but the toolpack's WebMCP origins: each origin's host is resolved once and vetted by
 * the same network guard as every upstream ({@code --allow-network} applies), and Chromium is started with a resolver
 * rule that maps exactly those hosts to their vetted addresses and every other name and address to nothing. Pages
 * cannot send the agent's arguments elsewhere, and DNS cannot be rebound under the browser.
 */
public final class BrowserToolRunner implements WebMcpCalls {
  private static final System.Logger LOG = System.getLogger(BrowserToolRunner.class.getName());

  /**
   * @param paths the browser and driver
   * @param extraArguments more Chromium arguments from the operator
   * @param session a logged-in session to start the browser with, or null
   * @param toolWait how long a page may take to register a tool after it loaded
   * @param callTimeout how long a tool call may take
   */
  public record Settings(
      BrowserPaths paths, List<String> extraArguments, SessionFile.Session session, Duration toolWait, Duration callTimeout) {
    public Settings {
      Objects.requireNonNull(paths, "paths");
      extraArguments = List.copyOf(extraArguments);
      Objects.requireNonNull(toolWait, "toolWait");
      Objects.requireNonNull(callTimeout, "callTimeout");
    }
  }

  private final Settings settings;
  private final AddressGuard guard;
  private final List<ToolDefinition> tools;
  private WebDriverSession browser;

  /**
   * @param guard the network guard that vets the origins' addresses
   * @param tools the approved tools (the WebMCP ones among them are the only origins the browser may reach)
   */
  public BrowserToolRunner(Settings settings, AddressGuard guard, List<ToolDefinition> tools) {
    this.settings = settings;
    this.guard = guard;
    this.tools = tools.stream().filter(tool -> tool.method() == HttpMethod.WEBMCP).toList();
  }

  @Override
  public synchronized JsonNode call(ToolDefinition tool, JsonNode arguments) throws BrowserException {
    WebMcpTarget target = WebMcpTarget.parse(tool.path());
    WebDriverSession session = session();
    session.navigate(tool.baseUrl() + target.page());
    JsonNode answer = session.executeAsync(WebMcpScript.CALL,
        List.of(target.tool(), arguments, settings.toolWait().toMillis()));
    if (answer.path("ok").asBoolean(false)) {
      return answer.path("result");
    }
    String error = answer.path("error").asText("");
    if (error.equals("missing")) {
      throw new BrowserException("tool-missing", "the page did not register " + target.tool());
    }
    if (error.equals("threw")) {
      throw new BrowserException("tool-failed", answer.path("message").asText(""));
    }
    throw new BrowserException("observer-missing", "the WebMCP observer did not run in the page");
  }

  private WebDriverSession session() throws BrowserException {
    if (browser != null) {
      return browser;
    }
    Map<String, String> hosts = vettedHosts();
    List<String> arguments = new ArrayList<>(ChromiumArguments.base(true, settings.extraArguments()));
    arguments.add(ChromiumArguments.onlyHosts(hosts));
    WebDriverSession started = WebDriverSession.start(settings.paths(), arguments, Duration.ofSeconds(60));
    try {
      started.timeouts(settings.callTimeout(), Duration.ofSeconds(30));
      started.devtools("Page.addScriptToEvaluateOnNewDocument", Map.of("source", WebMcpScript.OBSERVER));
      if (settings.session() != null) {
        started.devtools("Network.setCookies",
            Map.of("cookies", settings.session().cookies().stream().map(SessionFile.Cookie::devtools).toList()));
        String storage = settings.session().localStorageScript();
        if (storage != null) {
          started.devtools("Page.addScriptToEvaluateOnNewDocument", Map.of("source", storage));
        }
      }
      LOG.log(System.Logger.Level.INFO, "browser started for " + hosts.size() + " WebMCP origin host(s), Chromium "
          + started.browserVersion());
    } catch (BrowserException | RuntimeException e) {
      started.close();
      throw e;
    }
    browser = started;
    return started;
  }

  /** Each WebMCP host → its vetted address (an IP literal maps to itself). */
  private Map<String, String> vettedHosts() throws BrowserException {
    Map<String, String> hosts = new LinkedHashMap<>();
    for (ToolDefinition tool : tools) {
      URI origin = URI.create(tool.baseUrl());
      String host = origin.getHost().toLowerCase(Locale.ROOT);
      if (hosts.containsKey(host)) {
        continue;
      }
      int port = origin.getPort() != -1 ? origin.getPort() : "https".equalsIgnoreCase(origin.getScheme()) ? 443 : 80;
      List<InetSocketAddress> vetted;
      try {
        vetted = guard.resolve(host, port);
      } catch (UnknownHostException e) {
        throw new BrowserException("unresolvable", "the WebMCP host " + host + " does not resolve", e);
      } catch (RuntimeException e) { // SsrfBlockedException: the guard's refusal names the reason
        throw new BrowserException("ssrf-blocked", e.getMessage(), e);
      }
      String address = vetted.get(0).getAddress().getHostAddress();
      String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
      hosts.put(host, literal.equalsIgnoreCase(address) ? host : address.contains(":") ? "[" + address + "]" : address);
    }
    return hosts;
  }

  @Override
  public synchronized void close() {
    if (browser != null) {
      browser.close();
      browser = null;
    }
  }
}
