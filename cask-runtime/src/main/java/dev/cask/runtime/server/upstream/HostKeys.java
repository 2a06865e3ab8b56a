package dev.cask.runtime.server.upstream;

import java.net.URI;
import java.util.Locale;

/** The host identity Cask uses everywhere (toolpack hosts, credentials, allowlists): {@code host} or {@code host:port}. */
public final class HostKeys {
  private HostKeys() {}

  /** Lower-case host, plus {@code :port} when the port is explicit and not the scheme's default. */
  public static String of(String scheme, String host, int port) {
    String lower = host.toLowerCase(Locale.ROOT);
    boolean defaultPort =
        port == -1 || ("https".equalsIgnoreCase(scheme) && port == 443) || ("http".equalsIgnoreCase(scheme) && port == 80);
    return defaultPort ? lower : lower + ":" + port;
  }

  public static String of(URI uri) {
    return of(uri.getScheme(), uri.getHost(), uri.getPort());
  }
}
