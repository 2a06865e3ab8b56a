package dev.cask.maven.mint;

import dev.cask.maven.importers.HostPatterns;
import dev.cask.maven.importers.webmcp.WebMcpFile;
import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.browser.ChromiumArguments;
import dev.cask.runtime.browser.SessionFile;
import dev.cask.runtime.browser.WebMcpScript;
import dev.cask.runtime.json.CaskFiles;
import dev.cask.runtime.redact.RedactionRules;
import dev.cask.runtime.redact.ValuePattern;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * One {@code cask:mint}: drives the browser (headed, a steps file, a crawl), records the calls to the start URL's host
 * and {@code allowHosts} and the WebMCP tools their pages register, and writes {@code <host>-<time>.har} (redacted
 * before it is written: {@link MintedHar}) and {@code <host>-<time>.webmcp.json} into the minted directory, replacing
 * the earlier minted files of the same host. Calls to any other host are counted and listed, never kept. The session
 * file goes to the browser only, and typed secrets are redacted wherever they show up.
 */
public final class MintRun {
  static final Duration QUIET = Duration.ofMillis(500);
  static final Duration SETTLE_MAX = Duration.ofSeconds(15);
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'", Locale.ROOT)
      .withZone(ZoneOffset.UTC);
  private static final int MIN_SECRET_LENGTH = 4;

  private final MintSettings settings;
  private final BuildLog log;
  private final Clock clock;
  private final List<RecordedCall> calls = new ArrayList<>();
  private BrowserDriver browser;
  private WebMcpRecorder webMcp;

  public MintRun(MintSettings settings, BuildLog log, Clock clock) {
    this.settings = settings;
    this.log = log;
    this.clock = clock;
  }

  /**
   * Runs the mint in the given browser (not started yet; closed when done).
   *
   * @throws CaskException for anything the user can fix (a step that fails names its line)
   */
  public MintResult run(BrowserDriver driver) {
    this.browser = driver;
    List<Step> steps = settings.steps() == null ? List.of()
        : StepsFile.read(settings.steps(), display(settings.steps()), settings.env());
    SessionFile.Session session = settings.session() == null ? null
        : SessionFile.read(settings.session(), "-Dcask.mint.session");
    HostPatterns recorded = recordedHosts();
    MintedHar har = new MintedHar(withTypedSecrets(settings.redaction(), steps), log);
    webMcp = new WebMcpRecorder(recorded, har.redactor(), log);
    long started = System.nanoTime();
    try (BrowserDriver ignored = driver) {
      start(session);
      browser.navigate(settings.start().toString());
      settle();
      for (Step step : steps) {
        runStep(step);
      }
      if (settings.crawl()) {
        int pages = new Crawler(browser, settings.startOrigin(), settings.limits(), this::settle, log)
            .crawl(browser.currentUrl().startsWith(settings.startOrigin()) ? browser.currentUrl() : settings.start().toString());
        log.info("mint: crawled " + pages + " page(s)");
      }
      if (settings.headed()) {
        awaitPerson();
      } else {
        settle();
      }
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    return write(recorded, har, took);
  }

  private void start(SessionFile.Session session) {
    List<String> scripts = new ArrayList<>(List.of(WebMcpScript.OBSERVER));
    List<Map<String, Object>> cookies = List.of();
    if (session != null) {
      log.info("mint: the browser starts with the session in " + display(settings.session()) + ": " + session.summary());
      cookies = session.cookies().stream().map(SessionFile.Cookie::devtools).toList();
      if (session.localStorageScript() != null) {
        scripts.add(session.localStorageScript());
      }
    }
    List<String> arguments = ChromiumArguments.base(!settings.headed(), settings.browserArguments());
    log.info("mint: " + settings.browser().chromium() + (settings.headed() ? " (headed)" : " (headless)") + " with "
        + settings.browser().chromedriver());
    try {
      browser.start(settings.browser().chromium(), settings.browser().chromedriver(), arguments, scripts, cookies);
    } catch (Exception e) {
      throw new CaskException("cask:mint", null, "the browser did not start: " + e.getMessage(),
          "check that " + settings.browser().chromedriver() + " matches " + settings.browser().chromium()
              + " (same major version; Debian's chromium and chromium-driver packages always match)", e);
    }
  }

  /** Waits for the page's calls, then records them and the page's WebMCP tools. */
  private void settle() {
    List<String> open = browser.awaitNetworkIdle(QUIET, SETTLE_MAX);
    if (!open.isEmpty()) {
      log.info("mint: " + open.size() + " request(s) still open after " + SETTLE_MAX.toSeconds() + " s (" + String.join(", ", open)
          + "); going on");
    }
    try {
      webMcp.record(browser.currentUrl(), browser.execute(WebMcpScript.LIST));
    } catch (RuntimeException e) {
      log.debug("mint: no WebMCP list from the current page: " + e.getClass().getSimpleName());
    }
    calls.addAll(browser.drainCalls());
  }

  private void runStep(Step step) {
    String where = display(settings.steps());
    log.info("mint: " + where + " line " + step.line() + ": " + describe(step));
    try {
      if (step instanceof Step.Goto go) {
        browser.navigate(settings.start().resolve(go.url()).toString());
      } else if (step instanceof Step.Click click) {
        browser.click(click.selector(), StepsFile.DEFAULT_WAIT);
      } else if (step instanceof Step.Fill fill) {
        browser.fill(fill.selector(), fill.value().text(), StepsFile.DEFAULT_WAIT);
      } else if (step instanceof Step.Select select) {
        browser.select(select.selector(), select.value().text(), StepsFile.DEFAULT_WAIT);
      } else if (step instanceof Step.WaitFor wait) {
        if (!browser.waitFor(wait.selector(), wait.timeout())) {
          throw new CaskException(where, "line " + step.line(), "no visible element matches " + wait.selector()
              + " after " + wait.timeout().toSeconds() + " s", "check the selector, or wait longer");
        }
      } else if (step instanceof Step.ExpectText expect) {
        browser.awaitNetworkIdle(QUIET, SETTLE_MAX);
        String text = browser.text(expect.selector());
        if (text == null || !text.contains(expect.text())) {
          throw new CaskException(where, "line " + step.line(), "expected " + expect.selector() + " to contain '"
              + expect.text() + "', but " + (text == null ? "no element matches" : "it does not"),
              "check the page or the step");
        }
      } else if (step instanceof Step.ExpectUrl expect) {
        browser.awaitNetworkIdle(QUIET, SETTLE_MAX);
        String url = browser.currentUrl();
        if (url == null || !url.contains(expect.text())) {
          throw new CaskException(where, "line " + step.line(), "expected the page's URL to contain '" + expect.text()
              + "', but it is " + path(url), "check the page or the step");
        }
      }
    } catch (CaskException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CaskException(where, "line " + step.line(), describe(step) + " failed: " + firstLine(e.getMessage()),
          "check the selector against the page");
    }
    if (step instanceof Step.Goto || step instanceof Step.Click) {
      settle();
    }
  }

  private static String describe(Step step) {
    if (step instanceof Step.Goto go) {
      return "goto " + go.url();
    } else if (step instanceof Step.Click click) {
      return "click " + click.selector();
    } else if (step instanceof Step.Fill fill) {
      return "fill " + fill.selector() + " " + fill.value().shown();
    } else if (step instanceof Step.Select select) {
      return "select " + select.selector() + " " + select.value().shown();
    } else if (step instanceof Step.WaitFor wait) {
      return "wait for " + wait.selector();
    } else if (step instanceof Step.ExpectText expect) {
      return "expect " + expect.selector() + " '" + expect.text() + "'";
    }
    return "expect url '" + ((Step.ExpectUrl) step).text() + "'";
  }

  /** Headed: a person clicks through; ends when the window closes or Enter is pressed. Records as it goes. */
  private void awaitPerson() {
    log.info("mint: use the app in the browser window; close the window or press Enter here when done");
    AtomicBoolean enter = new AtomicBoolean();
    Thread reader = new Thread(() -> {
      try {
        if (new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine() != null) {
          enter.set(true);
        } // else no console (stdin closed, as in a batch build): the window decides
      } catch (IOException e) {
        // no console: the window decides
      }
    }, "cask-mint-enter");
    reader.setDaemon(true);
    reader.start();
    while (!enter.get() && browser.isOpen()) {
      try {
        webMcp.record(browser.currentUrl(), browser.execute(WebMcpScript.LIST));
      } catch (RuntimeException e) {
        // between pages, or the window is closing
      }
      calls.addAll(browser.drainCalls());
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (browser.isOpen()) {
      settle();
    } else {
      calls.addAll(browser.drainCalls());
    }
  }

  private HostPatterns recordedHosts() {
    return HostPatterns.of(settings.recordedHosts());
  }

  /** Values a steps file typed from the environment are secrets wherever they appear, under any field name. */
  static RedactionRules withTypedSecrets(RedactionRules rules, List<Step> steps) {
    List<ValuePattern> secrets = new ArrayList<>();
    for (Step step : steps) {
      Step.Value value = step instanceof Step.Fill fill ? fill.value()
          : step instanceof Step.Select select ? select.value() : null;
      if (value != null && value.secret()) {
        if (value.text().length() < MIN_SECRET_LENGTH) {
          throw new CaskException("${env:" + value.secretFrom() + "}", null, "is shorter than " + MIN_SECRET_LENGTH
              + " characters, too short to find and redact reliably", "use a longer test password");
        }
        secrets.add(new ValuePattern("typed-secret", Pattern.compile(Pattern.quote(value.text())), null, true));
      }
    }
    return secrets.isEmpty() ? rules : rules.withPatterns(secrets);
  }

  private MintResult write(HostPatterns recorded, MintedHar har, Duration took) {
    List<RecordedCall> kept = new ArrayList<>();
    SortedMap<String, Integer> thirdParties = new TreeMap<>();
    for (RecordedCall call : calls) {
      String authority = authority(call.url());
      if (authority == null) {
        continue; // data:, blob:, about: — nothing went over the network
      }
      if (recorded.allows(call.url().replaceFirst("^ws", "http"))) {
        kept.add(call);
      } else {
        thirdParties.merge(authority, 1, Integer::sum);
      }
    }
    if (kept.isEmpty()) {
      throw new CaskException("-Dcask.url", null, "the browser made no call to " + settings.startHost()
          + (settings.allowHosts().isEmpty() ? "" : " or " + String.join(", ", settings.allowHosts())),
          "check the URL and that the app answers; calls went to: "
              + (thirdParties.isEmpty() ? "nowhere" : String.join(", ", thirdParties.keySet())));
    }
    String base = fileName(settings.startHost()) + "-" + STAMP.format(clock.instant());
    Path directory = settings.outputDir();
    Map<String, byte[]> files = new LinkedHashMap<>();
    String harName = base + ".har";
    files.put(harName, har.write(kept, display(directory.resolve(harName))));
    List<WebMcpFile.Tool> tools = webMcp.tools();
    String webMcpName = null;
    if (!tools.isEmpty()) {
      webMcpName = base + ".webmcp.json";
      files.put(webMcpName, CaskFiles.prettyJson(new WebMcpFile(WebMcpFile.FORMAT_VERSION, tools)));
    }
    List<Path> replaced = earlierFiles(directory, fileName(settings.startHost()), files.keySet());
    CaskFiles.writeAtomically(directory, files);
    for (Path old : replaced) {
      try {
        Files.deleteIfExists(old);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot remove the earlier minted file " + old, e);
      }
    }
    MintResult result = new MintResult(directory.resolve(harName), webMcpName == null ? null : directory.resolve(webMcpName),
        kept.size(), har.skipped(), har.redactedValues(), tools.size(), thirdParties, replaced, took);
    result.lines(this::display).forEach(log::info);
    return result;
  }

  /** The minted files of this host from earlier mints (replaced: re-minting shows up in diff and drift). */
  private static List<Path> earlierFiles(Path directory, String host, java.util.Set<String> keep) {
    List<Path> earlier = new ArrayList<>();
    if (!Files.isDirectory(directory)) {
      return earlier;
    }
    Pattern minted = Pattern.compile(Pattern.quote(host) + "-\\d{8}T\\d{6}Z\\.(har|webmcp\\.json)");
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (minted.matcher(name).matches() && !keep.contains(name)) {
          earlier.add(file);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    earlier.sort(null);
    return earlier;
  }

  /** A host as part of a file name: {@code 127.0.0.1:8080} → {@code 127.0.0.1_8080}. */
  static String fileName(String host) {
    return host.replaceAll("[^A-Za-z0-9.-]", "_");
  }

  private static String authority(String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return scheme.matches("https?|wss?") && uri.getRawAuthority() != null ? uri.getRawAuthority().toLowerCase(Locale.ROOT) : null;
    } catch (java.net.URISyntaxException e) {
      return null;
    }
  }

  private String display(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    Path project = settings.projectDir().toAbsolutePath().normalize();
    return (absolute.startsWith(project) ? project.relativize(absolute) : absolute).toString().replace('\\', '/');
  }

  private static String path(String url) {
    try {
      return url == null ? "(none)" : new URI(url).getRawPath();
    } catch (java.net.URISyntaxException e) {
      return "(not a URL)";
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "(no message)";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
