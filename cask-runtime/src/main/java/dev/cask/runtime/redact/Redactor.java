package dev.cask.runtime.redact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;

/**
 * The one redaction engine of Cask: the importers use it on traffic before anything is kept, written or logged, and the
 * runtime server on upstream responses and log lines. It removes credentials and personal data from headers, URLs,
 * query strings, JSON trees (at any depth, arrays included), form bodies and free text, and records each removal
 * (place and rule, never the value) in a {@link RedactionLog}.
 *
 * <p>A removed value becomes {@code [REDACTED:<rule>]}; an authorization header keeps its scheme word
 * ({@code Bearer [REDACTED:auth-header]}) so that the kind of authentication stays known. JSON numbers and booleans that
 * must go become {@code 0} and {@code false}, so the value's type survives for schema inference. Thread-safe.
 */
public final class Redactor {
  public static final String MARKER_PREFIX = "[REDACTED:";

  private static final java.util.regex.Pattern AUTH_SCHEME =
      java.util.regex.Pattern.compile("(?i)^\\s*(bearer|basic|digest|token|negotiate|aws4-hmac-sha256|hmac)\\b");

  private static final java.util.regex.Pattern SCHEME = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");

  private final RedactionRules rules;

  public Redactor(RedactionRules rules) {
    this.rules = Objects.requireNonNull(rules, "rules");
  }

  public static Redactor withDefaults() {
    return new Redactor(RedactionRules.defaults());
  }

  public RedactionRules rules() {
    return rules;
  }

  public static String marker(String rule) {
    return MARKER_PREFIX + rule + "]";
  }

  /** Whether a text is (or starts as) a redaction marker. */
  public static boolean isMarker(String text) {
    return text != null && text.startsWith(MARKER_PREFIX);
  }

  /** The rule of a marker value ({@code [REDACTED:email]} → {@code email}), or null. */
  public static String markerRule(String text) {
    if (!isMarker(text) || !text.endsWith("]")) {
      return null;
    }
    return text.substring(MARKER_PREFIX.length(), text.length() - 1);
  }

  /** Whether the header's value is a credential as a whole. */
  public boolean isCredentialHeader(String name) {
    String lower = name.trim().toLowerCase(Locale.ROOT);
    return rules.headers().contains(lower) || isSensitiveKey(name);
  }

  /** Whether a field, parameter or header of this name always has its value removed. */
  public boolean isSensitiveKey(String key) {
    String normalized = RedactionRules.normalize(key);
    if (normalized.isEmpty() || rules.allowedKeys().contains(normalized)) {
      return false;
    }
    if (rules.keys().contains(normalized)) {
      return true;
    }
    for (String ending : rules.keyEndings()) {
      if (normalized.endsWith(ending)) {
        return true;
      }
    }
    return false;
  }

  /** The rule a text would be redacted by, or null when it is clean. */
  public String findRule(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    for (ValuePattern pattern : rules.patterns()) {
      if (!pattern.mayMatch(text)) {
        continue;
      }
      Matcher matcher = pattern.pattern().matcher(text);
      while (matcher.find()) {
        if (pattern.accepts(matcher.group())) {
          return pattern.rule();
        }
      }
    }
    return null;
  }

  /**
   * Redacts a header value.
   *
   * @param location where the header is, e.g. {@code app.har#entries/3/request/headers}; the header name is appended
   */
  public String header(String name, String value, String location, RedactionLog log) {
    if (value == null) {
      return null;
    }
    String place = location + "/" + name.trim().toLowerCase(Locale.ROOT);
    if (isCredentialHeader(name)) {
      if (value.isEmpty()) {
        return value;
      }
      log.record(place, "auth-header");
      Matcher scheme = AUTH_SCHEME.matcher(value);
      return scheme.find() ? scheme.group(1) + " " + marker("auth-header") : marker("auth-header");
    }
    return text(value, place, log, false);
  }

  /** Redacts free text with the value patterns. */
  public String text(String text, String location, RedactionLog log) {
    return text(text, location, log, false);
  }

  private String text(String text, String location, RedactionLog log, boolean allowed) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String current = text;
    for (ValuePattern pattern : rules.patterns()) {
      if ((allowed && !pattern.credential()) || !pattern.mayMatch(current)) {
        continue;
      }
      Matcher matcher = pattern.pattern().matcher(current);
      StringBuilder out = null;
      int last = 0;
      while (matcher.find()) {
        if (!pattern.accepts(matcher.group())) {
          continue;
        }
        if (out == null) {
          out = new StringBuilder(current.length());
          log.record(location, pattern.rule());
        }
        out.append(current, last, matcher.start()).append(marker(pattern.rule()));
        last = matcher.end();
      }
      if (out != null) {
        out.append(current, last, current.length());
        current = out.toString();
      }
    }
    return current;
  }

  /**
   * Redacts a raw (percent-encoded) query string or form body: values of sensitive keys entirely, other values by the
   * patterns; names are kept unless they themselves carry personal data. The result stays percent-encoded.
   *
   * @param location where the string is; {@code /<name>} is appended per redacted pair
   */
  public String query(String raw, String location, RedactionLog log) {
    if (raw == null || raw.isEmpty()) {
      return raw;
    }
    StringBuilder out = new StringBuilder(raw.length());
    String[] pairs = raw.split("&", -1);
    for (int i = 0; i < pairs.length; i++) {
      String pair = pairs[i];
      if (i > 0) {
        out.append('&');
      }
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String rawName = eq < 0 ? pair : pair.substring(0, eq);
      String name = decode(rawName);
      String nameRule = findRule(name);
      if (nameRule != null) {
        log.record(location + "/" + marker(nameRule), nameRule);
        out.append(encode(marker(nameRule)));
        if (eq >= 0) {
          out.append('=').append(encode(marker(nameRule)));
        }
        continue;
      }
      out.append(rawName);
      if (eq < 0) {
        continue;
      }
      String value = decode(pair.substring(eq + 1));
      String place = location + "/" + pointerStep(name);
      String redacted;
      if (!value.isEmpty() && isSensitiveKey(name)) {
        log.record(place, "sensitive-key");
        redacted = marker("sensitive-key");
      } else {
        redacted = text(value, place, log, isAllowed(name));
      }
      out.append('=').append(redacted.equals(value) ? pair.substring(eq + 1) : encode(redacted));
    }
    return out.toString();
  }

  /** Redacts an {@code application/x-www-form-urlencoded} body; same rules as {@link #query}. */
  public String form(String body, String location, RedactionLog log) {
    return query(body, location, log);
  }

  /**
   * Redacts an absolute or relative URL: user info, query values, personal data in path segments (the segment becomes a
   * marker) and the fragment (never sent to a server, often holds tokens: it is dropped).
   */
  public String url(String url, String location, RedactionLog log) {
    if (url == null) {
      return null;
    }
    String rest = url;
    int hash = rest.indexOf('#');
    if (hash >= 0) {
      if (hash < rest.length() - 1) {
        log.record(location + "/fragment", "url-fragment");
      }
      rest = rest.substring(0, hash);
    }
    String query = null;
    int question = rest.indexOf('?');
    if (question >= 0) {
      query = rest.substring(question + 1);
      rest = rest.substring(0, question);
    }
    String prefix = "";
    int schemeEnd = rest.indexOf("://");
    if (schemeEnd > 0 && SCHEME.matcher(rest.substring(0, schemeEnd)).matches()) {
      int pathStart = rest.indexOf('/', schemeEnd + 3);
      String authority = pathStart < 0 ? rest.substring(schemeEnd + 3) : rest.substring(schemeEnd + 3, pathStart);
      int at = authority.lastIndexOf('@');
      if (at >= 0) {
        log.record(location + "/userinfo", "url-credentials");
        authority = authority.substring(at + 1);
      }
      prefix = rest.substring(0, schemeEnd + 3) + authority;
      rest = pathStart < 0 ? "" : rest.substring(pathStart);
    }
    StringBuilder out = new StringBuilder(url.length()).append(prefix);
    String[] segments = rest.split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      if (i > 0) {
        out.append('/');
      }
      String segment = segments[i];
      String decoded = decodePath(segment);
      String rule = findRule(decoded);
      if (rule != null) {
        log.record(location + "/path/" + i, rule);
        out.append(encode(marker(rule)));
      } else {
        out.append(segment);
      }
    }
    if (query != null) {
      out.append('?').append(query(query, location + "/query", log));
    }
    return out.toString();
  }

  /** A redacted deep copy of a JSON tree. */
  public JsonNode json(JsonNode tree, String location, RedactionLog log) {
    if (tree == null) {
      return null;
    }
    return redactNode(tree, location, log, false);
  }

  private JsonNode redactNode(JsonNode node, String location, RedactionLog log, boolean allowed) {
    JsonNodeFactory factory = JsonNodeFactory.instance;
    if (node.isObject()) {
      ObjectNode copy = factory.objectNode();
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        String key = field.getKey();
        String keyRule = findRule(key);
        if (keyRule != null) {
          log.record(location + "/" + marker(keyRule), keyRule);
          continue; // a key that is itself personal data (an e-mail used as a map key) is dropped with its value
        }
        String place = location + "/" + pointerStep(key);
        JsonNode value = field.getValue();
        if (isSensitiveKey(key) && !value.isNull() && !(value.isTextual() && value.asText().isEmpty())) {
          log.record(place, "sensitive-key");
          copy.set(key, replacement(value, "sensitive-key"));
        } else {
          copy.set(key, redactNode(value, place, log, isAllowed(key)));
        }
      }
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = factory.arrayNode(node.size());
      for (int i = 0; i < node.size(); i++) {
        copy.add(redactNode(node.get(i), location + "/" + i, log, allowed));
      }
      return copy;
    }
    if (node.isTextual()) {
      String text = node.asText();
      String redacted = text(text, location, log, allowed);
      return redacted.equals(text) ? node : factory.textNode(redacted);
    }
    if (node.isIntegralNumber() && !allowed) {
      String digits = node.asText();
      for (ValuePattern pattern : rules.patterns()) {
        if (!pattern.mayMatch(digits)) {
          continue;
        }
        Matcher matcher = pattern.pattern().matcher(digits);
        if (matcher.matches() && pattern.accepts(digits)) {
          log.record(location, pattern.rule());
          return factory.numberNode(0);
        }
      }
    }
    return node;
  }

  private static JsonNode replacement(JsonNode value, String rule) {
    JsonNodeFactory factory = JsonNodeFactory.instance;
    if (value.isNumber()) {
      return factory.numberNode(0);
    }
    if (value.isBoolean()) {
      return factory.booleanNode(false);
    }
    return factory.textNode(marker(rule));
  }

  private boolean isAllowed(String key) {
    return rules.allowedKeys().contains(RedactionRules.normalize(key));
  }

  /** A JSON pointer step (RFC 6901 escaping). */
  static String pointerStep(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  private static String decode(String raw) {
    try {
      return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return raw; // malformed percent-encoding: look at it as it is
    }
  }

  private static String decodePath(String raw) {
    return raw.indexOf('%') < 0 ? raw : decode(raw.replace("+", "%2B"));
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
