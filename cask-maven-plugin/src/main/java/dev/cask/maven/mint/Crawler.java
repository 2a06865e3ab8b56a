package dev.cask.maven.mint;

import dev.cask.maven.compile.DestructiveWords;
import dev.cask.maven.log.BuildLog;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Crawls the start URL's origin: breadth first along same-origin links, clicking each page's buttons that are not part
 * of a form, bounded by pages, depth and time. It never submits a form (only a steps file does), and leaves alone
 * links and buttons whose label or URL holds a destructive word (the compiler's list: delete, remove, cancel ...) or
 * signs the user out.
 */
final class Crawler {
  static final int MAX_BUTTONS_PER_PAGE = 20;

  /** Marks the clickable buttons (outside forms) with {@code data-cask-crawl} and returns their labels. */
  private static final String BUTTONS = String.join("\n",
      "const found = [];",
      "const candidates = document.querySelectorAll('button, input[type=button], [role=button]');",
      "for (const el of candidates) {",
      "  el.removeAttribute('data-cask-crawl');",
      "  const type = (el.getAttribute('type') || '').toLowerCase();",
      "  if (el.closest('form') || type === 'submit' || type === 'reset' || el.disabled) continue;",
      "  const box = el.getBoundingClientRect();",
      "  if (box.width === 0 || box.height === 0) continue;",
      "  el.setAttribute('data-cask-crawl', String(found.length));",
      "  const label = [el.textContent, el.getAttribute('aria-label'), el.getAttribute('title'), el.value, el.id]",
      "    .map((text) => (text || '').trim()).find(Boolean) || '';",
      "  found.push(label.slice(0, 200));",
      "}",
      "return found;");

  private static final String LINKS = String.join("\n",
      "return Array.from(document.querySelectorAll('a[href]'))",
      "  .filter((a) => !a.hasAttribute('download'))",
      "  .map((a) => [a.href, (a.textContent || '').trim().slice(0, 200)]);");

  private record Visit(String url, int depth) {}

  private final BrowserDriver browser;
  private final String origin;
  private final MintSettings.CrawlLimits limits;
  private final Runnable settle;
  private final BuildLog log;

  /**
   * @param settle waits for the page's calls to finish and records what it has (calls, WebMCP tools)
   */
  Crawler(BrowserDriver browser, String origin, MintSettings.CrawlLimits limits, Runnable settle, BuildLog log) {
    this.browser = browser;
    this.origin = origin;
    this.limits = limits;
    this.settle = settle;
    this.log = log;
  }

  /** Crawls from a URL of the origin; returns how many pages it opened. */
  int crawl(String from) {
    long deadline = System.nanoTime() + limits.time().toNanos();
    Deque<Visit> queue = new ArrayDeque<>();
    Set<String> seen = new HashSet<>();
    queue.add(new Visit(normalized(from), 0));
    seen.add(normalized(from));
    int pages = 0;
    while (!queue.isEmpty() && pages < limits.pages()) {
      if (System.nanoTime() > deadline) {
        log.info("mint: crawl stopped after " + limits.time().toSeconds() + " s (cask.mint.maxSeconds)");
        break;
      }
      Visit visit = queue.poll();
      open(visit.url());
      pages++;
      log.info("mint: crawl page " + pages + " (depth " + visit.depth() + "): " + shown(visit.url()));
      List<String> found = new ArrayList<>(links());
      found.addAll(clickButtons(visit.url(), deadline));
      if (visit.depth() >= limits.depth()) {
        continue;
      }
      for (String link : found) {
        if (seen.add(link)) {
          queue.add(new Visit(link, visit.depth() + 1));
        }
      }
    }
    if (!queue.isEmpty() && pages >= limits.pages()) {
      log.info("mint: crawl stopped at " + limits.pages() + " pages (cask.mint.maxPages); " + queue.size() + " not opened");
    }
    return pages;
  }

  private void open(String url) {
    browser.navigate(url);
    settle.run();
  }

  /** The page's same-origin links to follow, normalized (no fragment). */
  private List<String> links() {
    List<String> links = new ArrayList<>();
    if (!(browser.execute(LINKS) instanceof List<?> pairs)) {
      return links;
    }
    for (Object pair : pairs) {
      if (pair instanceof List<?> link && link.size() == 2 && link.get(0) instanceof String href) {
        String label = String.valueOf(link.get(1));
        String url = sameOrigin(href);
        if (url != null && !avoided(label) && !avoided(url)) {
          links.add(url);
        }
      }
    }
    return links;
  }

  /** Clicks each button once (the page reloaded before each); returns same-origin pages the clicks led to. */
  private List<String> clickButtons(String page, long deadline) {
    List<String> reached = new ArrayList<>();
    int count = labels().size();
    for (int i = 0; i < Math.min(count, MAX_BUTTONS_PER_PAGE) && System.nanoTime() < deadline; i++) {
      List<String> labels = labels();
      if (i >= labels.size()) {
        break;
      }
      if (avoided(labels.get(i))) {
        log.info("mint: crawl leaves the button '" + labels.get(i) + "' alone (destructive or signs out)");
        continue;
      }
      try {
        browser.click("[data-cask-crawl=\"" + i + "\"]", Duration.ofSeconds(2));
      } catch (RuntimeException e) {
        continue; // it went away or cannot be clicked: not this page's business
      }
      settle.run();
      String now = sameOrigin(browser.currentUrl());
      if (now != null && !now.equals(page)) {
        reached.add(now);
        open(page);
      }
    }
    return reached;
  }

  private List<String> labels() {
    List<String> labels = new ArrayList<>();
    if (browser.execute(BUTTONS) instanceof List<?> found) {
      found.forEach(label -> labels.add(String.valueOf(label)));
    }
    return labels;
  }

  /** Destructive words, or signing out: a crawl must not delete data or end the session it records. */
  static boolean avoided(String text) {
    if (text == null) {
      return false;
    }
    String squeezed = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    return DestructiveWords.in(text) || squeezed.contains("logout") || squeezed.contains("signout")
        || squeezed.contains("logoff");
  }

  /** The URL without its fragment when it is on the crawled origin, else null. */
  private String sameOrigin(String href) {
    try {
      URI uri = new URI(href);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (uri.getRawAuthority() == null || !(scheme + "://" + uri.getRawAuthority().toLowerCase(Locale.ROOT)).equals(origin)) {
        return null;
      }
      return normalized(href);
    } catch (URISyntaxException e) {
      return null;
    }
  }

  private static String normalized(String url) {
    int hash = url.indexOf('#');
    return hash < 0 ? url : url.substring(0, hash);
  }

  /** A URL for the log: its path only (a query may hold personal data). */
  private static String shown(String url) {
    try {
      URI uri = new URI(url);
      return uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    } catch (URISyntaxException e) {
      return "(a page)";
    }
  }
}
