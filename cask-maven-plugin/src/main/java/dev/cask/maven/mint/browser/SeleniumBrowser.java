package dev.cask.maven.mint.browser;

import dev.cask.maven.mint.BrowserDriver;
import dev.cask.maven.mint.RecordedCall;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
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
  /** Responses whose bodies are kept for schema inference; all others are recorded without a body. */
  private static final long MAX_BODY_CHARS = 8L * 1024 * 1024;

  /** A request the browser sent that has not finished yet. */
  private static final class Pending {
    final long order;
    final long startedMillis;
    final String method;
    final String url;
    final String resourceType;
    final Map<String, String> requestHeaders = new LinkedHashMap<>();
    String postData;
    boolean needsPostData;
    int status;
    final Map<String, String> responseHeaders = new LinkedHashMap<>();
    String mimeType;

    Pending(long order, long startedMillis, String method, String url, String resourceType) {
      this.order = order;
      this.startedMillis = startedMillis;
      this.method = method;
      this.url = url;
      this.resourceType = resourceType;
    }
  }

  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final Map<String, Map<String, String>> extraRequestHeaders = new ConcurrentHashMap<>();
  private final Map<String, Map<String, String>> extraResponseHeaders = new ConcurrentHashMap<>();
  private final List<RecordedCall> done = new ArrayList<>();
  private final AtomicLong order = new AtomicLong();
  private final AtomicInteger fetching = new AtomicInteger();
  private final ExecutorService bodies = Executors.newSingleThreadExecutor(runnable -> {
    Thread thread = new Thread(runnable, "cask-mint-bodies");
    thread.setDaemon(true);
    return thread;
  });
  private volatile long lastActivity = System.nanoTime();

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
    devTools.createSession();
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
          try {
            handler.accept(event);
          } catch (RuntimeException e) {
            // one malformed event must not stop the recording
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
    Object redirect = event.get("redirectResponse");
    if (redirect instanceof Map<?, ?> previous) {
      Pending hop = pending.remove(id);
      if (hop != null) {
        response(hop, (Map<String, Object>) previous);
        complete(hop, id, null, false);
      }
    }
    Pending call = new Pending(order.getAndIncrement(), wallMillis(event), text(request, "method"), text(request, "url"),
        lower(text(event, "type")));
    call.requestHeaders.putAll(headers(request.get("headers")));
    call.postData = text(request, "postData");
    call.needsPostData = call.postData == null && Boolean.TRUE.equals(request.get("hasPostData"));
    pending.put(id, call);
    lastActivity = System.nanoTime();
  }

  @SuppressWarnings("unchecked")
  private void responseReceived(Map<String, Object> event) {
    Pending call = pending.get(text(event, "requestId"));
    if (call != null && event.get("response") instanceof Map<?, ?> response) {
      response(call, (Map<String, Object>) response);
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
    String url = text(event, "url");
    synchronized (done) {
      done.add(new RecordedCall(order.getAndIncrement(), System.currentTimeMillis(), "GET", url, List.of(), null, 101,
          List.of(), null, null, false, "websocket"));
    }
  }

  private void finish(String id, boolean loaded) {
    Pending call = pending.remove(id);
    lastActivity = System.nanoTime();
    if (call == null) {
      return;
    }
    boolean wantsBody = loaded && call.status >= 200 && isReadable(call.mimeType);
    if (!wantsBody && !call.needsPostData) {
      complete(call, id, null, false);
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
        String body = null;
        boolean base64 = false;
        if (wantsBody) {
          try {
            Map<String, Object> answer = send("Network.getResponseBody", Map.of("requestId", id));
            body = text(answer, "body");
            base64 = Boolean.TRUE.equals(answer.get("base64Encoded"));
            if (body != null && body.length() > MAX_BODY_CHARS) {
              body = null;
            }
          } catch (WebDriverException e) {
            body = null; // evicted or not available: recorded without a body
          }
        }
        complete(call, id, body, base64);
      } finally {
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

  private void complete(Pending call, String id, String body, boolean base64) {
    Map<String, String> requestHeaders = new LinkedHashMap<>(call.requestHeaders);
    Map<String, String> extraRequest = extraRequestHeaders.remove(id);
    if (extraRequest != null) {
      requestHeaders.putAll(extraRequest);
    }
    Map<String, String> responseHeaders = new LinkedHashMap<>(call.responseHeaders);
    Map<String, String> extraResponse = extraResponseHeaders.remove(id);
    if (extraResponse != null) {
      responseHeaders.putAll(extraResponse);
    }
    RecordedCall recorded = new RecordedCall(call.order, call.startedMillis, call.method, call.url,
        entries(requestHeaders), call.postData, call.status, entries(responseHeaders), call.mimeType, body, base64,
        call.resourceType);
    synchronized (done) {
      done.add(recorded);
    }
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
  public void awaitNetworkIdle(Duration quiet, Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    while (System.nanoTime() < deadline) {
      boolean idle = pending.isEmpty() && fetching.get() == 0 && System.nanoTime() - lastActivity >= quiet.toNanos();
      if (idle) {
        return;
      }
      sleep(50);
    }
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
    synchronized (done) {
      List<RecordedCall> calls = new ArrayList<>(done);
      done.clear();
      calls.sort(Comparator.comparingLong(RecordedCall::order));
      return calls;
    }
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
