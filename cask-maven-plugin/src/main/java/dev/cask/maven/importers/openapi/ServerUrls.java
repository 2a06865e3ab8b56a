package dev.cask.maven.importers.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.maven.importers.ImportSettings;
import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.CaskException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns OpenAPI server objects into the absolute base URL of an operation: the first server of a list (the others are
 * logged at debug), variables replaced by their defaults, a relative URL placed below {@code -Dcask.baseUrl} (the
 * API's root: {@code /v2} and {@code v2} both become {@code <baseUrl>/v2}), no trailing slash. A URL with credentials, a query or a fragment, or a scheme other than http(s), is refused.
 */
final class ServerUrls {
  static final String BASE_URL_FIX =
      "set -Dcask.baseUrl=https://... (or <baseUrl> in the plugin configuration) to the URL the API is served at";
  private static final Pattern VARIABLE = Pattern.compile("\\{([^{}]*)}");

  private final String displayPath;
  private final ImportSettings settings;
  private final BuildLog log;
  private final Map<String, String> byLocation = new HashMap<>();

  ServerUrls(String displayPath, ImportSettings settings, BuildLog log) {
    this.displayPath = displayPath;
    this.settings = settings;
    this.log = log;
    if (settings.baseUrl() != null) {
      checkBaseUrlSetting(settings.baseUrl());
    }
  }

  /** The base URL of the first server of a {@code servers} list, or null when the list is absent or empty. */
  String first(Located servers) {
    JsonNode list = servers.node();
    if (!list.isArray() || list.isEmpty()) {
      return null;
    }
    String where = servers.document().displayPath();
    return byLocation.computeIfAbsent(servers.document().id() + "#" + servers.pointer(), key -> {
      for (int i = 1; i < list.size(); i++) {
        log.debug(where + " at " + servers.pointer() + ": using the first server; ignoring "
            + Redact.url(list.get(i).path("url").asText("?")));
      }
      JsonNode server = list.get(0);
      String at = servers.pointer() + "/0";
      if (!server.path("url").isTextual()) {
        throw new CaskException(where, at, "server has no url", "add a url to the server");
      }
      String url = substitute(where, server.get("url").asText(), server.path("variables"), at);
      return absolute(where, url, at + "/url");
    });
  }

  /** The base URL when no server applies: {@code -Dcask.baseUrl}, or an error. */
  String fallback() {
    if (settings.baseUrl() == null) {
      throw new CaskException(displayPath, "/servers", "declares no server URL", BASE_URL_FIX);
    }
    return settings.baseUrl();
  }

  /** Swagger 2.0: {@code schemes}, {@code host} and {@code basePath} (https when listed, else the first scheme). */
  String swagger2(JsonNode document) {
    String basePath = document.path("basePath").asText("/");
    if (!document.path("host").isTextual()) {
      return absolute(displayPath, basePath, "/host");
    }
    String scheme = "https";
    JsonNode schemes = document.path("schemes");
    if (schemes.isArray() && !schemes.isEmpty()) {
      boolean https = false;
      for (JsonNode listed : schemes) {
        https |= listed.asText().equalsIgnoreCase("https");
      }
      scheme = https ? "https" : schemes.get(0).asText().toLowerCase(Locale.ROOT);
    }
    return absolute(displayPath, scheme + "://" + document.get("host").asText()
        + (basePath.startsWith("/") ? basePath : "/" + basePath), "/host");
  }

  private String substitute(String where, String url, JsonNode variables, String pointer) {
    Matcher matcher = VARIABLE.matcher(url);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1);
      JsonNode value = variables.path(name).path("default");
      if (!value.isValueNode() || value.isNull()) {
        throw new CaskException(where, pointer + "/url",
            "server variable {" + name + "} has no default value",
            "declare it under variables with a default, or write the value into the url");
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(value.asText()));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private String absolute(String where, String url, String pointer) {
    URI uri = parse(where, url, pointer);
    if (uri.getRawUserInfo() != null) {
      throw new CaskException(where, pointer, "server URL has credentials in it",
          "remove the user and password from the URL; describe authentication with a security scheme");
    }
    if (!uri.isAbsolute()) {
      if (settings.baseUrl() == null) {
        throw new CaskException(where, pointer, "server URL '" + url + "' is relative", BASE_URL_FIX);
      }
      // The base URL is the API's root: "/v2" and "v2" both go below it, "/" is the root itself.
      uri = URI.create(settings.baseUrl() + "/").resolve(url.replaceFirst("^/+", ""));
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new CaskException(where, pointer, "server URL '" + url + "' is not http or https",
          "use an http(s) server URL");
    }
    if (uri.getHost() == null) {
      throw new CaskException(where, pointer, "server URL '" + url + "' has no host", "write the host into the URL");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new CaskException(where, pointer, "server URL '" + url + "' has a query or fragment",
          "remove the query and fragment from the server URL");
    }
    String text = scheme + "://" + uri.getRawAuthority().toLowerCase(Locale.ROOT) + (uri.getRawPath() == null ? "" : uri.getRawPath());
    while (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    return text;
  }

  private URI parse(String where, String url, String pointer) {
    try {
      return new URI(url);
    } catch (URISyntaxException e) {
      throw new CaskException(where, pointer, "server URL '" + Redact.url(url) + "' is not a valid URL: " + e.getReason(),
          "correct the server URL");
    }
  }

  private static void checkBaseUrlSetting(String baseUrl) {
    URI uri;
    try {
      uri = new URI(baseUrl);
    } catch (URISyntaxException e) {
      uri = null;
    }
    if (uri == null || !uri.isAbsolute() || uri.getHost() == null
        || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))
        || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new CaskException("-Dcask.baseUrl", null, "'" + Redact.url(baseUrl) + "' is not an absolute http(s) URL without"
          + " credentials, query or fragment", "set it like https://api.example.com/v1");
    }
  }
}
