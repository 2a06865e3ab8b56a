package dev.cask.runtime.cli;

import java.util.Locale;

/**
 * The value of {@code --http}: {@code HOST:PORT}, {@code [IPv6]:PORT} or just {@code PORT} (then {@code 127.0.0.1}).
 * Only literal addresses and {@code localhost} are accepted: binding by a name would need a lookup whose answer an
 * attacker may control.
 */
record HttpAddress(String host, int port) {
  static final String DEFAULT_HOST = "127.0.0.1";

  static HttpAddress parse(String value) {
    String text = value.strip();
    String host;
    String port;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':') {
        throw new IllegalArgumentException("expected [IPv6]:PORT, got '" + value + "'");
      }
      host = text.substring(1, close);
      port = text.substring(close + 2);
    } else if (text.indexOf(':') < 0) {
      host = DEFAULT_HOST;
      port = text;
    } else {
      int colon = text.lastIndexOf(':');
      host = text.substring(0, colon);
      port = text.substring(colon + 1);
      if (host.indexOf(':') >= 0) {
        throw new IllegalArgumentException("write an IPv6 address in brackets: [" + host + "]:" + port);
      }
    }
    if (!isLiteralOrLocalhost(host)) {
      throw new IllegalArgumentException(
          "'" + host + "' is not an IP address: give a literal address such as 127.0.0.1, [::1] or 0.0.0.0");
    }
    int number;
    try {
      number = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + port + "' is not a port number");
    }
    if (number < 0 || number > 65_535) {
      throw new IllegalArgumentException("port " + number + " is out of range (0-65535; 0 picks a free port)");
    }
    return new HttpAddress(host, number);
  }

  private static boolean isLiteralOrLocalhost(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("localhost")
        || h.matches("\\d{1,3}(\\.\\d{1,3}){3}") && validV4(h)
        || h.matches("[0-9a-f:.]+") && h.indexOf(':') >= 0;
  }

  private static boolean validV4(String host) {
    for (String part : host.split("\\.")) {
      if (Integer.parseInt(part) > 255) {
        return false;
      }
    }
    return true;
  }
}
