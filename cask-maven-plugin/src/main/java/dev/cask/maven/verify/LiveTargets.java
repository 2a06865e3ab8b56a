package dev.cask.maven.verify;

import dev.cask.runtime.CaskException;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads {@code -Dcask.verify.baseUrl}: one base URL that replaces the toolpack's only base URL, or {@code FROM=TO}
 * pairs (comma-separated) for toolpacks that call several. Every replacement is an absolute {@code http(s)} URL
 * without user info, query or fragment; every base URL of the toolpack must have one.
 */
final class LiveTargets {
  private static final String SETTING = "-Dcask.verify.baseUrl";

  private LiveTargets() {}

  static Map<String, String> routes(String setting, List<ToolDefinition> tools) {
    TreeSet<String> baseUrls = new TreeSet<>();
    tools.forEach(tool -> baseUrls.add(tool.baseUrl()));
    Map<String, String> routes = new TreeMap<>();
    if (!setting.contains("=")) {
      if (baseUrls.size() > 1) {
        throw new CaskException(SETTING + "=" + setting, null, "the tools call " + baseUrls.size()
            + " base URLs " + baseUrls + ", so one replacement is ambiguous",
            "name each: " + SETTING + "=FROM=TO,FROM=TO");
      }
      baseUrls.forEach(url -> routes.put(url, check(setting.trim())));
      return routes;
    }
    for (String pair : setting.split(",")) {
      int eq = pair.indexOf('=');
      if (eq < 0) {
        throw new CaskException(SETTING, null, "'" + pair.trim() + "' is not FROM=TO", "write FROM=TO pairs, comma-separated");
      }
      String from = pair.substring(0, eq).trim();
      if (!baseUrls.contains(from)) {
        throw new CaskException(SETTING, null, "'" + from + "' is not a base URL of the toolpack " + baseUrls,
            "name base URLs as tools.json writes them");
      }
      routes.put(from, check(pair.substring(eq + 1).trim()));
    }
    baseUrls.removeAll(routes.keySet());
    if (!baseUrls.isEmpty()) {
      throw new CaskException(SETTING, null, "gives no replacement for " + baseUrls, "add FROM=TO for each");
    }
    return routes;
  }

  private static String check(String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || uri.getRawUserInfo() != null
          || uri.getRawQuery() != null || uri.getRawFragment() != null) {
        throw new URISyntaxException(url, "must be http(s) with a host and no user info, query or fragment");
      }
    } catch (URISyntaxException e) {
      throw new CaskException(SETTING, null, "'" + url + "' is not a usable base URL: " + e.getReason(),
          "give an absolute URL such as https://staging.example.com/v2");
    }
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
