package dev.cask.runtime.server.upstream;

import dev.cask.runtime.model.toolpack.ReservedHeaders;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.model.HttpMethod;
import dev.cask.runtime.model.toolpack.ArgumentBinding;
import dev.cask.runtime.model.toolpack.BodyBinding;
import dev.cask.runtime.model.toolpack.GraphQlBinding;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A tool's request, compiled once at start-up from its binding: the URL split into literal parts and placeholders, and
 * each argument's location, style and explode. {@link #build} then only serializes values. Everything a toolpack could
 * get wrong (unknown style, header binding on a credential header, a placeholder without binding, a base URL with
 * user info or query) fails here, at start-up, never on a call.
 */
public final class RequestTemplate {
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  private static final Pattern LITERAL_PATH = Pattern.compile("([A-Za-z0-9._~!$&'()*+,;=:@/-]|%[0-9A-Fa-f]{2})*");
  private static final int MAX_HEADER_VALUE = 8192;

  private record Part(String literal, Binding binding) {}

  private record Binding(ArgumentBinding argument, ParameterStyle style, boolean explode) {}

  private final HttpMethod method;
  private final String scheme;
  private final String host;
  private final int port;
  private final List<Part> pathParts;
  private final List<Binding> query = new ArrayList<>();
  private final List<Binding> headers = new ArrayList<>();
  private final List<Binding> cookies = new ArrayList<>();
  private final BodyBinding body;
  private final BodyEncoder bodyEncoder;
  private final GraphQlRequestBody graphql;
  private final Set<String> reservedQueryNames;

  private RequestTemplate(ToolDefinition tool, Set<String> reservedHeaderNames, Set<String> reservedQueryNames) {
    URI base;
    try {
      base = new URI(tool.baseUrl());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("base URL '" + tool.baseUrl() + "' is not a valid URI");
    }
    String lowerScheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
    if (!lowerScheme.equals("https") && !lowerScheme.equals("http")) {
      throw new IllegalArgumentException("base URL '" + tool.baseUrl() + "' must use https or http");
    }
    if (base.getHost() == null || base.getRawUserInfo() != null || base.getRawQuery() != null || base.getRawFragment() != null) {
      throw new IllegalArgumentException("base URL '" + tool.baseUrl() + "' must have a host and no user info, query or fragment");
    }
    this.method = tool.method();
    this.scheme = lowerScheme;
    this.host = base.getHost().toLowerCase(Locale.ROOT);
    this.port = base.getPort();
    this.reservedQueryNames = lower(reservedQueryNames);

    Map<String, Binding> pathBindings = new HashMap<>();
    Set<String> reservedHeaders = lower(reservedHeaderNames);
    for (ArgumentBinding argument : tool.binding().arguments()) {
      ParameterStyle style = ParameterStyle.of(argument.in(), argument.style());
      boolean explode = argument.explode() != null ? argument.explode() : ParameterStyle.defaultExplode(style);
      Binding binding = new Binding(argument, style, explode);
      switch (argument.in()) {
        case PATH -> pathBindings.put(argument.name(), binding);
        case QUERY -> {
          if (this.reservedQueryNames.contains(argument.name().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("argument '" + argument.argument() + "' is bound to the query parameter '"
                + argument.name() + "' that carries the operator's credential");
          }
          query.add(binding);
        }
        case HEADER -> {
          if (!TOKEN.matcher(argument.name()).matches()) {
            throw new IllegalArgumentException("header name '" + argument.name() + "' is not a valid token");
          }
          if (ReservedHeaders.isReserved(argument.name()) || reservedHeaders.contains(argument.name().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("argument '" + argument.argument() + "' is bound to the header '"
                + argument.name() + "', which only the runtime or the operator's credentials may set");
          }
          headers.add(binding);
        }
        case COOKIE -> {
          if (!TOKEN.matcher(argument.name()).matches()) {
            throw new IllegalArgumentException("cookie name '" + argument.name() + "' is not a valid token");
          }
          cookies.add(binding);
        }
      }
    }
    this.pathParts = parsePath(base.getRawPath() == null ? "" : base.getRawPath(), requestPath(tool), pathBindings);
    this.body = tool.binding().body();
    this.bodyEncoder = body == null ? null : new BodyEncoder(body.mediaType());
    this.graphql = tool.binding().graphql() == null ? null : new GraphQlRequestBody(tool.binding().graphql());
  }

  /**
   * The path the request goes to: the tool's path, or for a GraphQL tool its path before the {@code #} fragment that
   * names the operation (which must be the binding's own operation: POST, the identity of its document).
   */
  private static String requestPath(ToolDefinition tool) {
    GraphQlBinding graphql = tool.binding().graphql();
    if (graphql == null) {
      return tool.path();
    }
    if (tool.method() != HttpMethod.POST) {
      throw new IllegalArgumentException("a GraphQL tool sends POST, not " + tool.method());
    }
    int hash = tool.path().indexOf('#');
    if (hash < 0 || !tool.path().substring(hash + 1).equals(graphql.identity())) {
      throw new IllegalArgumentException("GraphQL tool path '" + tool.path() + "' does not end with '#"
          + graphql.identity() + "', the identity of its operation");
    }
    return tool.path().substring(0, hash);
  }

  /**
   * Compiles a tool's request.
   *
   * @param reservedHeaderNames header names the operator's credentials use for this host (besides {@link ReservedHeaders})
   * @param reservedQueryNames query parameter names the operator's credentials use for this host
   * @throws IllegalArgumentException when the binding cannot be served safely
   */
  public static RequestTemplate compile(ToolDefinition tool, Set<String> reservedHeaderNames, Set<String> reservedQueryNames) {
    return new RequestTemplate(tool, reservedHeaderNames, reservedQueryNames);
  }

  /**
   * The request for validated arguments.
   *
   * @throws RequestRejectedException when a value cannot be placed safely
   */
  public UpstreamRequest build(JsonNode arguments) {
    String path = buildPath(arguments);
    String rawQuery = buildQuery(arguments);
    List<HttpHeader> headerList = buildHeaders(arguments);
    String contentType = null;
    byte[] bytes = null;
    if (graphql != null) {
      contentType = GraphQlRequestBody.MEDIA_TYPE;
      bytes = graphql.encode(arguments);
    } else if (body != null) {
      JsonNode value = arguments.get(body.argument());
      if (value != null && !value.isNull()) {
        BodyEncoder.Encoded encoded = bodyEncoder.encode(value);
        contentType = encoded.contentType();
        bytes = encoded.bytes();
      }
    }
    return new UpstreamRequest(method, scheme, host, port, path, rawQuery, headerList, contentType, bytes);
  }

  private String buildPath(JsonNode arguments) {
    StringBuilder path = new StringBuilder(64);
    for (Part part : pathParts) {
      if (part.literal() != null) {
        path.append(part.literal());
        continue;
      }
      Binding binding = part.binding();
      JsonNode value = arguments.get(binding.argument().argument());
      if (value == null || value.isNull()) {
        throw new RequestRejectedException("path parameter '" + binding.argument().name() + "' is missing");
      }
      String text = binding.style().path(binding.argument().name(), value, binding.explode());
      if (text.isEmpty()) {
        throw new RequestRejectedException("path parameter '" + binding.argument().name() + "' must not be empty");
      }
      path.append(text);
    }
    String result = path.toString();
    checkSegments(result);
    return result;
  }

  /** Dot segments would let a value climb out of the tool's path after the server normalizes it. */
  private static void checkSegments(String path) {
    int start = 0;
    while (start <= path.length()) {
      int end = path.indexOf('/', start);
      if (end < 0) {
        end = path.length();
      }
      int length = end - start;
      if ((length == 1 && path.charAt(start) == '.') || (length == 2 && path.charAt(start) == '.' && path.charAt(start + 1) == '.')) {
        throw new RequestRejectedException("a path parameter produced the dot segment '" + path.substring(start, end) + "'");
      }
      start = end + 1;
    }
  }

  private String buildQuery(JsonNode arguments) {
    if (query.isEmpty()) {
      return null;
    }
    List<String> pairs = new ArrayList<>();
    for (Binding binding : query) {
      JsonNode value = arguments.get(binding.argument().argument());
      if (value == null || value.isNull()) {
        continue;
      }
      int before = pairs.size();
      binding.style().query(binding.argument().name(), value, binding.explode(), pairs);
      if (!reservedQueryNames.isEmpty()) {
        for (int i = before; i < pairs.size(); i++) {
          String pair = pairs.get(i);
          String name = pair.substring(0, pair.indexOf('=')).toLowerCase(Locale.ROOT);
          if (reservedQueryNames.contains(name)) {
            throw new RequestRejectedException("query parameter '" + name + "' is reserved for the operator's credential");
          }
        }
      }
    }
    return pairs.isEmpty() ? null : String.join("&", pairs);
  }

  private List<HttpHeader> buildHeaders(JsonNode arguments) {
    if (headers.isEmpty() && cookies.isEmpty()) {
      return List.of();
    }
    List<HttpHeader> result = new ArrayList<>();
    for (Binding binding : headers) {
      JsonNode value = arguments.get(binding.argument().argument());
      if (value == null || value.isNull()) {
        continue;
      }
      String text = ParameterStyle.header(value, binding.explode());
      checkHeaderValue(binding.argument().name(), text);
      result.add(new HttpHeader(binding.argument().name(), text));
    }
    StringBuilder cookieHeader = new StringBuilder();
    for (Binding binding : cookies) {
      JsonNode value = arguments.get(binding.argument().argument());
      if (value == null || value.isNull()) {
        continue;
      }
      if (cookieHeader.length() > 0) {
        cookieHeader.append("; ");
      }
      cookieHeader.append(ParameterStyle.cookie(binding.argument().name(), value));
    }
    if (cookieHeader.length() > 0) {
      checkHeaderValue("Cookie", cookieHeader.toString());
      result.add(new HttpHeader("Cookie", cookieHeader.toString()));
    }
    return result;
  }

  /** No CR, LF, NUL or other control character (HTAB aside): a header value must not start another header. */
  static void checkHeaderValue(String name, String value) {
    if (value.length() > MAX_HEADER_VALUE) {
      throw new RequestRejectedException("header '" + name + "' is longer than " + MAX_HEADER_VALUE + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7F) {
        throw new RequestRejectedException(
            "header '" + name + "' contains the control character " + String.format(Locale.ROOT, "U+%04X", (int) c));
      }
    }
  }

  private static List<Part> parsePath(String basePath, String template, Map<String, Binding> bindings) {
    if (!basePath.isEmpty() && !LITERAL_PATH.matcher(basePath).matches()) {
      throw new IllegalArgumentException("base path '" + basePath + "' contains characters that are not allowed in a URL path");
    }
    List<Part> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder(basePath);
    Map<String, Binding> unused = new HashMap<>(bindings);
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c == '{') {
        int close = template.indexOf('}', i);
        if (close < 0) {
          throw new IllegalArgumentException("path '" + template + "' has an unclosed '{'");
        }
        String name = template.substring(i + 1, close);
        Binding binding = bindings.get(name);
        if (binding == null) {
          throw new IllegalArgumentException("path placeholder '{" + name + "}' has no path binding");
        }
        unused.remove(name);
        flush(literal, parts);
        parts.add(new Part(null, binding));
        i = close + 1;
      } else {
        literal.append(c);
        i++;
      }
    }
    flush(literal, parts);
    if (!unused.isEmpty()) {
      throw new IllegalArgumentException("path bindings " + unused.keySet() + " have no placeholder in '" + template + "'");
    }
    for (Part part : parts) {
      if (part.literal() != null && !LITERAL_PATH.matcher(part.literal()).matches()) {
        throw new IllegalArgumentException("path '" + template + "' contains characters that are not allowed in a URL path");
      }
    }
    return List.copyOf(parts);
  }

  private static void flush(StringBuilder literal, List<Part> parts) {
    if (literal.length() > 0) {
      parts.add(new Part(literal.toString(), null));
      literal.setLength(0);
    }
  }

  private static Set<String> lower(Set<String> names) {
    Set<String> lower = new java.util.HashSet<>();
    names.forEach(name -> lower.add(name.toLowerCase(Locale.ROOT)));
    return Set.copyOf(lower);
  }

  /** {@code host} or {@code host:port}: the tool's host key. */
  public String hostKey() {
    return HostKeys.of(scheme, host, port);
  }

  public String scheme() {
    return scheme;
  }
}
