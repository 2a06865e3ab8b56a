package dev.cask.maven.importers.traffic;

import dev.cask.runtime.model.HttpMethod;
import dev.cask.runtime.redact.RedactionLog;
import dev.cask.runtime.redact.RedactionRules;
import dev.cask.runtime.redact.Redactor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a {@link RawExchange} into a redacted {@link Exchange}: the only place where raw captured values are read.
 * Everything after it sees redacted values only; nothing raw is kept, written or logged.
 */
public final class ExchangeNormalizer {
  /** Query parameters that carry a credential (normalized names): they become security schemes, not arguments. */
  static final Set<String> CREDENTIAL_QUERY =
      Set.of("apikey", "key", "accesstoken", "token", "authtoken", "auth", "sessionid", "sid", "apitoken", "clientsecret");

  /** HTTP authentication scheme words (IANA registry and common extensions). */
  static final Set<String> AUTH_SCHEMES =
      Set.of("bearer", "basic", "digest", "token", "negotiate", "ntlm", "hoba", "mutual", "dpop", "aws4-hmac-sha256",
          "hmac", "scram-sha-256", "vapid", "privatetoken", "concealed");

  /** Request headers the noise filter and body decoding read; every other header is dropped unread (never kept). */
  static final Set<String> KEPT_HEADERS =
      Set.of("content-type", "content-encoding", "accept", "upgrade", "access-control-request-method", "sec-fetch-dest",
          "sec-fetch-mode", "sec-purpose", "purpose");

  private static final Pattern PORT = Pattern.compile("\\d{1,5}");
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}");
  private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9_-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9_-]*[a-z0-9])?)*");
  private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-f:.]+(%[a-z0-9]+)?]");

  /** The outcome: an exchange, or why the call was skipped (a noise reason or a warning already given). */
  public record Result(Exchange exchange, String skipped) {}

  private final Redactor redactor;
  private final RedactionLog redactions;
  private final Warnings warnings;
  private final BodyReader bodies;

  public ExchangeNormalizer(Redactor redactor, RedactionLog redactions, Warnings warnings) {
    this.redactor = redactor;
    this.redactions = redactions;
    this.warnings = warnings;
    this.bodies = new BodyReader(redactor, redactions, warnings);
  }

  /**
   * @param orderOffset added to the call's order: calls of later sources come after those of earlier ones
   */
  public Result normalize(RawExchange raw, int orderOffset) {
    String where = raw.ref().toString();
    String url = raw.url() == null ? "" : raw.url().trim();
    int colon = url.indexOf(':');
    String scheme = colon > 0 ? url.substring(0, colon).toLowerCase(Locale.ROOT) : "";
    if (!scheme.equals("http") && !scheme.equals("https")) {
      if (scheme.matches("[a-z][a-z0-9+.-]*")) {
        return skip("non-http-url:" + scheme);
      }
      warnings.warn("bad-url", where, "request URL is not absolute; the call is skipped");
      return skip("bad-url");
    }
    HttpMethod method;
    try {
      method = HttpMethod.parse(raw.method());
    } catch (IllegalArgumentException e) {
      String shown = raw.method() == null ? "none" : raw.method().replaceAll("[^A-Za-z-]", "?");
      warnings.warn("bad-method", where, "HTTP method '" + shown + "' is not supported; the call is skipped");
      return skip("bad-method");
    }
    redactions.scope(null);
    String redactedUrl = redactor.url(url, where + "/request/url", redactions);
    Url parsed = Url.parse(redactedUrl);
    if (parsed == null) {
      warnings.warn("bad-url", where, "request URL has no valid host; the call is skipped");
      return skip("bad-url");
    }
    // Records of one field are listed once per operation shape, not once per call nor once per capture.
    redactions.scope(method + " " + parsed.host() + PathTemplater.prepare(parsed.path(), null).key());

    Map<String, String> headers = new LinkedHashMap<>();
    List<CredentialHint> credentials = new ArrayList<>();
    Set<String> seenHints = new LinkedHashSet<>();
    String headerPlace = where + "/request/headers";
    for (NameValue header : raw.requestHeaders()) {
      String name = header.name().trim().toLowerCase(Locale.ROOT);
      if (name.isEmpty() || name.startsWith(":")) {
        continue; // HTTP/2 pseudo headers repeat the method and URL
      }
      hint(name, header.value(), credentials, seenHints);
      if (KEPT_HEADERS.contains(name) || redactor.isCredentialHeader(name)) {
        String value = redactor.header(name, header.value(), headerPlace, redactions);
        headers.merge(name, value, (a, b) -> a + ", " + b);
      }
    }
    for (String queryName : parsed.queryNames()) {
      if (CREDENTIAL_QUERY.contains(RedactionRules.normalize(queryName))) {
        addHint(new CredentialHint("query", queryName), credentials, seenHints);
      }
    }

    String requestType = firstNonNull(raw.requestBody().mimeType(), header(raw.requestHeaders(), "content-type"));
    Body request = bodies.read(
        withMime(raw.requestBody(), requestType), header(raw.requestHeaders(), "content-encoding"), where,
        where + "/request/body");
    String responseType = firstNonNull(raw.responseBody().mimeType(), header(raw.responseHeaders(), "content-type"));
    Body response = bodies.read(
        withMime(raw.responseBody(), responseType), header(raw.responseHeaders(), "content-encoding"), where,
        where + "/response/body");
    redactions.scope(null);
    String route = raw.route() == null || raw.route().isBlank() ? null : raw.route().trim();
    String resourceType = raw.resourceType() == null ? null : raw.resourceType().toLowerCase(Locale.ROOT);
    return new Result(
        new Exchange(
            orderOffset + raw.order(), raw.ref(), method, parsed.scheme(), parsed.host(), parsed.port(), parsed.path(), parsed.query(),
            route, headers, request, raw.status(), BodyReader.mediaType(responseType), response, resourceType,
            credentials),
        null);
  }

  private void hint(String name, String value, List<CredentialHint> out, Set<String> seen) {
    if (value == null || value.isBlank() || name.equals("proxy-authorization")) {
      return;
    }
    if (name.equals("authorization")) {
      String trimmed = value.trim();
      int space = trimmed.indexOf(' ');
      String word = (space < 0 ? trimmed : trimmed.substring(0, space)).toLowerCase(Locale.ROOT);
      // Only registered scheme words become a scheme name: anything else could be the secret itself.
      if (value.trim().contains(" ") && AUTH_SCHEMES.contains(word)) {
        addHint(new CredentialHint("http", word), out, seen);
      } else {
        addHint(new CredentialHint("header", name), out, seen);
      }
    } else if (name.equals("cookie")) {
      for (String cookie : value.split(";")) {
        int eq = cookie.indexOf('=');
        String cookieName = (eq < 0 ? cookie : cookie.substring(0, eq)).trim();
        if (!cookieName.isEmpty() && isSessionCookie(cookieName)) {
          addHint(new CredentialHint("cookie", cookieName), out, seen);
        }
      }
    } else if (!name.equals("set-cookie") && redactor.isCredentialHeader(name)) {
      addHint(new CredentialHint("header", name), out, seen);
    }
  }

  private boolean isSessionCookie(String name) {
    String normalized = RedactionRules.normalize(name);
    return redactor.isSensitiveKey(name) || normalized.endsWith("sid") || normalized.endsWith("session")
        || normalized.endsWith("auth") || normalized.endsWith("jwt");
  }

  private static void addHint(CredentialHint hint, List<CredentialHint> out, Set<String> seen) {
    // A name becomes a security scheme in the toolpack: only plain HTTP tokens (RFC 9110), never arbitrary text.
    if (!TOKEN.matcher(hint.name()).matches()) {
      return;
    }
    if (seen.add(hint.in() + ":" + hint.name())) {
      out.add(hint);
    }
  }

  private static RawBody withMime(RawBody body, String mime) {
    return mime == null || mime.equals(body.mimeType()) ? body : new RawBody(mime, body.text(), body.base64(), body.params());
  }

  private static String header(List<NameValue> headers, String lowerName) {
    for (NameValue header : headers) {
      if (header.name().trim().equalsIgnoreCase(lowerName)) {
        return header.value();
      }
    }
    return null;
  }

  private static String firstNonNull(String a, String b) {
    return a != null && !a.isBlank() ? a : b;
  }

  private static Result skip(String reason) {
    return new Result(null, reason);
  }

  /** An absolute http(s) URL split into parts (after redaction). */
  record Url(String scheme, String host, int port, String path, String query) {
    static Url parse(String url) {
      int schemeEnd = url.indexOf("://");
      if (schemeEnd <= 0) {
        return null;
      }
      String scheme = url.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
      String rest = url.substring(schemeEnd + 3);
      int hash = rest.indexOf('#');
      if (hash >= 0) {
        rest = rest.substring(0, hash);
      }
      int pathStart = indexOfAny(rest, "/?");
      String authority = pathStart < 0 ? rest : rest.substring(0, pathStart);
      String pathAndQuery = pathStart < 0 ? "" : rest.substring(pathStart);
      int at = authority.lastIndexOf('@');
      if (at >= 0) {
        authority = authority.substring(at + 1);
      }
      String host;
      int port = -1;
      authority = authority.toLowerCase(Locale.ROOT);
      if (authority.startsWith("[")) {
        int close = authority.indexOf(']');
        if (close < 0) {
          return null;
        }
        host = authority.substring(0, close + 1);
        String after = authority.substring(close + 1);
        if (after.startsWith(":") && after.length() > 1) {
          port = parsePort(after.substring(1));
        }
        if (!IPV6.matcher(host).matches()) {
          return null;
        }
      } else {
        int portColon = authority.lastIndexOf(':');
        host = portColon >= 0 ? authority.substring(0, portColon) : authority;
        if (portColon >= 0 && portColon < authority.length() - 1) {
          port = parsePort(authority.substring(portColon + 1));
        }
        while (host.endsWith(".")) {
          host = host.substring(0, host.length() - 1);
        }
        if (!HOST.matcher(host).matches() || host.length() > 253) {
          return null;
        }
      }
      if (port == -2) {
        return null;
      }
      if (port == -1) {
        port = scheme.equals("https") ? 443 : 80;
      }
      String path = pathAndQuery;
      String query = null;
      int question = pathAndQuery.indexOf('?');
      if (question >= 0) {
        path = pathAndQuery.substring(0, question);
        query = pathAndQuery.substring(question + 1);
      }
      if (path.isEmpty()) {
        path = "/";
      }
      return new Url(scheme, host, port, path, query == null || query.isEmpty() ? null : query);
    }

    List<String> queryNames() {
      List<String> names = new ArrayList<>();
      if (query != null) {
        for (String pair : query.split("&")) {
          if (!pair.isEmpty()) {
            int eq = pair.indexOf('=');
            names.add(BodyReader.decode(eq < 0 ? pair : pair.substring(0, eq)));
          }
        }
      }
      return names;
    }

    private static int parsePort(String text) {
      if (!PORT.matcher(text).matches()) {
        return -2;
      }
      int port = Integer.parseInt(text);
      return port > 0 && port <= 65535 ? port : -2;
    }

    private static int indexOfAny(String text, String chars) {
      for (int i = 0; i < text.length(); i++) {
        if (chars.indexOf(text.charAt(i)) >= 0) {
          return i;
        }
      }
      return -1;
    }
  }
}
