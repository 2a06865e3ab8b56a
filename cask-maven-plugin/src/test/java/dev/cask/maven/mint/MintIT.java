package dev.cask.maven.mint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.maven.compile.CompileSettings;
import dev.cask.maven.compile.CompiledToolpack;
import dev.cask.maven.compile.ToolpackCompiler;
import dev.cask.maven.importers.CaptureImporter;
import dev.cask.maven.importers.ImportSettings;
import dev.cask.maven.importers.RecordingLog;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.browser.BrowserPaths;
import dev.cask.runtime.json.CaskMappers;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.redact.RedactionRules;
import dev.cask.runtime.testapp.MintTestApp;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cask:mint} against the to-do test app on loopback, in Debian's Chromium through Selenium loaded into the
 * isolated class loader exactly as the goal loads it: a scripted mint (login typed from the environment), a crawl with
 * a session file, what reaches the minted files and the toolpack (no secret, no third party), the WebMCP tools with
 * their risk tiers, and a browser that cannot reach anything but loopback.
 */
class MintIT {
  private static MintTestApp app;
  private static List<Path> library;
  private static BrowserPaths browser;
  private static RefusingProxy proxy;

  @TempDir Path project;

  @BeforeAll
  static void startApp() throws IOException {
    app = MintTestApp.start(Path.of(""));
    String classpath = Files.readString(Path.of("target/browser-library.classpath")).strip();
    library = Stream.of(classpath.split(java.io.File.pathSeparator)).map(Path::of).toList();
    browser = BrowserPaths.find(null, null, "-Dcask.browser", "-Dcask.chromedriver");
    proxy = RefusingProxy.start();
  }

  @AfterAll
  static void stopApp() {
    if (app != null) {
      app.close();
    }
    if (proxy != null) {
      proxy.close();
    }
  }

  private static final String STEPS = String.join("\n",
      "# sign in, look at the list, add one, open the profile and the tools page",
      "goto /login.html",
      "fill #username alice",
      "fill #password ${env:MINT_APP_PASSWORD}",
      "click \"#sign-in\"",
      "expect url /todos.html",
      "wait for \"#list li\"",
      "expect #status loaded",
      "fill #title \"Call the plumber\"",
      "click #add",
      "expect #status added",
      "goto /todo.html?id=1",
      "wait for \"#title\"",
      "goto /old-todos",
      "goto /profile.html",
      "expect #who \"Alice Example\"",
      "goto /tools.html",
      "expect #ready ready",
      "goto /contact.html");

  @Test
  void aScriptedMintRecordsTheAppsCallsAndItsWebMcpToolsAndNothingSecret() throws IOException {
    Path steps = Files.writeString(project.resolve("login.steps"), STEPS);
    RecordingLog log = new RecordingLog();

    MintResult result = mint(settings(steps, false, null), log);

    assertThat(result.har()).exists();
    assertThat(result.har().getParent()).isEqualTo(project.resolve("src/main/cask/minted"));
    assertThat(result.har().getFileName().toString()).matches("127\\.0\\.0\\.1_\\d+-20260102T030405Z\\.har");
    assertThat(result.webMcp()).exists();
    CompiledToolpack toolpack = importAndCompile(log);
    Map<String, String> tiers = tiers(toolpack);
    assertThat(tiers).containsEntry("create_api_session", "sensitive")
        .containsEntry("list_api_todos", "read")
        .containsEntry("create_api_todos", "write")
        .containsEntry("get_api_todos", "read")
        .containsEntry("list_api_profile", "read")
        .containsEntry("search_todos", "read")
        .containsEntry("add_todo", "write")
        .containsEntry("send_message", "write");
    assertThat(tiers).doesNotContainKey("delete_api_todos"); // nothing in the script deletes
    Tool search = tool(toolpack, "search_todos");
    assertThat(search.definition().method().name()).isEqualTo("WEBMCP");
    assertThat(search.definition().baseUrl()).isEqualTo(app.origin());
    assertThat(search.definition().path()).isEqualTo("/tools.html#search_todos");
    assertThat(search.definition().annotations().readOnlyHint()).isTrue();
    assertThat(search.definition().description()).isEqualTo(
        "Search the to-do list for items whose title contains the given words.");
    assertThat(search.definition().inputSchema().path("required").toString()).isEqualTo("[\"query\"]");
    Tool add = tool(toolpack, "add_todo");
    assertThat(add.definition().annotations().readOnlyHint()).isFalse();
    assertThat(add.definition().risk().reasons()).contains("WebMCP tool does not declare readOnlyHint: it may change state");
    JsonNode contact = tool(toolpack, "send_message").definition().inputSchema();
    assertThat(contact.path("properties").has("subject")).isTrue();
    assertThat(contact.path("properties").has("csrf")).as("hidden fields are not parameters").isFalse();
    assertThat(contact.path("required").toString()).isEqualTo("[\"subject\"]");

    // The session cookie became a security scheme by name; the API's security requirement names it.
    assertThat(tool(toolpack, "list_api_todos").definition().security().toString()).contains("cookie-sid");

    assertNoSecretIn(log);
    // The third party and the internet hosts its script tried: counted and listed, not recorded.
    assertThat(result.thirdParties()).containsOnlyKeys(app.thirdPartyHost(), "example.com", "192.0.2.1");
    assertThat(String.join("\n", log.infos)).contains("Not recorded:").contains(app.thirdPartyHost());
    assertThat(read(result.har())).doesNotContain("127.0.0.2");
    assertThat(toolpack.manifest().hosts()).containsOnly(app.host());
  }

  @Test
  void aCrawlWithASessionFileFollowsLinksAndButtonsButSubmitsNoFormAndDeletesNothing() throws IOException {
    Path cookies = app.writeCookieFile(project.resolve("session.txt"));
    RecordingLog log = new RecordingLog();
    int todosBefore = app.state().path("todos").size();
    assertThat(app.state().path("todos").toString()).contains("\"id\":2");

    MintResult result = mint(settings(null, true, cookies), log);

    CompiledToolpack toolpack = importAndCompile(log);
    Map<String, String> tiers = tiers(toolpack);
    assertThat(tiers).containsKeys("list_api_todos", "get_api_todos", "list_api_profile", "search_todos", "add_todo", "send_message");
    assertThat(tiers).as("the Add button outside a form was clicked").containsKey("create_api_todos");
    assertThat(tiers).as("the crawl never signs in (a form) and never deletes").doesNotContainKeys(
        "create_api_session", "delete_api_todos", "create_api_messages");
    assertThat(app.state().path("todos").size()).as("the crawl clicked Add").isGreaterThan(todosBefore);
    assertThat(app.state().path("todos").toString()).as("'Delete all done' was not clicked").contains("\"id\":2");
    assertThat(String.join("\n", log.infos)).contains("leaves the button 'Delete all done' alone");
    assertThat(String.join("\n", log.infos + "" + log.warnings)).doesNotContain(app.session());
    for (Path file : files(project)) {
      assertThat(read(file)).as(file.toString()).doesNotContain(app.session());
    }
    assertThat(result.thirdParties()).containsOnlyKeys(app.thirdPartyHost(), "example.com", "192.0.2.1");
  }

  /**
   * Headed: the mint records until the person presses Enter (or closes the window). This machine has no display, so
   * the test adds {@code --headless=new} to the browser's arguments; the mint itself runs its headed path: it does not
   * start headless, waits for the person, and writes what the window recorded once Enter is read.
   */
  @Test
  void aHeadedMintRecordsUntilEnterIsPressed() throws IOException {
    Path steps = Files.writeString(project.resolve("open.steps"), "goto /todos.html\n");
    Path cookies = app.writeCookieFile(project.resolve("session.txt"));
    List<String> arguments = new ArrayList<>(proxy.arguments());
    arguments.add("--headless=new");
    MintSettings headed = new MintSettings(URI.create(app.origin() + "/"), List.of(), true, steps, false,
        MintSettings.CrawlLimits.DEFAULT, cookies, browser, arguments, RedactionRules.defaults(), project,
        project.resolve("src/main/cask/minted"), Map.of());
    RecordingLog log = new RecordingLog();
    java.io.InputStream stdin = System.in;
    System.setIn(new java.io.ByteArrayInputStream("\n".getBytes(StandardCharsets.UTF_8))); // the person presses Enter
    MintResult result;
    try {
      result = mint(headed, log);
    } finally {
      System.setIn(stdin);
    }

    assertThat(String.join("\n", log.infos)).contains("(headed)")
        .contains("close the window or press Enter here when done");
    assertThat(read(result.har())).contains("/api/todos");
    assertThat(tiers(importAndCompile(log))).containsKey("list_api_todos");
  }

  @Test
  void theBrowserReachesNothingButLoopback() throws IOException {
    Path steps = Files.writeString(project.resolve("home.steps"), "goto /\n");
    proxy.clear();
    RecordingLog log = new RecordingLog();

    mint(settings(steps, false, null), log);

    // The third party's script asked for example.com and 192.0.2.1: both were sent to the refusing proxy, which
    // answered 403 to each; loopback (the app and the third party on 127.0.0.2) went direct.
    assertThat(proxy.requests()).anyMatch(line -> line.contains("example.com/pixel.json"))
        .anyMatch(line -> line.contains("192.0.2.1/collect.json"))
        .noneMatch(line -> line.contains("127.0.0."));
    assertThat(app.state().path("seen").toString()).contains("third-party POST /api/track");
  }

  @Test
  void aFailingStepNamesTheStepsFileAndLineAndWritesNothing() throws IOException {
    Path steps = Files.writeString(project.resolve("broken.steps"), "goto /todos.html\nclick \"#no-such-button\"\n");

    assertThatThrownBy(() -> mint(settings(steps, false, null), new RecordingLog()))
        .isInstanceOf(CaskException.class)
        .hasMessageContaining("broken.steps at line 2")
        .hasMessageContaining("#no-such-button");
    assertThat(project.resolve("src/main/cask/minted")).doesNotExist();
  }

  /** Every mint of these tests runs in a browser that can reach nothing but loopback ({@link RefusingProxy}). */
  private MintSettings settings(Path steps, boolean crawl, Path session) {
    List<String> arguments = proxy.arguments();
    return new MintSettings(URI.create(app.origin() + "/"), List.of(), false, steps, crawl,
        new MintSettings.CrawlLimits(20, 2, Duration.ofSeconds(90)), session, browser, arguments,
        RedactionRules.defaults(), project, project.resolve("src/main/cask/minted"),
        Map.of("MINT_APP_PASSWORD", MintTestApp.PASSWORD));
  }

  private static MintResult mint(MintSettings settings, RecordingLog log) {
    Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
    try (IsolatedBrowserLoader loader = IsolatedBrowserLoader.of(library)) {
      BrowserDriver driver = loader.newBrowser();
      assertThat(driver.getClass().getClassLoader()).isNotSameAs(loader); // the plugin sees the interface only
      assertThat(implementationLoader(loader)).isSameAs(loader);
      return new MintRun(settings, log, clock).run(driver);
    } finally {
      log.infos.forEach(line -> System.out.println("[mint] " + line));
      log.warnings.forEach(line -> System.out.println("[mint] WARNING " + line));
    }
  }

  private static ClassLoader implementationLoader(IsolatedBrowserLoader loader) {
    try {
      return Class.forName(IsolatedBrowserLoader.IMPLEMENTATION, false, loader).getClassLoader();
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }

  private CompiledToolpack importAndCompile(RecordingLog log) {
    var capture = CaptureImporter.standard()
        .importAll(project, List.of(project.resolve("src/main/cask")), ImportSettings.defaults(), log);
    CompiledToolpack toolpack =
        new ToolpackCompiler(new CompileSettings("todo-tools", "1.0.0", 1024, null, false), log).compile(capture);
    try {
      for (Map.Entry<String, byte[]> file : toolpack.files().entrySet()) {
        Files.createDirectories(project.resolve("target/cask"));
        Files.write(project.resolve("target/cask").resolve(file.getKey()), file.getValue());
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return toolpack;
  }

  private void assertNoSecretIn(RecordingLog log) throws IOException {
    List<String> secrets = List.of(MintTestApp.PASSWORD, "alice@example.com", "+14155550142");
    List<Path> files = files(project);
    assertThat(files).anyMatch(file -> file.toString().endsWith(".har"))
        .anyMatch(file -> file.toString().endsWith("tools.json"));
    for (Path file : files) {
      String text = read(file);
      for (String secret : secrets) {
        assertThat(text).as(file + " must not hold a secret").doesNotContain(secret);
      }
      assertThat(text).doesNotContainPattern("sid=[0-9a-f]{32}");
    }
    String lines = String.join("\n", log.infos) + String.join("\n", log.warnings) + String.join("\n", log.debugs);
    for (String secret : secrets) {
      assertThat(lines).doesNotContain(secret);
    }
    assertThat(read(files.stream().filter(f -> f.toString().endsWith(".har")).findFirst().orElseThrow()))
        .contains("[REDACTED:sensitive-key]")
        .contains("[REDACTED:email]");
  }

  private static List<Path> files(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).filter(file -> !file.toString().endsWith(".steps")
          && !file.getFileName().toString().equals("session.txt")).collect(Collectors.toList());
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Map<String, String> tiers(CompiledToolpack toolpack) {
    Map<String, String> tiers = new TreeMap<>();
    toolpack.tools().tools().forEach(tool -> tiers.put(tool.name(), tool.definition().risk().tier().wireName()));
    return tiers;
  }

  private static Tool tool(CompiledToolpack toolpack, String name) {
    return toolpack.tools().tools().stream().filter(tool -> tool.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no tool " + name + " in " + tiers(toolpack).keySet()));
  }

  @SuppressWarnings("unused")
  private static JsonNode json(Path file) throws IOException {
    return CaskMappers.json().readTree(Files.readAllBytes(file));
  }

  /** A proxy that records each request it gets and refuses it (403): where the browser's non-loopback requests go. */
  static final class RefusingProxy implements AutoCloseable {
    private final java.net.ServerSocket socket;
    private final List<String> requests = java.util.Collections.synchronizedList(new ArrayList<>());

    private RefusingProxy(java.net.ServerSocket socket) {
      this.socket = socket;
    }

    static RefusingProxy start() throws IOException {
      RefusingProxy proxy = new RefusingProxy(new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress()));
      Thread thread = new Thread(proxy::serve, "refusing-proxy");
      thread.setDaemon(true);
      thread.start();
      return proxy;
    }

    /** Chromium's arguments: everything not on loopback through this proxy; names other than these never resolve. */
    List<String> arguments() {
      return List.of("--proxy-server=http://127.0.0.1:" + socket.getLocalPort(),
          "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE 127.0.0.2, EXCLUDE localhost");
    }

    private void serve() {
      while (!socket.isClosed()) {
        try {
          java.net.Socket client = socket.accept();
          Thread answer = new Thread(() -> refuse(client), "refusing-proxy-connection");
          answer.setDaemon(true);
          answer.start();
        } catch (IOException e) {
          // closed
        }
      }
    }

    /** One connection (the browser also opens idle ones ahead of time): record its request line, answer 403. */
    private void refuse(java.net.Socket client) {
      try (client) {
        client.setSoTimeout(30_000);
        var in = new java.io.BufferedReader(new java.io.InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
        String line = in.readLine();
        if (line != null) {
          requests.add(line);
        }
        client.getOutputStream().write(
            "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      } catch (IOException e) {
        // an idle connection timed out, or the browser went away
      }
    }

    List<String> requests() {
      synchronized (requests) {
        return List.copyOf(requests);
      }
    }

    void clear() {
      requests.clear();
    }

    @Override
    public void close() {
      try {
        socket.close();
      } catch (IOException e) {
        // closing
      }
    }
  }
}
