package dev.cask.maven.mint;

import dev.cask.runtime.CaskException;
import dev.cask.runtime.browser.BrowserPaths;
import dev.cask.runtime.redact.RedactionRules;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code cask:mint} was asked to do.
 *
 * @param start the start URL ({@code cask.url}); its host (with its port, when not the default) is recorded
 * @param allowHosts further hosts to record ({@code cask.allowHosts}); calls to any other host are counted, not kept
 * @param headed whether a person drives a visible window ({@code cask.mint.headed}); ends when it closes or on Enter
 * @param steps a steps file to run ({@code cask.mint.steps}), or null
 * @param crawl whether to crawl the start URL's origin ({@code cask.mint.crawl}), after the steps
 * @param limits the crawl's bounds
 * @param session a storage-state or cookies file the browser starts with ({@code cask.mint.session}), or null
 * @param browser Chromium and ChromeDriver
 * @param browserArguments more Chromium arguments ({@code browserArgs})
 * @param redaction the importer's redaction rules with the project's settings
 * @param projectDir the project directory (paths in messages are relative to it)
 * @param outputDir where the minted files go ({@code src/main/cask/minted})
 * @param env the environment a steps file reads secrets from
 */
public record MintSettings(
    URI start,
    List<String> allowHosts,
    boolean headed,
    Path steps,
    boolean crawl,
    CrawlLimits limits,
    Path session,
    BrowserPaths browser,
    List<String> browserArguments,
    RedactionRules redaction,
    Path projectDir,
    Path outputDir,
    Map<String, String> env) {

  /**
   * The crawl's bounds.
   *
   * @param pages the most pages it opens ({@code cask.mint.maxPages})
   * @param depth the most links it follows from the start page ({@code cask.mint.maxDepth})
   * @param time the longest it runs ({@code cask.mint.maxSeconds})
   */
  public record CrawlLimits(int pages, int depth, Duration time) {
    public static final CrawlLimits DEFAULT = new CrawlLimits(50, 3, Duration.ofMinutes(2));

    public CrawlLimits {
      if (pages < 1 || depth < 0 || time.isNegative() || time.isZero()) {
        throw new CaskException("-Dcask.mint.maxPages/maxDepth/maxSeconds", null,
            "the crawl limits must be at least 1 page, depth 0 and 1 second", "give positive limits");
      }
    }
  }

  public MintSettings {
    Objects.requireNonNull(start, "start");
    allowHosts = List.copyOf(allowHosts);
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(browser, "browser");
    browserArguments = List.copyOf(browserArguments);
    Objects.requireNonNull(redaction, "redaction");
    env = Map.copyOf(env);
    if (!headed && steps == null && !crawl) {
      throw new CaskException("cask:mint", null, "has nothing to drive the browser",
          "choose one: -Dcask.mint.headed=true (you click through), -Dcask.mint.steps=FILE (scripted) or"
              + " -Dcask.mint.crawl=true (same-origin links and buttons)");
    }
  }

  /** Parses {@code cask.url}: an absolute http(s) URL with a host. */
  public static URI startUrl(String text) {
    if (text == null || text.isBlank()) {
      throw new CaskException("-Dcask.url", null, "is not set", "give the URL to start at, e.g. -Dcask.url=https://app.example.com");
    }
    URI uri = null;
    try {
      uri = new URI(text.trim());
    } catch (URISyntaxException e) {
      // reported below
    }
    if (uri != null && uri.getRawUserInfo() != null) { // never echoed: it holds credentials
      throw new CaskException("-Dcask.url", null, "carries a user name or password",
          "leave credentials out of the URL; sign in with a steps file or -Dcask.mint.session=FILE");
    }
    String scheme = uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
      return uri;
    }
    String shown = text.contains("@") ? "the value" : "'" + text + "'"; // an unparsable one may hold credentials too
    throw new CaskException("-Dcask.url", null, shown + " is not an http(s) URL with a host",
        "give the URL to start at, e.g. -Dcask.url=https://app.example.com");
  }

  /** The start URL's host as recorded: {@code host}, or {@code host:port} when the port is not the scheme's default. */
  public String startHost() {
    String host = start.getHost().toLowerCase(Locale.ROOT);
    int port = start.getPort();
    boolean defaultPort = port == -1 || (port == 443 && "https".equalsIgnoreCase(start.getScheme()))
        || (port == 80 && "http".equalsIgnoreCase(start.getScheme()));
    return defaultPort ? host : host + ":" + port;
  }

  /**
   * The hosts a mint records: the start URL's host and {@code allowHosts}. The mint's own import keeps the same ones
   * (with {@code cask.allowHosts} alone it would drop the start host's calls that were just recorded).
   */
  public List<String> recordedHosts() {
    List<String> hosts = new ArrayList<>();
    hosts.add(startHost());
    hosts.addAll(allowHosts);
    return List.copyOf(hosts);
  }

  /** {@code scheme://host[:port]} of the start URL. */
  public String startOrigin() {
    return start.getScheme().toLowerCase(Locale.ROOT) + "://" + start.getRawAuthority().toLowerCase(Locale.ROOT);
  }
}
