package dev.cask.maven.importers.openapi;

import static dev.cask.maven.importers.openapi.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.cask.maven.importers.ImportSettings;
import dev.cask.maven.importers.RecordingLog;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.model.capture.Capture;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A description must not make the build read files outside its directory or reach the network unless allowed. A real
 * HTTP server on the loopback address counts requests, so "no network attempt" is observed, not assumed.
 */
class ReferenceGuardTest {
  private static final String PET = "{\"Pet\": {\"type\": \"object\", \"properties\": {\"name\": {\"type\": \"string\"}}}}";

  @TempDir Path dir;
  private HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();
  private String base;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      requests.incrementAndGet();
      byte[] body = PET.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private static String openApiWithSchemaRef(String ref) {
    return Fixtures.minimal30("").replace("responses: {'200': {description: ok}}",
        "responses:\n          '200':\n            description: ok\n            content:\n              application/json:\n"
            + "                schema: {$ref: '" + ref + "'}");
  }

  private static String swaggerWithSchemaRef(String ref) {
    return "swagger: '2.0'\ninfo: {title: t, version: '1'}\nhost: api.example.com\npaths:\n  /a:\n    get:\n"
        + "      responses:\n        '200':\n          description: ok\n          schema: {$ref: '" + ref + "'}\n";
  }

  private Path write(String name, String text) {
    return Fixtures.write(dir.resolve("project/specs"), name, text);
  }

  private static ImportSettings remoteRefs(boolean allowed) {
    return new ImportSettings(null, List.of(), allowed, ImportSettings.DEFAULT_MAX_INPUT_BYTES);
  }

  @Test
  void remoteReferenceIsRefusedWithoutANetworkAttempt() {
    Path file = write("api.yaml", openApiWithSchemaRef(base + "/pet.json#/Pet"));
    assertThatThrownBy(() -> Fixtures.readFile(file, "specs/api.yaml"))
        .isInstanceOf(CaskException.class)
        .hasMessageContaining("specs/api.yaml at /paths/~1things/get/responses/200/content/application~1json/schema/$ref")
        .hasMessageContaining("points to a remote document, and Cask does not fetch references over the network")
        .hasMessageContaining("-Dcask.remoteRefs=true");
    assertThat(requests).hasValue(0);
  }

  @Test
  void remoteReferenceInSwagger20IsRefusedBeforeSwaggerParserSeesIt() {
    Path file = write("api.yaml", swaggerWithSchemaRef(base + "/pet.json#/Pet"));
    assertThatThrownBy(() -> Fixtures.readFile(file, "specs/api.yaml"))
        .isInstanceOf(CaskException.class)
        .hasMessageContaining("points to a remote document");
    assertThat(requests).hasValue(0);
  }

  @Test
  void remoteReferenceIsFetchedWhenAllowed() {
    Path file = write("api.yaml", openApiWithSchemaRef(base + "/pet.json#/Pet"));
    Capture capture = Fixtures.readFile(file, "specs/api.yaml", remoteRefs(true), new RecordingLog());
    assertThat(requests).hasValue(1);
    assertThat(capture.operations().get(0).responses().get(0).contents().get(0).schema())
        .isEqualTo(json("{\"$ref\":\"#/$defs/Pet\"}"));
    assertThat(capture.schemas().get("Pet").at("/properties/name/type").asText()).isEqualTo("string");
  }

  @Test
  void remoteReferenceNeverEchoesCredentials() {
    Path file = write("api.yaml", openApiWithSchemaRef("https://bot:t0ken@example.com/pet.json#/Pet"));
    assertThatThrownBy(() -> Fixtures.readFile(file, "specs/api.yaml"))
        .isInstanceOf(CaskException.class)
        .hasMessageContaining("https://***@example.com/pet.json#/Pet")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("t0ken"));
  }

  @Test
  void fileReferenceLeavingTheDirectoryIsRefused() throws IOException {
    Path file = write("api.yaml", openApiWithSchemaRef("../secret.yaml#/Pet"));
    Files.writeString(dir.resolve("project/secret.yaml"), PET);
    assertThatThrownBy(() -> Fixtures.readFile(file, "specs/api.yaml"))
        .isInstanceOf(CaskException.class)
        .hasMessageContaining("$ref '../secret.yaml#/Pet' points outside specs/, the directory of specs/api.yaml")
        .hasMessageContaining("Fix: move the referenced file into that directory");
  }

  @Test
  void fileReferenceLeavingTheDirectoryIsRefusedInSwagger20Too() throws IOException {
    Path file = write("api.yaml", swaggerWithSchemaRef("../secret.yaml#/Pet"));
    Files.writeString(dir.resolve("project/secret.yaml"), PET);
    assertThatThrownBy(() -> Fixtures.readFile(file, "specs/api.yaml"))
        .isInstanceOf(CaskException.class)
        .hasMessageContaining("points outside specs/");
  }

  @Test
  void absoluteFileReferenceIsRefused() {
    Path file = write("api.yaml", openApiWithSchemaRef("/etc/passwd"));
    assertThatThrownBy(() -> Fixtures.readFile(file, "specs/api.yaml"))
        .isInstanceOf(CaskException.class)
        .hasMessageContaining("$ref '/etc/passwd' is an absolute file path");
  }

  @Test
  void fileUrlReferenceIsRefused() {
    Path file = write("api.yaml", openApiWithSchemaRef("file:///etc/passwd"));
    assertThatThrownBy(() -> Fixtures.readFile(file, "specs/api.yaml", remoteRefs(true), new RecordingLog()))
        .isInstanceOf(CaskException.class)
        .hasMessageContaining("uses the scheme 'file:'; only relative file paths and http(s) URLs are allowed");
  }

  @Test
  void symbolicLinkLeavingTheDirectoryIsRefused() throws IOException {
    Path outside = Files.writeString(dir.resolve("outside.yaml"), PET);
    Path file = write("api.yaml", openApiWithSchemaRef("link.yaml#/Pet"));
    Files.createSymbolicLink(file.resolveSibling("link.yaml"), outside);
    assertThatThrownBy(() -> Fixtures.readFile(file, "specs/api.yaml"))
        .isInstanceOf(CaskException.class)
        .hasMessageContaining("$ref 'link.yaml#/Pet' points outside specs/");
  }

  @Test
  void referencedFilesCountAgainstTheSizeLimit() {
    String bigPet = PET + " ".repeat(2000);
    write("pet.json", bigPet);
    Path file = write("api.yaml", openApiWithSchemaRef("pet.json#/Pet"));
    long limit = file.toFile().length();
    assertThatThrownBy(() -> Fixtures.readFile(file, "specs/api.yaml",
        new ImportSettings(null, List.of(), false, limit), new RecordingLog()))
        .isInstanceOf(CaskException.class)
        .hasMessageStartingWith("specs/pet.json: is " + String.format(java.util.Locale.ROOT, "%,d", bigPet.length())
            + " bytes, more than the input limit of");
  }

  @Test
  void referencesInsideReferencedFilesAreCheckedToo() {
    write("pet.json", "{\"Pet\": {\"$ref\": \"../../secret.yaml\"}}");
    Path file = write("api.yaml", openApiWithSchemaRef("pet.json#/Pet"));
    assertThatThrownBy(() -> Fixtures.readFile(file, "specs/api.yaml"))
        .isInstanceOf(CaskException.class)
        .hasMessageStartingWith("specs/pet.json at /Pet/$ref: $ref '../../secret.yaml' points outside specs/");
  }
}
