package dev.cask.runtime.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One headless Chromium driven over the W3C WebDriver protocol by the ChromeDriver next to it (a process this class
 * starts on a free loopback port and stops). The runtime needs only five WebDriver commands (new session, navigate,
 * execute async script, Chromium's {@code goog/cdp/execute}, delete session), so they are sent as the JSON the
 * standard defines rather than through a client library: the runtime jar stays lean (see the site page "Minting").
 * Not thread-safe: one call at a time.
 */
public final class WebDriverSession implements AutoCloseable {
  private static final Pattern PORT = Pattern.compile("started successfully on port (\\d{1,5})");
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final Process driver;
  private final HttpClient http;
  private final URI base;
  private final String session;
  private final Duration commandTimeout;
  private final String browserVersion;

  private WebDriverSession(Process driver, HttpClient http, URI base, String session, Duration commandTimeout,
      String browserVersion) {
    this.driver = driver;
    this.http = http;
    this.base = base;
    this.session = session;
    this.commandTimeout = commandTimeout;
    this.browserVersion = browserVersion;
  }

  /**
   * Starts ChromeDriver and a browser session.
   *
   * @param arguments Chromium's command-line arguments ({@link ChromiumArguments})
   * @param startTimeout how long ChromeDriver and the browser may take to come up
   */
  public static WebDriverSession start(BrowserPaths paths, List<String> arguments, Duration startTimeout)
      throws BrowserException {
    Process process;
    try {
      process = new ProcessBuilder(paths.chromedriver().toString(), "--port=0")
          .redirectErrorStream(true)
          .start();
    } catch (IOException e) {
      throw new BrowserException("start-failed", "cannot start " + paths.chromedriver() + ": " + e.getMessage(), e);
    }
    try {
      int port = awaitPort(process, startTimeout);
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10)).proxy(HttpClient.Builder.NO_PROXY).build();
      URI base = URI.create("http://127.0.0.1:" + port + "/");
      ObjectNode options = JSON.createObjectNode();
      options.put("binary", paths.chromium().toString());
      options.set("args", JSON.valueToTree(arguments));
      ObjectNode capabilities = JSON.createObjectNode();
      ObjectNode always = capabilities.putObject("capabilities").putObject("alwaysMatch");
      always.put("browserName", "chrome");
      always.put("pageLoadStrategy", "normal");
      always.set("goog:chromeOptions", options);
      JsonNode created = send(http, base, "POST", "session", capabilities, startTimeout);
      String session = created.path("sessionId").asText(null);
      if (session == null) {
        throw new BrowserException("start-failed", "ChromeDriver answered without a session id");
      }
      return new WebDriverSession(process, http, base, session, startTimeout.plusSeconds(30),
          created.path("capabilities").path("browserVersion").asText(""));
    } catch (BrowserException | RuntimeException e) {
      process.destroyForcibly();
      throw e;
    }
  }

  /** The browser's version, e.g. {@code 156.0.8078.129}. */
  public String browserVersion() {
    return browserVersion;
  }

  /** Script and page-load timeouts of the session. */
  public void timeouts(Duration script, Duration pageLoad) throws BrowserException {
    ObjectNode body = JSON.createObjectNode();
    body.put("script", script.toMillis());
    body.put("pageLoad", pageLoad.toMillis());
    command("POST", "/timeouts", body);
  }

  /** A Chrome DevTools Protocol command through ChromeDriver ({@code Network.setCookies} ...). */
  public JsonNode devtools(String command, Map<String, ?> params) throws BrowserException {
    ObjectNode body = JSON.createObjectNode();
    body.put("cmd", command);
    body.set("params", JSON.valueToTree(params));
    return command("POST", "/goog/cdp/execute", body);
  }

  /** Opens a URL and waits until the page has loaded. */
  public void navigate(String url) throws BrowserException {
    ObjectNode body = JSON.createObjectNode();
    body.put("url", url);
    command("POST", "/url", body);
  }

  /** The URL of the current page. */
  public String currentUrl() throws BrowserException {
    return command("GET", "/url", null).asText("");
  }

  /** Runs a synchronous script in the page and returns its value. */
  public JsonNode execute(String script, List<?> args) throws BrowserException {
    return command("POST", "/execute/sync", scriptBody(script, args));
  }

  /** Runs an asynchronous script (its last argument is the callback) and returns what it passes to the callback. */
  public JsonNode executeAsync(String script, List<?> args) throws BrowserException {
    return command("POST", "/execute/async", scriptBody(script, args));
  }

  private static ObjectNode scriptBody(String script, List<?> args) {
    ObjectNode body = JSON.createObjectNode();
    body.put("script", script);
    body.set("args", JSON.valueToTree(args));
    return body;
  }

  private JsonNode command(String method, String path, JsonNode body) throws BrowserException {
    if (!driver.isAlive()) {
      throw new BrowserException("driver-gone", "ChromeDriver is no longer running");
    }
    return send(http, base, method, "session/" + session + path, body, commandTimeout);
  }

  private static JsonNode send(HttpClient http, URI base, String method, String path, JsonNode body, Duration timeout)
      throws BrowserException {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
        .header("Content-Type", "application/json; charset=utf-8");
    try {
      request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
          : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
      HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      JsonNode value = JSON.readTree(response.body()).path("value");
      if (response.statusCode() >= 400 || (value.isObject() && value.has("error"))) {
        String error = value.path("error").asText("unknown error");
        throw new BrowserException(error, "WebDriver " + method + " " + path.replaceFirst("session/[^/]+", "session")
            + " failed: " + error);
      }
      return value;
    } catch (java.net.http.HttpTimeoutException e) {
      throw new BrowserException("timeout", "ChromeDriver did not answer within " + timeout.toSeconds() + " s", e);
    } catch (IOException e) {
      throw new BrowserException("driver-gone", "cannot talk to ChromeDriver: " + e.getClass().getSimpleName(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BrowserException("interrupted", "interrupted while waiting for the browser", e);
    }
  }

  /** Reads ChromeDriver's output until it names its port; then drains the rest in the background. */
  private static int awaitPort(Process process, Duration timeout) throws BrowserException {
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try {
        String line;
        while ((line = out.readLine()) != null) {
          Matcher matcher = PORT.matcher(line);
          if (!port.isDone() && matcher.find()) {
            port.complete(Integer.parseInt(matcher.group(1)));
          }
        }
        port.completeExceptionally(new IOException("ChromeDriver ended before it named its port"));
      } catch (IOException e) {
        port.completeExceptionally(e);
      }
    }, "cask-chromedriver-output");
    reader.setDaemon(true);
    reader.start();
    try {
      return port.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new BrowserException("start-failed", "ChromeDriver did not start within " + timeout.toSeconds() + " s");
    } catch (ExecutionException e) {
      throw new BrowserException("start-failed", "ChromeDriver did not start: " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BrowserException("interrupted", "interrupted while starting ChromeDriver", e);
    }
  }

  /** Ends the browser session and stops ChromeDriver. */
  @Override
  public void close() {
    try {
      if (driver.isAlive()) {
        send(http, base, "DELETE", "session/" + session, null, Duration.ofSeconds(15));
      }
    } catch (BrowserException e) {
      // the driver is stopped below either way
    } finally {
      driver.destroy();
      try {
        if (!driver.waitFor(5, TimeUnit.SECONDS)) {
          driver.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        driver.destroyForcibly();
      }
    }
  }
}
