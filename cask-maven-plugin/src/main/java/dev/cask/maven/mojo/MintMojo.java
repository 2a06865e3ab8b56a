package dev.cask.maven.mojo;

import dev.cask.maven.log.BuildLog;
import dev.cask.maven.mint.IsolatedBrowserLoader;
import dev.cask.maven.mint.MintRun;
import dev.cask.maven.mint.MintSettings;
import dev.cask.runtime.browser.BrowserPaths;
import java.io.File;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.repository.RemoteRepository;

/**
 * Records a real browser session of a web app into {@code src/main/cask/minted/} (a HAR redacted before it is written,
 * and the WebMCP tools its pages register), then imports and compiles the project's inputs exactly as
 * {@code capture-import} and {@code compile} do, so the minted tools are gated, diffed and verified like any other.
 * The browser library is resolved only here (see {@link BrowserLibrary}).
 */
@Mojo(name = MintMojo.GOAL, threadSafe = false)
public class MintMojo extends CompileMojo {
  public static final String GOAL = "mint";

  /** The URL to start at; its host (with its port, when not the default) is recorded. */
  @Parameter(property = "cask.url")
  private String url;

  /** The Chromium executable; default: found on the PATH (chromium, chromium-browser, google-chrome). */
  @Parameter(property = "cask.browser")
  private String browser;

  /** The ChromeDriver executable; default: found on the PATH. */
  @Parameter(property = "cask.chromedriver")
  private String chromedriver;

  /** A person drives a visible browser window; the mint ends when it closes or on Enter. */
  @Parameter(property = "cask.mint.headed", defaultValue = "false")
  private boolean headed;

  /** A steps file to run (goto, click, fill, select, wait for, expect): reproducible re-captures, in CI too. */
  @Parameter(property = "cask.mint.steps")
  private File steps;

  /** Crawl the start URL's origin (same-origin links and buttons outside forms; never submits a form). */
  @Parameter(property = "cask.mint.crawl", defaultValue = "false")
  private boolean crawl;

  /** The most pages a crawl opens. */
  @Parameter(property = "cask.mint.maxPages", defaultValue = "50")
  private int maxPages;

  /** The most links a crawl follows from the start page. */
  @Parameter(property = "cask.mint.maxDepth", defaultValue = "3")
  private int maxDepth;

  /** The longest a crawl runs, in seconds. */
  @Parameter(property = "cask.mint.maxSeconds", defaultValue = "120")
  private int maxSeconds;

  /** A storage-state or cookies file the browser starts logged in with; never copied into any artifact or log. */
  @Parameter(property = "cask.mint.session")
  private File session;

  /** More Chromium arguments (a proxy, for example). */
  @Parameter
  private List<String> browserArgs;

  /** Where the minted files go; keep it inside cask.inputs. */
  @Parameter(property = "cask.mint.directory", defaultValue = "${project.basedir}/src/main/cask/minted")
  private File mintedDirectory;

  @Component private RepositorySystem repositorySystem;

  @Parameter(defaultValue = "${repositorySystemSession}", readonly = true, required = true)
  private RepositorySystemSession repositorySession;

  @Parameter(defaultValue = "${project.remotePluginRepositories}", readonly = true, required = true)
  private List<RemoteRepository> pluginRepositories;

  @Override
  protected String goal() {
    return GOAL;
  }

  @Override
  protected void run(BuildLog log) {
    MintSettings settings = new MintSettings(
        MintSettings.startUrl(url),
        allowHosts == null ? List.of() : allowHosts,
        headed,
        steps == null ? null : steps.toPath(),
        crawl,
        new MintSettings.CrawlLimits(maxPages, maxDepth, Duration.ofSeconds(maxSeconds)),
        session == null ? null : session.toPath(),
        BrowserPaths.find(browser, chromedriver, "-Dcask.browser", "-Dcask.chromedriver"),
        browserArgs == null ? List.of() : browserArgs,
        importSettings().redaction(),
        basedir(),
        mintedDirectory.toPath(),
        System.getenv());
    warnIfNotImported(log);
    List<Path> library = BrowserLibrary.resolve(repositorySystem, repositorySession, pluginRepositories, log);
    try (IsolatedBrowserLoader loader = IsolatedBrowserLoader.of(library)) {
      new MintRun(settings, log, Clock.systemUTC()).run(loader.newBrowser());
    }
    project.setContextValue(CAPTURE_CONTEXT_KEY, null);
    if (allowHosts != null && !allowHosts.isEmpty()) {
      // cask.allowHosts names the further hosts to record; the import must keep the start URL's host too.
      allowHosts = settings.recordedHosts();
      log.info("mint: the import keeps " + String.join(", ", allowHosts) + "; a build that sets cask.allowHosts keeps"
          + " the minted tools only when it names " + settings.startHost() + " too");
    }
    super.run(log);
  }

  private void warnIfNotImported(BuildLog log) {
    Path minted = mintedDirectory.toPath().toAbsolutePath().normalize();
    boolean imported = inputs.stream().map(input -> input.toPath().toAbsolutePath().normalize()).anyMatch(minted::startsWith);
    if (!imported) {
      log.warn("the minted directory " + minted + " is not inside cask.inputs: the build will not import what mint records");
    }
  }
}
