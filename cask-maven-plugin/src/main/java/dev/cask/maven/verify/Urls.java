package dev.cask.maven.verify;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request URL taken apart the way the replay contract compares it: scheme, host key, path segments (still encoded)
 * and query pairs (decoded). Decoding is lenient about case ({@code %2f} = {@code %2F}) and reads {@code +} in a
 * query as a space, as browsers and form encoders write it; a malformed escape stays as written.
 *
 * @param scheme lower case
 * @param host lower case, IPv6 in brackets
 * @param port the explicit port, or -1
 * @param segments the raw path segments after the leading {@code /}
 * @param query the decoded query pairs in order
 */
record Urls(String scheme, String host, int port, List<String> segments, List<Map.Entry<String, String>> query) {
  Urls {
    segments = List.copyOf(segments);
    query = List.copyOf(query);
  }

  static Urls parse(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("'" + url + "' is not a URL: " + e.getReason());
    }
    if (uri.getScheme() == null || uri.getHost() == null) {
      throw new IllegalArgumentException("'" + url + "' has no scheme or host");
    }
    return new Urls(uri.getScheme().toLowerCase(Locale.ROOT), uri.getHost().toLowerCase(Locale.ROOT), uri.getPort(),
        segments(uri.getRawPath()), pairs(uri.getRawQuery()));
  }

  /** {@code host} or {@code host:port} when the port is not the scheme's default (the key of an operation). */
  String hostKey() {
    boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
    return defaultPort ? host : host + ":" + port;
  }

  static List<String> segments(String rawPath) {
    if (rawPath == null || rawPath.isEmpty() || rawPath.equals("/")) {
      return List.of();
    }
    String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
    return List.of(path.split("/", -1));
  }

  static List<Map.Entry<String, String>> pairs(String rawQuery) {
    List<Map.Entry<String, String>> pairs = new ArrayList<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return pairs;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      pairs.add(new AbstractMap.SimpleImmutableEntry<>(decode(name, true), decode(value, true)));
    }
    return pairs;
  }

  /** Percent-decodes UTF-8; {@code plusIsSpace} for query text. */
  static String decode(String text, boolean plusIsSpace) {
    if (text.indexOf('%') < 0 && (!plusIsSpace || text.indexOf('+') < 0)) {
      return text;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '%' && i + 2 < text.length() && hex(text.charAt(i + 1)) >= 0 && hex(text.charAt(i + 2)) >= 0) {
        out.write(hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2)));
        i += 3;
      } else if (c == '+' && plusIsSpace) {
        out.write(' ');
        i++;
      } else {
        int codePoint = text.codePointAt(i);
        out.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
        i += Character.charCount(codePoint);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static int hex(char c) {
    return Character.digit(c, 16);
  }
}
