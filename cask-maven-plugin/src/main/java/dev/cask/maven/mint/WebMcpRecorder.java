package dev.cask.maven.mint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.cask.maven.importers.HostPatterns;
import dev.cask.maven.importers.webmcp.WebMcpFile;
import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.json.CaskMappers;
import dev.cask.runtime.model.capture.DeclaredHints;
import dev.cask.runtime.redact.RedactionLog;
import dev.cask.runtime.redact.Redactor;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Collects the WebMCP tools the recorded pages registered (what the observer script's {@code list()} returns), for the
 * recorded hosts only: one entry per origin and tool name, at the first page that registered it. A page that registers
 * the same name differently from an earlier page is reported and the first definition kept. Descriptions and titles
 * go through the same redactor as the traffic (a page may print the user's e-mail address into one).
 */
final class WebMcpRecorder {
  private final HostPatterns recorded;
  private final Redactor redactor;
  private final BuildLog log;
  private final RedactionLog redactions = new RedactionLog();
  private final Map<String, WebMcpFile.Tool> tools = new LinkedHashMap<>();

  WebMcpRecorder(HostPatterns recorded, Redactor redactor, BuildLog log) {
    this.recorded = recorded;
    this.redactor = redactor;
    this.log = log;
  }

  /** Records what a page listed. */
  void record(String pageUrl, Object listed) {
    if (!(listed instanceof List<?> items) || items.isEmpty()) {
      return;
    }
    URI page;
    try {
      page = new URI(pageUrl);
    } catch (java.net.URISyntaxException e) {
      return;
    }
    String scheme = page.getScheme() == null ? "" : page.getScheme().toLowerCase(Locale.ROOT);
    if ((!scheme.equals("http") && !scheme.equals("https")) || page.getHost() == null) {
      return;
    }
    String origin = scheme + "://" + page.getHost().toLowerCase(Locale.ROOT) + (page.getPort() == -1 ? "" : ":" + page.getPort());
    if (!recorded.allows(origin)) {
      return;
    }
    String path = page.getRawPath() == null || page.getRawPath().isEmpty() ? "/" : page.getRawPath();
    for (Object item : items) {
      JsonNode tool = CaskMappers.json().valueToTree(item);
      String name = tool.path("name").asText(null);
      if (name == null) {
        continue;
      }
      WebMcpFile.Tool found = new WebMcpFile.Tool(origin, path, name,
          redacted(tool.path("description").asText(null), origin + path + "#" + name + "/description"),
          tool.path("inputSchema").isObject() ? redactedTexts(tool.get("inputSchema").deepCopy(), origin + path + "#" + name)
              : null,
          hints(tool.path("annotations"), origin + path + "#" + name),
          tool.path("declaredBy").asText(WebMcpFile.Tool.IMPERATIVE));
      String key = origin + " " + name;
      WebMcpFile.Tool earlier = tools.putIfAbsent(key, found);
      if (earlier == null) {
        log.info("WebMCP: " + origin + path + " registers '" + name + "' (" + found.declaredBy() + ")");
      } else if (!sameDefinition(earlier, found)) {
        log.warn("WebMCP: " + origin + path + " registers '" + name + "' differently from " + earlier.page()
            + "; the first definition is recorded");
      }
    }
  }

  private static boolean sameDefinition(WebMcpFile.Tool a, WebMcpFile.Tool b) {
    return Objects.equals(a.description(), b.description()) && Objects.equals(a.inputSchema(), b.inputSchema())
        && Objects.equals(a.annotations(), b.annotations()) && Objects.equals(a.declaredBy(), b.declaredBy());
  }

  private String redacted(String text, String place) {
    return text == null ? null : redactor.text(text, place, redactions);
  }

  /** Redacts the {@code description} and {@code title} texts anywhere in a schema (never its structure). */
  private JsonNode redactedTexts(JsonNode schema, String place) {
    if (schema.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = ((ObjectNode) schema).fields();
      List<Map.Entry<String, JsonNode>> replaced = new ArrayList<>();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if ((field.getKey().equals("description") || field.getKey().equals("title")) && field.getValue().isTextual()) {
          replaced.add(Map.entry(field.getKey(), TextNode.valueOf(redactor.text(field.getValue().asText(), place, redactions))));
        } else {
          redactedTexts(field.getValue(), place);
        }
      }
      replaced.forEach(entry -> ((ObjectNode) schema).set(entry.getKey(), entry.getValue()));
    } else if (schema.isArray()) {
      schema.forEach(item -> redactedTexts(item, place));
    }
    return schema;
  }

  private DeclaredHints hints(JsonNode annotations, String place) {
    if (!annotations.isObject() || annotations.isEmpty()) {
      return null;
    }
    return new DeclaredHints(redacted(annotations.path("title").asText(null), place + "/title"),
        bool(annotations, "readOnlyHint"), bool(annotations, "destructiveHint"), bool(annotations, "idempotentHint"),
        bool(annotations, "openWorldHint"));
  }

  private static Boolean bool(JsonNode node, String field) {
    return node.path(field).isBoolean() ? node.get(field).asBoolean() : null;
  }

  List<WebMcpFile.Tool> tools() {
    return List.copyOf(tools.values());
  }
}
