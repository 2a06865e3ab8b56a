package dev.cask.maven.importers.har;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.cask.maven.importers.ImportRequest;
import dev.cask.maven.importers.ImportSettings;
import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.model.capture.Capture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Random;

/**
 * Throughput and memory benchmark of the streaming HAR import (run by src/test/bench/har-bench.sh under
 * {@code /usr/bin/time -v}; never a timed test).
 *
 * <pre>
 *   HarBench generate FILE MEGABYTES   writes a realistic HAR of about that size (API calls with JSON bodies, static
 *                                      assets with base64 content, analytics beacons)
 *   HarBench import FILE               imports it and prints entries/s and MB/s
 * </pre>
 */
public final class HarBench {
  private HarBench() {}

  public static void main(String[] args) throws IOException {
    if (args.length >= 3 && args[0].equals("generate")) {
      generate(Path.of(args[1]), Long.parseLong(args[2]) * 1024 * 1024);
    } else if (args.length >= 2 && args[0].equals("import")) {
      importFile(Path.of(args[1]));
    } else {
      System.err.println("usage: HarBench generate FILE MEGABYTES | import FILE");
      System.exit(2);
    }
  }

  private static void importFile(Path file) {
    long bytes = file.toFile().length();
    long start = System.nanoTime();
    Capture capture = new HarImporter().read(new ImportRequest(file, file.getFileName().toString(), ImportSettings.defaults(),
        BuildLog.of(line -> System.out.println("info: " + line), line -> System.out.println("warn: " + line), line -> { })));
    double seconds = (System.nanoTime() - start) / 1e9;
    int entries = Integer.parseInt(System.getProperty("entries", "0"));
    long calls = capture.operations().stream().mapToLong(op -> op.evidence().observedCount()).sum();
    System.out.printf(Locale.ROOT, "imported %,d bytes in %.2f s: %.1f MB/s, %d operations from %,d API calls (%,.0f API calls/s)%n",
        bytes, seconds, bytes / 1e6 / seconds, capture.operations().size(), calls, calls / seconds);
    System.out.printf(Locale.ROOT, "max heap %d MB, used after import %d MB%n", Runtime.getRuntime().maxMemory() >> 20,
        (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
  }

  private static void generate(Path file, long targetBytes) throws IOException {
    Random random = new Random(42);
    byte[] image = new byte[6000];
    random.nextBytes(image);
    String imageBase64 = Base64.getEncoder().encodeToString(image);
    String script = "function f(){return 1}\n".repeat(200);
    int count = 0;
    try (JsonGenerator json = new JsonFactory().createGenerator(Files.newOutputStream(file), JsonEncoding.UTF8)) {
      json.writeStartObject();
      json.writeObjectFieldStart("log");
      json.writeStringField("version", "1.2");
      json.writeObjectFieldStart("creator");
      json.writeStringField("name", "HarBench");
      json.writeStringField("version", "1");
      json.writeEndObject();
      json.writeArrayFieldStart("entries");
      while (json.getOutputBuffered() + Files.size(file) < targetBytes) {
        int kind = count % 10;
        int id = random.nextInt(100_000);
        if (kind < 5) {
          StringBuilder body = new StringBuilder("{\"id\":").append(id).append(",\"name\":\"User ").append(id)
              .append("\",\"email\":\"user").append(id).append("@example.com\",\"orders\":[");
          for (int i = 0; i < 8; i++) {
            body.append(i == 0 ? "" : ",").append("{\"id\":\"").append(new java.util.UUID(random.nextLong(), random.nextLong()))
                .append("\",\"total\":").append(random.nextInt(1000)).append(".5,\"status\":\"placed\",\"note\":null}");
          }
          body.append("],\"created_at\":\"2024-03-01T10:00:00Z\"}");
          entry(json, count, "GET", "https://api.example.com/v1/users/" + id + "/orders?limit=8&page=" + (id % 5), null,
              200, "application/json", body.toString(), false);
        } else if (kind < 7) {
          entry(json, count, "POST", "https://api.example.com/v1/users/" + id + "/orders",
              "{\"items\":[{\"sku\":\"sku-" + id + "\",\"qty\":2}],\"payment\":{\"card_number\":\"4111111111111111\",\"cvv\":\"123\"}}",
              201, "application/json", "{\"id\":\"" + new java.util.UUID(random.nextLong(), random.nextLong()) + "\",\"status\":\"placed\"}", false);
        } else if (kind < 8) {
          entry(json, count, "GET", "https://app.example.com/static/img" + (id % 50) + ".png", null, 200, "image/png", imageBase64, true);
        } else if (kind < 9) {
          entry(json, count, "GET", "https://app.example.com/static/app." + (id % 20) + ".js", null, 200, "text/javascript", script, false);
        } else {
          entry(json, count, "POST", "https://www.google-analytics.com/g/collect?v=2&tid=G-" + id, null, 204, "text/plain", "", false);
        }
        count++;
        json.flush();
      }
      json.writeEndArray();
      json.writeEndObject();
      json.writeEndObject();
    }
    System.out.printf(Locale.ROOT, "wrote %,d entries, %,d bytes to %s%n", count, Files.size(file), file);
  }

  private static void entry(JsonGenerator json, int index, String method, String url, String requestBody, int status,
      String mime, String text, boolean base64) throws IOException {
    json.writeStartObject();
    json.writeStringField("startedDateTime", "2026-01-01T00:00:00.000Z");
    json.writeNumberField("time", 12.5);
    json.writeObjectFieldStart("request");
    json.writeStringField("method", method);
    json.writeStringField("url", url);
    json.writeStringField("httpVersion", "h2");
    json.writeArrayFieldStart("headers");
    header(json, ":authority", url.split("/")[2]);
    header(json, "accept", "application/json, text/plain, */*");
    header(json, "authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJl" + index);
    header(json, "user-agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36");
    header(json, "cookie", "sid=abc" + index + "; _ga=GA1.2.3");
    json.writeEndArray();
    json.writeArrayFieldStart("queryString");
    json.writeEndArray();
    if (requestBody != null) {
      json.writeObjectFieldStart("postData");
      json.writeStringField("mimeType", "application/json");
      json.writeStringField("text", requestBody);
      json.writeEndObject();
    }
    json.writeNumberField("headersSize", -1);
    json.writeNumberField("bodySize", -1);
    json.writeEndObject();
    json.writeObjectFieldStart("response");
    json.writeNumberField("status", status);
    json.writeStringField("statusText", "");
    json.writeArrayFieldStart("headers");
    header(json, "content-type", mime);
    json.writeEndArray();
    json.writeObjectFieldStart("content");
    json.writeNumberField("size", text.length());
    json.writeStringField("mimeType", mime);
    json.writeStringField("text", text);
    if (base64) {
      json.writeStringField("encoding", "base64");
    }
    json.writeEndObject();
    json.writeStringField("redirectURL", "");
    json.writeNumberField("headersSize", -1);
    json.writeNumberField("bodySize", -1);
    json.writeEndObject();
    json.writeObjectFieldStart("timings");
    json.writeNumberField("wait", 10);
    json.writeEndObject();
    json.writeEndObject();
  }

  private static void header(JsonGenerator json, String name, String value) throws IOException {
    json.writeStartObject();
    json.writeStringField("name", name);
    json.writeStringField("value", value);
    json.writeEndObject();
  }
}
