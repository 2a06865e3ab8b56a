package dev.cask.maven.mint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.maven.importers.traffic.Body;
import dev.cask.maven.importers.traffic.CredentialHint;
import dev.cask.maven.importers.traffic.Exchange;
import dev.cask.maven.importers.traffic.ExchangeNormalizer;
import dev.cask.maven.importers.traffic.NameValue;
import dev.cask.maven.importers.traffic.RawBody;
import dev.cask.maven.importers.traffic.RawExchange;
import dev.cask.maven.importers.traffic.Warnings;
import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.json.CaskMappers;
import dev.cask.runtime.model.capture.SourceRef;
import dev.cask.runtime.redact.RedactionLog;
import dev.cask.runtime.redact.RedactionRules;
import dev.cask.runtime.redact.Redactor;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Turns the recorded calls into the minted HAR, redacted <em>before</em> anything is written: every call goes through
 * the traffic importer's own {@link ExchangeNormalizer} (the one place raw captured values are read, with the same
 * {@link Redactor} rules and the project's {@code cask.redact.*} settings), and the HAR is written from its redacted
 * result. So the file holds exactly what the importer keeps: the method, the redacted URL and query, the headers the
 * importer reads (credentials as {@code [REDACTED:auth-header]}, session cookies by name only), redacted JSON and form
 * bodies, statuses and media types; never a text, HTML or binary body, never a cookie value.
 */
final class MintedHar {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final Redactor redactor;
  private final RedactionLog redactions = new RedactionLog();
  private final ExchangeNormalizer normalizer;
  private int skipped;

  /**
   * @param rules the importer's redaction rules (defaults plus the project's settings, plus the secrets the steps
   *     typed)
   */
  MintedHar(RedactionRules rules, BuildLog log) {
    this.redactor = new Redactor(rules);
    this.normalizer = new ExchangeNormalizer(redactor, redactions, new Warnings(log));
  }

  /** The redactor the HAR is redacted with (for the other texts mint writes: WebMCP descriptions). */
  Redactor redactor() {
    return redactor;
  }

  /** How many values were redacted so far. */
  int redactedValues() {
    return (int) redactions.total();
  }

  /** Calls that were not HTTP(S) (websockets, data: URLs) and are not written. */
  int skipped() {
    return skipped;
  }

  /** The HAR file's bytes for these calls (all on recorded hosts), in the order they were sent. */
  byte[] write(List<RecordedCall> calls, String source) {
    ArrayNode entries = JSON.arrayNode();
    int index = 0;
    for (RecordedCall call : calls) {
      ExchangeNormalizer.Result result = normalizer.normalize(raw(call, index++, source), 0);
      if (result.exchange() == null) {
        skipped++;
        continue;
      }
      entries.add(entry(result.exchange(), call.startedMillis()));
    }
    ObjectNode log = JSON.objectNode();
    log.put("version", "1.2");
    log.putObject("creator").put("name", "cask:mint").put("version", "1");
    log.put("comment", "Recorded by cask:mint and redacted before it was written, with the rules of cask:capture-import.");
    log.putArray("pages");
    log.set("entries", entries);
    ObjectNode root = JSON.objectNode();
    root.set("log", log);
    try {
      return CaskMappers.jsonPretty().writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static RawExchange raw(RecordedCall call, int index, String source) {
    List<NameValue> requestHeaders = pairs(call.requestHeaders());
    String requestType = null;
    for (NameValue header : requestHeaders) {
      if (header.name().equalsIgnoreCase("content-type")) {
        requestType = header.value();
      }
    }
    RawBody request = call.postData() == null ? RawBody.NONE : new RawBody(requestType, call.postData(), false, List.of());
    RawBody response = new RawBody(call.mimeType(), call.body(), call.bodyBase64(), List.of());
    return new RawExchange(index, new SourceRef(source, "entries/" + index), call.method(), call.url(), null,
        requestHeaders, request, call.status(), pairs(call.responseHeaders()), response, call.resourceType());
  }

  private static List<NameValue> pairs(List<Map.Entry<String, String>> headers) {
    List<NameValue> pairs = new ArrayList<>();
    for (Map.Entry<String, String> header : headers) {
      pairs.add(new NameValue(header.getKey(), header.getValue()));
    }
    return pairs;
  }

  private ObjectNode entry(Exchange exchange, long startedMillis) {
    ObjectNode entry = JSON.objectNode();
    entry.put("startedDateTime", Instant.ofEpochMilli(startedMillis).toString());
    entry.put("time", 0);
    ObjectNode request = entry.putObject("request");
    request.put("method", exchange.method().name());
    request.put("url", exchange.scheme() + "://" + exchange.authority() + exchange.path()
        + (exchange.query() == null ? "" : "?" + exchange.query()));
    request.put("httpVersion", "HTTP/1.1");
    ArrayNode headers = request.putArray("headers");
    exchange.requestHeaders().forEach((name, value) -> {
      if (!name.equals("cookie")) {
        headers.add(header(name, value));
      }
    });
    String cookies = sessionCookies(exchange.credentials());
    if (cookies != null) {
      headers.add(header("cookie", cookies));
    }
    request.putArray("queryString");
    request.putArray("cookies");
    request.put("headersSize", -1);
    request.put("bodySize", -1);
    Body body = exchange.requestBody();
    if (body.present()) {
      ObjectNode postData = request.putObject("postData");
      postData.put("mimeType", body.mediaType() == null ? "" : body.mediaType());
      String text = text(body);
      if (text != null) {
        postData.put("text", text);
      }
    }
    ObjectNode response = entry.putObject("response");
    response.put("status", exchange.status());
    response.put("statusText", "");
    response.put("httpVersion", "HTTP/1.1");
    ArrayNode responseHeaders = response.putArray("headers");
    if (exchange.responseMediaType() != null) {
      responseHeaders.add(header("content-type", exchange.responseMediaType()));
    }
    response.putArray("cookies");
    ObjectNode content = response.putObject("content");
    String responseText = text(exchange.responseBody());
    content.put("size", responseText == null ? 0 : responseText.length());
    content.put("mimeType", exchange.responseMediaType() == null ? "" : exchange.responseMediaType());
    if (responseText != null) {
      content.put("text", responseText);
    }
    response.put("redirectURL", "");
    response.put("headersSize", -1);
    response.put("bodySize", -1);
    entry.putObject("cache");
    entry.putObject("timings").put("send", 0).put("wait", 0).put("receive", 0);
    if (exchange.resourceType() != null) {
      entry.put("_resourceType", exchange.resourceType());
    }
    return entry;
  }

  /** The session cookies the call carried, by name, with their values redacted (the importer needs only the names). */
  private static String sessionCookies(List<CredentialHint> credentials) {
    StringJoiner cookies = new StringJoiner("; ");
    for (CredentialHint hint : credentials) {
      if (hint.in().equals("cookie")) {
        cookies.add(hint.name() + "=" + Redactor.marker("auth-header"));
      }
    }
    return cookies.length() == 0 ? null : cookies.toString();
  }

  /** A redacted JSON body as JSON text, a redacted form body form-encoded; other bodies are never written. */
  private static String text(Body body) {
    if (body.value() == null) {
      return null;
    }
    if (body.kind() == Body.Kind.JSON) {
      return body.value().toString();
    }
    if (body.kind() == Body.Kind.FORM) {
      StringJoiner form = new StringJoiner("&");
      Iterator<Map.Entry<String, JsonNode>> fields = body.value().fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        List<JsonNode> values = new ArrayList<>();
        if (field.getValue().isArray()) {
          field.getValue().forEach(values::add);
        } else {
          values.add(field.getValue());
        }
        for (JsonNode value : values) {
          form.add(encode(field.getKey()) + "=" + encode(value.asText()));
        }
      }
      return form.toString();
    }
    return null;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static ObjectNode header(String name, String value) {
    return JSON.objectNode().put("name", name.toLowerCase(Locale.ROOT)).put("value", value);
  }
}
