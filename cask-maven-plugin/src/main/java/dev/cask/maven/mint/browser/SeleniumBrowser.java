package dev.cask.maven.mint.browser;

import dev.cask.maven.mint.BrowserDriver;
import dev.cask.maven.mint.RecordedCall;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.devtools.CdpInfo;
import org.openqa.selenium.devtools.CdpVersionFinder;
import org.openqa.selenium.devtools.Command;
import org.openqa.selenium.devtools.Connection;
import org.openqa.selenium.devtools.DevTools;
import org.openqa.selenium.devtools.Event;
import org.openqa.selenium.devtools.SeleniumCdpConnection;
import org.openqa.selenium.json.JsonInput;
import org.openqa.selenium.remote.RemoteWebDriver;

/**
 * {@link BrowserDriver} on Selenium: ChromeDriver (the one the user has, by path: Selenium Manager is not even on the
 * class path, so nothing is ever downloaded) drives Chromium through WebDriver, and Selenium's DevTools support records
 * every request and response of the page ({@code Network} domain events, bodies of JSON and text responses). Loaded
 * only in {@link dev.cask.maven.mint.IsolatedBrowserLoader}, never by the plugin's own class loader.
 */
public final class SeleniumBrowser implements BrowserDriver {
  /**
   * The requests a page waits for: pages, scripts and API calls. Stylesheets, images, fonts and the like do not keep a
   * mint waiting (the browser serves many from its memory cache without saying they finished).
   */
  private static final java.util.Set<String> AWAITED = java.util.Set.of("document", "script", "xhr", "fetch", "preflight");

  /** Responses whose bodies are kept for schema inference; all others are recorded without a body. */
  private static final long MAX_BODY_CHARS = 8L * 1024 * 1024;

  /**
   * One hop of a request (a redirect starts a new hop under the same request id). The DevTools events of a request
   * reach the listeners on a thread pool, so a hop may finish before its response is seen: a hop is only turned into a
   * {@link RecordedCall} when it is drained, once the network has been quiet, whatever the order its events came in.
   */
  private static final class Pending {
    final String requestId;
    final long order;
    final long startedMillis;
    final String method;
    final String url;
    final String resourceType;
    final String loaderId;
    final Map<String, String> requestHeaders = new LinkedHashMap<>();
    volatile String postData;
    volatile boolean needsPostData;
    volatile int status;
    final Map<String, String> responseHeaders = new ConcurrentHashMap<>();
    volatile String mimeType;
    volatile String body;
    volatile boolean bodyBase64;
    volatile boolean finished;
    volatile boolean ready;
    /** Left open when the tab moved to another page: its own events may still come (they are applied until drained). */
    volatile boolean abandoned;

    Pending(String requestId, long order, long startedMillis, String method, String url, String resourceType,
        String loaderId) {
      this.requestId = requestId;
      this.order = order;
      this.startedMillis = startedMillis;
      this.method = method;
      this.url = url;
      this.resourceType = resourceType;
      this.loaderId = loaderId;
    }
  }

  /** Request id → its latest hop, until drained. */
  private final Map<String, Pending> latest = new ConcurrentHashMap<>();
  /** Every hop not drained yet, in the order they were sent. */
  private final List<Pending> hops = new ArrayList<>();
  private final List<RecordedCall> webSockets = new ArrayList<>();
  private final Map<String, Map<String, String>> extraRequestHeaders = new ConcurrentHashMap<>();
  private final Map<String, Map<String, String>> extraResponseHeaders = new ConcurrentHashMap<>();
  /**
   * Selenium hands DevTools events to its listeners on several threads, so a request's response or end can be handled
   * before the request itself: kept here (request id → response; request id → loaded) until the request arrives.
   */
  private final Map<String, Map<String, Object>> earlyResponses = new HashMap<>();
  private final Map<String, Boolean> earlyEnds = new HashMap<>();
  /** Every event handler runs under this lock, one at a time. */
  private final Object events = new Object();
  private final AtomicLong order = new AtomicLong();
  private final AtomicInteger fetching = new AtomicInteger();
  private final ExecutorService bodies = Executors.newSingleThreadExecutor(runnable -> {
    Thread thread = new Thread(runnable, "cask-mint-bodies");
    thread.setDaemon(true);
    return thread;
  });
  private volatile long lastActivity = System.nanoTime();
  private volatile String mainFrame;

  private ChromeDriverService service;
  private RemoteWebDriver driver;
  private DevTools devTools;

  public SeleniumBrowser() {
    // Selenium logs through java.util.logging; at INFO and below it would show request details in the build log.
    Logger.getLogger("org.openqa.selenium").setLevel(Level.WARNING);
  }

  @Override
  public void start(Path chromium, Path chromedriver, List<String> arguments, List<String> scripts,
      List<Map<String, Object>> cookies) throws IOException {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments(arguments);
    service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(chromedriver.toString()))
        .usingAnyFreePort()
        .withSilent(true)
        .build();
    service.start();
    driver = new RemoteWebDriver(service.getUrl(), options);
    Connection connection = SeleniumCdpConnection.create(driver)
        .orElseThrow(() -> new IOException("ChromeDriver did not give a DevTools endpoint for the browser"));
    String version = driver.getCapabilities().getBrowserVersion();
    CdpInfo info = new CdpVersionFinder().match(version).orElseGet(SeleniumBrowser::newestCdp);
    devTools = new DevTools(info::getDomains, connection);
    devTools.createSession(driver.getWindowHandle()); // the tab WebDriver drives, not any page target
    listen("Network.requestWillBeSent", this::requestWillBeSent);
    listen("Network.requestWillBeSentExtraInfo",
        event -> extraRequestHeaders.put(text(event, "requestId"), headers(event.get("headers"))));
    listen("Network.responseReceived", this::responseReceived);
    listen("Network.responseReceivedExtraInfo",
        event -> extraResponseHeaders.put(text(event, "requestId"), headers(event.get("headers"))));
    listen("Network.loadingFinished", event -> finish(text(event, "requestId"), true));
    listen("Network.loadingFailed", event -> finish(text(event, "requestId"), false));
    listen("Network.webSocketCreated", this::webSocketCreated);
    send("Network.enable", Map.of("maxTotalBufferSize", 64 * 1024 * 1024, "maxResourceBufferSize", 16 * 1024 * 1024));
    // Every call goes to the network, so every call is recorded (a cached one would be missing, or never finish).
    send("Network.setCacheDisabled", Map.of("cacheDisabled", true));
    send("Page.enable", Map.of()); // without it, scripts added below do not run in the next documents
    if (send("Page.getFrameTree", Map.of()).get("frameTree") instanceof Map<?, ?> tree
        && tree.get("frame") instanceof Map<?, ?> frame) {
      mainFrame = String.valueOf(frame.get("id"));
    }
    for (String script : scripts) {
      send("Page.addScriptToEvaluateOnNewDocument", Map.of("source", script));
    }
    if (!cookies.isEmpty()) {
      send("Network.setCookies", Map.of("cookies", cookies));
    }
  }

  private static CdpInfo newestCdp() {
    CdpInfo newest = null;
    for (CdpInfo info : ServiceLoader.load(CdpInfo.class, SeleniumBrowser.class.getClassLoader())) {
      if (newest == null || info.getMajorVersion() > newest.getMajorVersion()) {
        newest = info;
      }
    }
    if (newest == null) {
      throw new IllegalStateException("no Selenium DevTools module on the class path");
    }
    return newest;
  }

  @SuppressWarnings("unchecked")
  private void listen(String name, Consumer<Map<String, Object>> handler) {
    devTools.addListener(new Event<Map<String, Object>>(name, input -> (Map<String, Object>) input.read(Map.class)),
        event -> {
          synchronized (events) {
            try {
              handler.accept(event);
            } catch (RuntimeException e) {
              // one malformed event must not stop the recording
            }
          }
        });
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> send(String method, Map<String, Object> params) {
    return devTools.send(new Command<Map<String, Object>>(method, params, input -> readMap(input)));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> readMap(JsonInput input) {
    Object value = input.read(Object.class);
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  @SuppressWarnings("unchecked")
  private void requestWillBeSent(Map<String, Object> event) {
    String id = text(event, "requestId");
    Map<String, Object> request = (Map<String, Object>) event.get("request");
    if (event.get("redirectResponse") instanceof Map<?, ?> previous) {
      Pending hop = latest.get(id);
      if (hop != null && !hop.finished) {
        response(hop, (Map<String, Object>) previous);
        hop.finished = true;
        hop.ready = true;
      }
    }
    String loader = text(event, "loaderId") == null ? "" : text(event, "loaderId");
    if ("Document".equals(text(event, "type")) && mainFrame != null && mainFrame.equals(text(event, "frameId"))) {
      abandonOtherDocuments(loader);
    }
    Pending call = new Pending(id, order.getAndIncrement(), wallMillis(event), text(request, "method"), text(request, "url"),
        lower(text(event, "type")), loader);
    call.requestHeaders.putAll(headers(request.get("headers")));
    call.postData = text(request, "postData");
    call.needsPostData = call.postData == null && Boolean.TRUE.equals(request.get("hasPostData"));
    synchronized (hops) {
      hops.add(call);
    }
    latest.put(id, call);
    lastActivity = System.nanoTime();
    Map<String, Object> early = earlyResponses.remove(id);
    if (early != null) {
      response(call, early);
    }
    Boolean ended = earlyEnds.remove(id);
    if (ended != null) {
      finish(id, ended);
    }
  }

  /**
   * A new page in the tab: requests of the page before it that are still open will never finish (the browser drops
   * them without an event); they are recorded as they are.
   */
  private void abandonOtherDocuments(String loader) {
    for (Pending hop : latest.values()) {
      if (!hop.finished && !hop.loaderId.equals(loader)) {
        hop.finished = true;
        hop.ready = true;
        hop.abandoned = true;
      }
    }
  }

  @SuppressWarnings("unchecked")
  private void responseReceived(Map<String, Object> event) {
    Pending call = latest.get(text(event, "requestId"));
    if (event.get("response") instanceof Map<?, ?> response) {
      if (call != null) {
        response(call, (Map<String, Object>) response);
      } else {
        earlyResponses.put(text(event, "requestId"), (Map<String, Object>) response);
      }
    }
    lastActivity = System.nanoTime();
  }

  private static void response(Pending call, Map<String, Object> response) {
    Object status = response.get("status");
    call.status = status instanceof Number number ? number.intValue() : 0;
    call.responseHeaders.putAll(headers(response.get("headers")));
    call.mimeType = text(response, "mimeType");
  }

  private void webSocketCreated(Map<String, Object> event) {
    synchronized (webSockets) {
      webSockets.add(new RecordedCall(order.getAndIncrement(), System.currentTimeMillis(), "GET", text(event, "url"),
          List.of(), null, 101, List.of(), null, null, false, "websocket"));
    }
  }

  private void finish(String id, boolean loaded) {
    Pending call = latest.get(id);
    lastActivity = System.nanoTime();
    if (call == null) {
      earlyEnds.put(id, loaded);
      return;
    }
    if (call.finished && !call.abandoned) {
      return;
    }
    if (call.abandoned) { // it did end after all: fetch its body before it is drained
      call.abandoned = false;
      call.ready = false;
    }
    call.finished = true;
    // The media type may not be known yet (events come out of order): API calls' bodies are fetched whatever it is,
    // and kept only when it turns out to be JSON or text.
    boolean wantsBody = loaded && (isReadable(call.mimeType) || call.resourceType == null
        || call.resourceType.equals("fetch") || call.resourceType.equals("xhr") || call.resourceType.equals("other"));
    if (!wantsBody && !call.needsPostData) {
      call.ready = true;
      return;
    }
    fetching.incrementAndGet();
    bodies.execute(() -> {
      try {
        if (call.needsPostData) {
          try {
            call.postData = text(send("Network.getRequestPostData", Map.of("requestId", id)), "postData");
          } catch (WebDriverException e) {
            call.postData = null;
          }
        }
        if (wantsBody) {
          try {
            Map<String, Object> answer = send("Network.getResponseBody", Map.of("requestId", id));
            String body = text(answer, "body");
            call.body = body != null && body.length() <= MAX_BODY_CHARS ? body : null;
            call.bodyBase64 = Boolean.TRUE.equals(answer.get("base64Encoded"));
          } catch (WebDriverException e) {
            call.body = null; // evicted or not available: recorded without a body
          }
        }
      } finally {
        call.ready = true;
        fetching.decrementAndGet();
        lastActivity = System.nanoTime();
      }
    });
  }

  private static boolean isReadable(String mimeType) {
    if (mimeType == null) {
      return false;
    }
    String type = mimeType.toLowerCase(Locale.ROOT);
    return type.contains("json") || type.equals("text/plain") || type.equals("application/x-www-form-urlencoded");
  }

  private RecordedCall recorded(Pending call) {
    Map<String, String> requestHeaders = new LinkedHashMap<>(call.requestHeaders);
    Map<String, String> extraRequest = extraRequestHeaders.get(call.requestId);
    if (extraRequest != null) {
      requestHeaders.putAll(extraRequest);
    }
    Map<String, String> responseHeaders = new LinkedHashMap<>(call.responseHeaders);
    Map<String, String> extraResponse = extraResponseHeaders.get(call.requestId);
    if (extraResponse != null) {
      responseHeaders.putAll(extraResponse);
    }
    boolean keepBody = call.body != null && isReadable(call.mimeType);
    return new RecordedCall(call.order, call.startedMillis, call.method, call.url, entries(requestHeaders),
        call.postData, call.status, entries(responseHeaders), call.mimeType, keepBody ? call.body : null,
        keepBody && call.bodyBase64, call.resourceType);
  }

  private static List<Map.Entry<String, String>> entries(Map<String, String> headers) {
    List<Map.Entry<String, String>> list = new ArrayList<>();
    headers.forEach((name, value) -> list.add(Map.entry(name, value == null ? "" : value)));
    return list;
  }

  private static Map<String, String> headers(Object value) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (value instanceof Map<?, ?> map) {
      map.forEach((name, text) -> headers.put(String.valueOf(name), text == null ? "" : String.valueOf(text)));
    }
    return headers;
  }

  private static long wallMillis(Map<String, Object> event) {
    return event.get("wallTime") instanceof Number seconds ? (long) (seconds.doubleValue() * 1000) : System.currentTimeMillis();
  }

  private static String text(Map<String, Object> map, String key) {
    Object value = map == null ? null : map.get(key);
    return value == null ? null : String.valueOf(value);
  }

  private static String lower(String text) {
    return text == null ? null : text.toLowerCase(Locale.ROOT);
  }

  @Override
  public void navigate(String url) {
    driver.get(url);
  }

  @Override
  public String currentUrl() {
    return driver.getCurrentUrl();
  }

  @Override
  public Object execute(String script, Object... args) {
    return driver.executeScript(script, args);
  }

  @Override
  public void click(String selector, Duration wait) {
    element(selector, wait).click();
  }

  @Override
  public void fill(String selector, String value, Duration wait) {
    WebElement element = element(selector, wait);
    element.clear();
    element.sendKeys(value);
  }

  @Override
  public void select(String selector, String value, Duration wait) {
    WebElement element = element(selector, wait);
    for (WebElement option : element.findElements(By.tagName("option"))) {
      if (value.equals(option.getAttribute("value")) || value.equals(option.getText().strip())) {
        option.click();
        return;
      }
    }
    throw new IllegalArgumentException("no option '" + value + "' in " + selector);
  }

  @Override
  public boolean waitFor(String selector, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    do {
      for (WebElement element : driver.findElements(By.cssSelector(selector))) {
        try {
          if (element.isDisplayed()) {
            return true;
          }
        } catch (WebDriverException e) {
          // went stale while looking: look again
        }
      }
      sleep(100);
    } while (System.nanoTime() < deadline);
    return false;
  }

  private WebElement element(String selector, Duration wait) {
    if (!waitFor(selector, wait)) {
      throw new IllegalArgumentException("no visible element matches " + selector + " within " + wait.toSeconds() + " s");
    }
    for (WebElement element : driver.findElements(By.cssSelector(selector))) {
      if (element.isDisplayed()) {
        return element;
      }
    }
    throw new IllegalArgumentException("no visible element matches " + selector);
  }

  @Override
  public String text(String selector) {
    List<WebElement> elements = driver.findElements(By.cssSelector(selector));
    return elements.isEmpty() ? null : elements.get(0).getText();
  }

  @Override
  public List<String> awaitNetworkIdle(Duration quiet, Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    // Quiet from now on, too: events of what the last action started may still be on their way.
    long start = System.nanoTime();
    while (System.nanoTime() < deadline) {
      long lastEvent = Math.max(lastActivity, start);
      boolean idle = latest.values().stream().noneMatch(SeleniumBrowser::awaited) && fetching.get() == 0
          && System.nanoTime() - lastEvent >= quiet.toNanos();
      if (idle) {
        return List.of();
      }
      sleep(50);
    }
    List<String> open = new ArrayList<>();
    latest.values().stream().filter(SeleniumBrowser::awaited).forEach(call -> open.add(String.valueOf(call.resourceType)));
    if (fetching.get() > 0) {
      open.add("body");
    }
    return open;
  }

  private static boolean awaited(Pending call) {
    return !call.finished && (call.resourceType == null || AWAITED.contains(call.resourceType));
  }

  @Override
  public boolean isOpen() {
    try {
      return !driver.getWindowHandles().isEmpty();
    } catch (WebDriverException e) {
      return false;
    }
  }

  @Override
  public List<RecordedCall> drainCalls() {
    List<RecordedCall> calls = new ArrayList<>();
    synchronized (hops) {
      for (java.util.Iterator<Pending> it = hops.iterator(); it.hasNext(); ) {
        Pending hop = it.next();
        if (hop.ready) {
          it.remove();
          calls.add(recorded(hop));
          if (latest.remove(hop.requestId, hop)) {
            extraRequestHeaders.remove(hop.requestId);
            extraResponseHeaders.remove(hop.requestId);
          }
        }
      }
    }
    synchronized (webSockets) {
      calls.addAll(webSockets);
      webSockets.clear();
    }
    calls.sort(Comparator.comparingLong(RecordedCall::order));
    return calls;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @Override
  public void close() {
    bodies.shutdown();
    try {
      bodies.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      if (devTools != null) {
        devTools.close();
      }
    } catch (RuntimeException e) {
      // the browser may be gone already (a person closed it)
    }
    try {
      if (driver != null) {
        driver.quit();
      }
    } catch (RuntimeException e) {
      // idem
    }
    if (service != null) {
      service.stop();
    }
  }
}
