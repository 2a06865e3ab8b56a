package dev.cask.maven.init;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.json.CaskMappers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The first input of a project ({@code -Dcask.from=}): a local file, or a document fetched over {@code https} only
 * (redirects never downgrade to {@code http}; no credentials in the URL; bounded in time and size), and in both cases
 * accepted only when it is what Cask imports: an OpenAPI or Swagger document, a HAR recording or OTLP/JSON traces.
 */
public final class InputSource {
  /** What was read: the file name to store it under, its bytes and its kind. */
  public record Input(String fileName, byte[] bytes, String kind, String origin) {}

  private final long maxBytes;
  private final HttpClient http;

  public InputSource(long maxBytes) {
    this(maxBytes, HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(Duration.ofSeconds(15)).build());
  }

  InputSource(long maxBytes, HttpClient http) {
    this.maxBytes = maxBytes;
    this.http = http;
  }

  public Input read(String from, Path project) {
    String value = from.trim();
    if (value.regionMatches(true, 0, "http:", 0, 5)) {
      throw new CaskException("-Dcask.from=" + value, null, "is a plain http URL: its content could be changed on the way",
          "use the document's https:// URL, or download it yourself and give the file's path");
    }
    if (value.regionMatches(true, 0, "https:", 0, 6)) {
      return fetch(value);
    }
    if (value.contains("://")) {
      throw new CaskException("-Dcask.from=" + value, null, "is neither a local file nor an https URL", "give a path or an https:// URL");
    }
    Path file = project.resolve(value).toAbsolutePath().normalize();
    if (!Files.isRegularFile(file)) {
      throw new CaskException("-Dcask.from=" + value, null, "no such file: " + file, "give the path of an OpenAPI, HAR or OTLP/JSON file");
    }
    try {
      if (Files.size(file) > maxBytes) {
        throw tooLarge(value);
      }
      byte[] bytes = Files.readAllBytes(file);
      return new Input(file.getFileName().toString(), bytes, kind(bytes, value), file.toString());
    } catch (IOException e) {
      throw new CaskException("-Dcask.from=" + value, null, "cannot be read: " + e.getMessage(), "check the path and its permissions");
    }
  }

  private Input fetch(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new CaskException("-Dcask.from=" + url, null, "is not a URL: " + e.getReason(), "give an https:// URL");
    }
    if (uri.getHost() == null || uri.getUserInfo() != null) {
      throw new CaskException("-Dcask.from=" + url, null, "has no host, or carries credentials", "give a plain https:// URL");
    }
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
        .header("Accept", "application/json, application/yaml, text/yaml, */*").GET().build();
    try {
      HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        if (!response.uri().getScheme().equalsIgnoreCase("https")) {
          throw new CaskException("-Dcask.from=" + url, null, "redirected to " + response.uri() + ", which is not https",
              "use the final https:// URL");
        }
        if (response.statusCode() != 200) {
          throw new CaskException("-Dcask.from=" + url, null, "answered HTTP " + response.statusCode(), "check the URL");
        }
        byte[] bytes = readBounded(body, url);
        return new Input(fileName(response.uri(), bytes), bytes, kind(bytes, url), response.uri().toString());
      }
    } catch (IOException e) {
      throw new CaskException("-Dcask.from=" + url, null, "could not be fetched: " + e, "check the URL and the network");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CaskException("-Dcask.from=" + url, null, "fetch interrupted", "run cask:init again");
    }
  }

  private byte[] readBounded(InputStream in, String what) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    int n;
    while ((n = in.read(buffer)) >= 0) {
      total += n;
      if (total > maxBytes) {
        throw tooLarge(what);
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  private CaskException tooLarge(String what) {
    return new CaskException("-Dcask.from=" + what, null, "is larger than " + maxBytes + " bytes",
        "raise -Dcask.maxInputBytes if this document is expected to be that large");
  }

  /** The name a fetched document is stored under: the URL's last path segment, made safe, with a fitting extension. */
  static String fileName(URI uri, byte[] bytes) {
    String path = uri.getPath() == null ? "" : uri.getPath();
    String last = path.substring(path.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^[._]+", "");
    boolean json = looksLikeJson(bytes);
    String lower = last.toLowerCase(Locale.ROOT);
    if (last.isEmpty() || !(lower.endsWith(".json") || lower.endsWith(".yaml") || lower.endsWith(".yml")
        || lower.endsWith(".har") || lower.endsWith(".jsonl"))) {
      last = (last.isEmpty() ? "openapi" : last) + (json ? ".json" : ".yaml");
    }
    return last;
  }

  /** Refuses anything that is not an API description, a HAR recording or OTLP/JSON traces. */
  static String kind(byte[] bytes, String what) {
    JsonNode tree;
    try {
      String text = new String(bytes, StandardCharsets.UTF_8);
      if (what.toLowerCase(Locale.ROOT).endsWith(".jsonl")) {
        text = text.lines().filter(line -> !line.isBlank()).findFirst().orElse("");
      }
      tree = looksLikeJson(bytes) ? CaskMappers.json().readTree(text) : yaml(bytes.length).readTree(text);
    } catch (IOException | RuntimeException e) {
      throw notAnInput(what, "it is neither JSON nor YAML");
    }
    if (tree != null && tree.isObject()) {
      if (tree.has("openapi")) {
        return "OpenAPI " + tree.get("openapi").asText();
      }
      if (tree.has("swagger")) {
        return "Swagger " + tree.get("swagger").asText();
      }
      if (tree.path("log").has("entries")) {
        return "HAR";
      }
      if (tree.has("resourceSpans")) {
        return "OTLP/JSON";
      }
    }
    throw notAnInput(what, "it has no openapi, swagger, log.entries or resourceSpans at its top");
  }

  /** A YAML reader for this document's size (the default limit, 3 MB, is below real API descriptions). */
  private static com.fasterxml.jackson.databind.ObjectMapper yaml(int length) {
    org.yaml.snakeyaml.LoaderOptions options = new org.yaml.snakeyaml.LoaderOptions();
    options.setCodePointLimit(Math.max(options.getCodePointLimit(), length + 1));
    return new com.fasterxml.jackson.databind.ObjectMapper(
        com.fasterxml.jackson.dataformat.yaml.YAMLFactory.builder().loaderOptions(options).build());
  }

  private static boolean looksLikeJson(byte[] bytes) {
    for (byte b : bytes) {
      if (b == '{' || b == '[') {
        return true;
      }
      if (!Character.isWhitespace(b) && b != (byte) 0xEF && b != (byte) 0xBB && b != (byte) 0xBF) {
        return false;
      }
    }
    return false;
  }

  private static CaskException notAnInput(String what, String why) {
    return new CaskException("-Dcask.from=" + what, null, "is not an OpenAPI/Swagger document, HAR recording or OTLP/JSON"
        + " trace file (" + why + ")", "give the API's description (openapi.json or .yaml), a .har file or OTLP/JSON traces");
  }
}
