package dev.cask.maven.importers.traffic;

import dev.cask.maven.importers.HostPatterns;
import dev.cask.runtime.CaskException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which hosts' calls become operations.
 *
 * <p>With {@code cask.allowHosts}, exactly the listed hosts: {@code api.example.com} (that host), {@code *.example.com}
 * (every subdomain, not {@code example.com} itself), each optionally with {@code :port} (then only that port; without,
 * any port). Without an allowlist, the first-party <em>site</em> is derived: the host of the page a browser loaded (the
 * first HTML navigation of a HAR), else the host with the most API calls; kept are that host and every host of the same
 * site (same last two labels, three for {@code co.uk}-style names; IP addresses and single-label names only themselves).
 */
public final class HostRules {
  private final HostPatterns allowList;
  private final String site;

  private HostRules(HostPatterns allowList, String site) {
    this.allowList = allowList;
    this.site = site;
  }

  /**
   * {@code cask.allowHosts}, parsed by the one parser every importer shares ({@link HostPatterns}).
   *
   * @throws CaskException naming the bad entry
   */
  public static HostRules allowList(List<String> entries) {
    return new HostRules(HostPatterns.of(entries), null);
  }

  /** Keeps the given first-party site (see {@link #siteOf}). */
  public static HostRules firstParty(String host) {
    return new HostRules(null, siteOf(Objects.requireNonNull(host, "host")));
  }

  public boolean isAllowList() {
    return site == null;
  }

  /** The derived first-party site, or null for an allowlist. */
  public String site() {
    return site;
  }

  public boolean allows(String host, int port) {
    if (site != null) {
      return host.equals(site) || (isName(site) && host.endsWith("." + site));
    }
    return allowList.allows(host, port);
  }

  /** The first-party host: the page's host when known, else the host with the most calls (ties: alphabetical). */
  static String deriveHost(String pageHost, Map<String, Integer> callsPerHost) {
    if (pageHost != null) {
      return pageHost;
    }
    String best = null;
    int bestCount = -1;
    for (Map.Entry<String, Integer> entry : new java.util.TreeMap<>(callsPerHost).entrySet()) {
      if (entry.getValue() > bestCount) {
        best = entry.getKey();
        bestCount = entry.getValue();
      }
    }
    return best;
  }

  /**
   * The site of a host: its last two labels ({@code www.example.com} → {@code example.com}), three when the second to
   * last is a short second-level label under a country code ({@code shop.example.co.uk} → {@code example.co.uk}); IP
   * addresses and single-label hosts are their own site.
   */
  static String siteOf(String host) {
    if (!isName(host)) {
      return host;
    }
    String[] labels = host.split("\\.");
    if (labels.length <= 2) {
      return host;
    }
    String tld = labels[labels.length - 1];
    String second = labels[labels.length - 2];
    int keep = tld.length() == 2 && second.length() <= 3 && labels.length >= 3 ? 3 : 2;
    return String.join(".", java.util.Arrays.copyOfRange(labels, labels.length - keep, labels.length));
  }

  private static boolean isName(String host) {
    return !host.startsWith("[") && !host.matches("[0-9.]+") && host.contains(".");
  }
}
