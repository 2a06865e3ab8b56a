package dev.cask.maven.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.cask.runtime.CaskException;
import java.io.FileInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -Dcask.from=}: local files and https URLs, through a real TLS server on loopback (a certificate made by the
 * JDK's keytool for the test), accepted only when they are something Cask imports, and never beyond the size limit.
 */
class InputSourceTest {
  private static final String OPENAPI = "{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"t\", \"version\": \"1\"}, \"paths\": {}}";

  @TempDir Path dir;
  private HttpsServer server;
  private HttpClient client;

  @BeforeEach
  void start() throws Exception {
    Path keystore = dir.resolve("tls.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
        "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
        "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = new FileInputStream(keystore.toFile())) {
      keys.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, "changeit".toCharArray());
    SSLContext serverTls = SSLContext.getInstance("TLS");
    serverTls.init(kmf.getKeyManagers(), null, null);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("server", keys.getCertificate("server"));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext clientTls = SSLContext.getInstance("TLS");
    clientTls.init(null, tmf.getTrustManagers(), null);

    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
    route("/specs/orders.json", 200, OPENAPI.getBytes(StandardCharsets.UTF_8), null);
    route("/page", 200, "<html><body>Sign in</body></html>".getBytes(StandardCharsets.UTF_8), null);
    route("/big.json", 200, ("{\"openapi\": \"3.0.3\", \"x\": \"" + "a".repeat(5000) + "\"}").getBytes(StandardCharsets.UTF_8), null);
    route("/downgrade", 302, new byte[0], "http://127.0.0.1:1/specs/orders.json");
    server.start();
    client = HttpClient.newBuilder().sslContext(clientTls).followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(Duration.ofSeconds(10)).build();
  }

  private void route(String path, int status, byte[] body, String location) {
    server.createContext(path, exchange -> {
      if (location != null) {
        exchange.getResponseHeaders().add("Location", location);
      }
      exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        exchange.getResponseBody().write(body);
      }
      exchange.close();
    });
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String url(String path) {
    return "https://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  @Test
  void fetchesAnApiDescriptionOverHttps() {
    InputSource.Input input = new InputSource(1 << 20, client).read(url("/specs/orders.json"), dir);
    assertThat(input.fileName()).isEqualTo("orders.json");
    assertThat(input.kind()).isEqualTo("OpenAPI 3.0.3");
    assertThat(new String(input.bytes(), StandardCharsets.UTF_8)).isEqualTo(OPENAPI);
  }

  @Test
  void refusesWhatIsNotAnApiDescriptionTooLargeOrNotHttps() {
    InputSource inputs = new InputSource(1000, client);
    assertThatThrownBy(() -> inputs.read(url("/page"), dir)).isInstanceOf(CaskException.class)
        .hasMessageContaining("is not an OpenAPI/Swagger document, HAR recording or OTLP/JSON trace file");
    assertThatThrownBy(() -> inputs.read(url("/big.json"), dir)).isInstanceOf(CaskException.class)
        .hasMessageContaining("is larger than 1000 bytes");
    assertThatThrownBy(() -> inputs.read(url("/downgrade"), dir)).isInstanceOf(CaskException.class)
        .hasMessageContaining("answered HTTP 302");
    assertThatThrownBy(() -> inputs.read("http://127.0.0.1:" + server.getAddress().getPort() + "/specs/orders.json", dir))
        .isInstanceOf(CaskException.class).hasMessageContaining("plain http URL");
    assertThatThrownBy(() -> inputs.read("https://user:secret@127.0.0.1/specs/orders.json", dir))
        .isInstanceOf(CaskException.class).hasMessageContaining("carries credentials");
    assertThatThrownBy(() -> inputs.read("ftp://example.com/a.json", dir))
        .isInstanceOf(CaskException.class).hasMessageContaining("neither a local file nor an https URL");
  }

  @Test
  void acceptsLocalApiDescriptionsRecordingsAndTraces() throws Exception {
    InputSource inputs = new InputSource(1 << 20, client);
    Files.writeString(dir.resolve("petstore.yaml"), "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\n");
    Files.writeString(dir.resolve("session.har"), "{\"log\": {\"version\": \"1.2\", \"entries\": []}}");
    Files.writeString(dir.resolve("traces.jsonl"), "{\"resourceSpans\": []}\n{\"resourceSpans\": []}\n");
    Files.writeString(dir.resolve("notes.yaml"), "title: not an API\n");
    assertThat(List.of("petstore.yaml", "session.har", "traces.jsonl").stream().map(f -> inputs.read(f, dir).kind()))
        .containsExactly("Swagger 2.0", "HAR", "OTLP/JSON");
    assertThatThrownBy(() -> inputs.read("notes.yaml", dir)).isInstanceOf(CaskException.class)
        .hasMessageContaining("no openapi, swagger, log.entries or resourceSpans");
    assertThatThrownBy(() -> inputs.read("missing.json", dir)).isInstanceOf(CaskException.class)
        .hasMessageContaining("no such file");
  }
}
