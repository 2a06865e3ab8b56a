package dev.cask.maven.mint;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What {@code cask:mint} needs from a browser: Chromium driven through Selenium, with its network recorded through the
 * DevTools protocol. The implementation ({@code dev.cask.maven.mint.browser.SeleniumBrowser}) lives in an isolated class
 * loader with Selenium ({@link IsolatedBrowserLoader}); only JDK types and this package's types cross the boundary.
 * Element actions take CSS selectors and wait up to the given time for the element.
 */
public interface BrowserDriver extends AutoCloseable {
  /**
   * Starts Chromium and starts recording.
   *
   * @param arguments Chromium's command-line arguments
   * @param scripts scripts every document runs before its own (the WebMCP observer, a session's localStorage)
   * @param cookies cookies to set before the first page (DevTools {@code Network.setCookies} entries)
   */
  void start(Path chromium, Path chromedriver, List<String> arguments, List<String> scripts,
      List<Map<String, Object>> cookies) throws Exception;

  void navigate(String url);

  String currentUrl();

  /** Runs a script in the page; the result is made of JDK types (maps, lists, strings, numbers, booleans). */
  Object execute(String script, Object... args);

  void click(String selector, Duration wait);

  /** Types the value into the element (after clearing it), as a person would. */
  void fill(String selector, String value, Duration wait);

  /** Selects the option with this value, or else this visible text. */
  void select(String selector, String value, Duration wait);

  /** Whether an element matching the selector appears (and is displayed) within the time. */
  boolean waitFor(String selector, Duration wait);

  /** The visible text of the first element matching the selector, or null when there is none. */
  String text(String selector);

  /**
   * Waits until no request has been in flight for {@code quiet}, at most {@code max}.
   *
   * @return the resource types of the requests still open when {@code max} ran out (empty when the network went quiet)
   */
  List<String> awaitNetworkIdle(Duration quiet, Duration max);

  /** Whether the browser window is still open (a person may close it). */
  boolean isOpen();

  /** The calls completed since the last drain, in the order they were sent. */
  List<RecordedCall> drainCalls();

  @Override
  void close();
}
