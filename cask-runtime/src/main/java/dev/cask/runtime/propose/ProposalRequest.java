package dev.cask.runtime.propose;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.model.HttpMethod;
import dev.cask.runtime.redact.RedactionLog;
import dev.cask.runtime.redact.Redactor;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an agent asked for with {@code cask_propose}, checked and redacted: either a tool by name, or a new operation
 * (method and URL), always with a reason. Everything here comes from the agent, so it is bounded, strictly formed and
 * redacted before anything stores or shows it.
 *
 * @param kind {@link Proposal#KIND_TOOL} or {@link Proposal#KIND_OPERATION}
 * @param tool the tool name, or null
 * @param method the HTTP method, or null
 * @param url the URL (redacted), or null
 * @param reason the reason (redacted)
 */
public record ProposalRequest(String kind, String tool, String method, String url, String reason) {
  /** The most characters of a reason. */
  public static final int MAX_REASON = 1000;
  /** The most characters of a URL. */
  public static final int MAX_URL = 2048;
  private static final Pattern TOOL = Pattern.compile("[a-z0-9_]{1,64}");
  /** Printable ASCII without spaces, quotes, angle brackets or backslashes; {@code {name}} allowed in the path. */
  private static final Pattern URL = Pattern.compile("https?://[A-Za-z0-9.\\-\\[\\]:]+(/[A-Za-z0-9._~!$&'()*+,;=:@%{}/\\-]*)?(\\?[A-Za-z0-9._~!$&'()*+,;=:@%/?\\-]*)?");
  private static final Set<String> FIELDS = Set.of("tool", "method", "url", "reason");
  private static final List<HttpMethod> METHODS =
      List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

  /**
   * Reads the arguments of a {@code cask_propose} call.
   *
   * @throws IllegalArgumentException with a message for the agent (it never quotes the agent's text back)
   */
  public static ProposalRequest read(JsonNode arguments, Redactor redactor) {
    if (arguments == null || !arguments.isObject()) {
      throw new IllegalArgumentException("the arguments must be an object with \"reason\" and either \"tool\" or"
          + " \"method\" and \"url\"");
    }
    for (Iterator<String> names = arguments.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw new IllegalArgumentException("unknown argument (allowed: tool, method, url, reason)");
      }
    }
    String reason = text(arguments, "reason");
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("\"reason\" is required: say why the task needs this");
    }
    reason = reason.strip();
    if (reason.codePointCount(0, reason.length()) > MAX_REASON) {
      throw new IllegalArgumentException("\"reason\" is longer than " + MAX_REASON + " characters");
    }
    String tool = text(arguments, "tool");
    String method = text(arguments, "method");
    String url = text(arguments, "url");
    RedactionLog log = new RedactionLog();
    String redactedReason = redactor.text(reason, "proposal/reason", log);
    if (tool != null) {
      if (method != null || url != null) {
        throw new IllegalArgumentException("give either \"tool\", or \"method\" and \"url\", not both");
      }
      if (!TOOL.matcher(tool).matches()) {
        throw new IllegalArgumentException("\"tool\" must be a tool name: 1 to 64 of a-z, 0-9 and _");
      }
      return new ProposalRequest(Proposal.KIND_TOOL, tool, null, null, redactedReason);
    }
    if (method == null || url == null) {
      throw new IllegalArgumentException("give \"tool\" (a tool by name), or \"method\" and \"url\" (a new operation)");
    }
    HttpMethod parsed = METHODS.stream().filter(m -> m.name().equals(method.toUpperCase(Locale.ROOT))).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("\"method\" must be one of GET, POST, PUT, PATCH, DELETE"));
    if (url.length() > MAX_URL) {
      throw new IllegalArgumentException("\"url\" is longer than " + MAX_URL + " characters");
    }
    if (!URL.matcher(url).matches()) {
      throw new IllegalArgumentException("\"url\" must be an absolute http(s) URL of printable ASCII without user"
          + " info or fragment, for example https://api.example.com/v1/books/{bookId}/reviews");
    }
    return new ProposalRequest(Proposal.KIND_OPERATION, null, parsed.name(), redactor.url(url, "proposal/url", log),
        redactedReason);
  }

  private static String text(JsonNode arguments, String name) {
    JsonNode value = arguments.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new IllegalArgumentException("\"" + name + "\" must be a string");
    }
    return value.textValue();
  }

  /** What identifies the request for de-duplication: the tool, or method and URL without its query. */
  String key() {
    if (tool != null) {
      return "tool " + tool;
    }
    int query = url.indexOf('?');
    return "operation " + method + " " + (query < 0 ? url : url.substring(0, query));
  }
}
