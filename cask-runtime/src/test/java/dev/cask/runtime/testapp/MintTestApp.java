package dev.cask.runtime.testapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The to-do app of the mint and {@code serve --browser} tests ({@code cask-runtime/src/test/mint-app/app.js}), run by
 * the machine's Node.js on 127.0.0.1 (first party) and 127.0.0.2 (the third party), ephemeral ports. Stops when closed.
 */
public final class MintTestApp implements AutoCloseable {
  /** The password the app's login accepts; the tests type it and then look for it in every artifact. */
  public static final String PASSWORD = "Typed-Secret-7f3c9e1a";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final int firstParty;
  private final int thirdParty;
  private final String session;

  private MintTestApp(Process process, int firstParty, int thirdParty, String session) {
    this.process = process;
    this.firstParty = firstParty;
    this.thirdParty = thirdParty;
    this.session = session;
  }

  /** Starts the app; {@code moduleDir} is a module directory of this repository (the tests' working directory). */
  public static MintTestApp start(Path moduleDir) {
    Path app = appScript(moduleDir);
    try {
      ProcessBuilder builder = new ProcessBuilder("node", app.toString()).redirectError(ProcessBuilder.Redirect.INHERIT);
      builder.environment().put("MINT_APP_PASSWORD", PASSWORD);
      Process process = builder.start();
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      if (line == null) {
        process.destroyForcibly();
        throw new IllegalStateException("the mint test app did not start: " + app);
      }
      JsonNode ports = JSON.readTree(line);
      return new MintTestApp(process, ports.get("firstParty").asInt(), ports.get("thirdParty").asInt(),
          ports.get("session").asText());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The app's script, found from a module directory of this repository. */
  public static Path appScript(Path moduleDir) {
    Path root = moduleDir.toAbsolutePath().normalize();
    Path script = root.resolve("src/test/mint-app/app.js");
    if (!Files.isRegularFile(script)) {
      script = root.resolveSibling("cask-runtime").resolve("src/test/mint-app/app.js");
    }
    if (!Files.isRegularFile(script)) {
      throw new IllegalStateException("cannot find cask-runtime/src/test/mint-app/app.js from " + root);
    }
    return script;
  }

  /** {@code http://127.0.0.1:PORT} */
  public String origin() {
    return "http://127.0.0.1:" + firstParty;
  }

  /** {@code 127.0.0.1:PORT} */
  public String host() {
    return "127.0.0.1:" + firstParty;
  }

  /** {@code 127.0.0.2:PORT}: the third party. */
  public String thirdPartyHost() {
    return "127.0.0.2:" + thirdParty;
  }

  /** A valid session id (a cookie {@code sid} for 127.0.0.1): a test's stand-in for a logged-in browser. */
  public String session() {
    return session;
  }

  /** What the app saw ({@code seen}: method and path of every request) and holds ({@code todos}). */
  public JsonNode state() {
    try {
      HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).proxy(HttpClient.Builder.NO_PROXY).build()
          .send(HttpRequest.newBuilder(URI.create(origin() + "/__test/state")).build(), HttpResponse.BodyHandlers.ofString());
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A Netscape cookies.txt holding the app's valid session. */
  public Path writeCookieFile(Path file) {
    try {
      Files.writeString(file, "# Netscape HTTP Cookie File\n#HttpOnly_127.0.0.1\tFALSE\t/\tFALSE\t0\tsid\t" + session + "\n");
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      process.getOutputStream().close();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (IOException | InterruptedException e) {
      process.destroyForcibly();
    }
  }
}
