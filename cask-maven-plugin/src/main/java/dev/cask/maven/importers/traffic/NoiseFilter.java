package dev.cask.maven.importers.traffic;

import java.util.Locale;
import java.util.Set;

/**
 * Decides which observed calls are not API calls: static assets, HTML navigations, analytics beacons, CORS preflights,
 * websocket upgrades and event streams. Rules are checked in a fixed order; the first that matches names the reason,
 * which the import summary counts. (data:, blob: and extension URLs never become exchanges: the normaliser drops
 * every URL that is not http or https.)
 */
public final class NoiseFilter {
  static final Set<String> STATIC_RESOURCE_TYPES =
      Set.of("stylesheet", "image", "media", "font", "script", "texttrack", "manifest", "imageset", "object",
          "csp_violation_report", "signedexchange", "prefetch");

  /** Resource types (Chrome, Firefox, webRequest) of a page or frame navigation. */
  static final Set<String> NAVIGATION_RESOURCE_TYPES = Set.of("document", "subdocument", "main_frame", "sub_frame");

  static final Set<String> STATIC_EXTENSIONS =
      Set.of("js", "mjs", "cjs", "css", "map", "png", "jpg", "jpeg", "gif", "svg", "ico", "webp", "avif", "bmp", "tif",
          "tiff", "woff", "woff2", "ttf", "otf", "eot", "mp4", "webm", "ogg", "mp3", "wav", "m4a", "mov", "flac", "html",
          "htm", "wasm", "webmanifest", "appcache", "swf", "ts", "m3u8");

  /** Path segments that mark analytics and beacon endpoints. */
  static final Set<String> BEACON_SEGMENTS =
      Set.of("collect", "beacon", "beacons", "__beacon", "rum", "analytics", "pixel", "tracking-pixel", "_vercel",
          "cdn-cgi");

  /** Hosts (and their subdomains) that only collect analytics. */
  static final Set<String> ANALYTICS_HOSTS =
      Set.of("google-analytics.com", "analytics.google.com", "googletagmanager.com", "doubleclick.net",
          "googlesyndication.com", "segment.io", "segment.com", "api.segment.io", "mixpanel.com", "amplitude.com",
          "hotjar.com", "hotjar.io", "fullstory.com", "clarity.ms", "newrelic.com", "nr-data.net", "sentry.io",
          "datadoghq.com", "browser-intake-datadoghq.com", "facebook.net", "connect.facebook.net", "bat.bing.com",
          "plausible.io", "matomo.cloud", "heapanalytics.com", "intercom.io", "stats.wp.com");

  private NoiseFilter() {}

  /** Why the exchange is noise, or null when it is an API call. */
  public static String reason(Exchange exchange) {
    String resourceType = exchange.resourceType();
    if (exchange.method().name().equals("OPTIONS") && exchange.header("access-control-request-method") != null) {
      return "cors-preflight";
    }
    String upgrade = exchange.header("upgrade");
    if (exchange.status() == 101 || "websocket".equals(resourceType)
        || (upgrade != null && upgrade.toLowerCase(Locale.ROOT).contains("websocket"))) {
      return "websocket";
    }
    if ("text/event-stream".equals(exchange.responseMediaType()) || "eventsource".equals(resourceType)
        || "text/event-stream".equals(exchange.header("accept"))) {
      return "event-stream";
    }
    if ("ping".equals(resourceType) || "beacon".equals(resourceType) || isAnalyticsHost(exchange.host())
        || hasBeaconSegment(exchange.path())) {
      return "analytics";
    }
    // A navigation is an HTML page unless its response says otherwise: opening an API URL in the browser's address
    // bar (or a link to one) records a "document" that returned JSON, and that call is the API's.
    boolean returnsJson = returnsJson(exchange);
    if (resourceType != null && NAVIGATION_RESOURCE_TYPES.contains(resourceType) && !returnsJson) {
      return "html-navigation";
    }
    if (resourceType != null && STATIC_RESOURCE_TYPES.contains(resourceType)) {
      return "static-asset";
    }
    String extension = extension(exchange.path());
    if (extension != null && STATIC_EXTENSIONS.contains(extension)) {
      return "static-asset";
    }
    String media = exchange.responseMediaType();
    if (media != null) {
      if (media.equals("text/html") || media.equals("application/xhtml+xml")) {
        return "html-navigation";
      }
      if (media.equals("text/css") || media.contains("javascript") || media.equals("application/wasm")
          || media.startsWith("image/") || media.startsWith("font/") || media.startsWith("audio/")
          || media.startsWith("video/") || media.equals("application/font-woff")) {
        return "static-asset";
      }
    }
    String dest = exchange.header("sec-fetch-dest");
    if (dest != null && (dest.equals("document") || dest.equals("iframe")) && !returnsJson) {
      return "html-navigation";
    }
    if (dest != null && (dest.equals("image") || dest.equals("script") || dest.equals("style") || dest.equals("font"))) {
      return "static-asset";
    }
    return null;
  }

  /** Whether the response is JSON, by its declared type or (with none, or text/plain) by its body. */
  static boolean returnsJson(Exchange exchange) {
    return BodyReader.kindOf(exchange.responseMediaType()) == Body.Kind.JSON
        || exchange.responseBody().kind() == Body.Kind.JSON;
  }

  static boolean isAnalyticsHost(String host) {
    for (String analytics : ANALYTICS_HOSTS) {
      if (host.equals(analytics) || host.endsWith("." + analytics)) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasBeaconSegment(String path) {
    for (String segment : path.split("/")) {
      if (!segment.isEmpty() && BEACON_SEGMENTS.contains(segment.toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  /** The lower-case extension of the last path segment, or null. */
  static String extension(String path) {
    int slash = path.lastIndexOf('/');
    String last = path.substring(slash + 1);
    int dot = last.lastIndexOf('.');
    if (dot <= 0 || dot == last.length() - 1) {
      return null;
    }
    return last.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
