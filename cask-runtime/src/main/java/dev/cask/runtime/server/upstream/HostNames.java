package dev.cask.runtime.server.upstream;

import dev.cask.runtime.text.ControlCharacters;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Strict reading of a URL host. A host is an IP literal in canonical form (dotted quad, or IPv6 in brackets) or a DNS
 * name of letters, digits, hyphens and underscores. Everything in between (decimal {@code 2130706433}, octal
 * {@code 0177.0.0.1}, hex {@code 0x7f.1}, short {@code 127.1}, zone ids, non-ASCII) is rejected: resolvers and parsers
 * disagree on what such hosts mean, and that disagreement is how SSRF filters are bypassed.
 */
public final class HostNames {
  private static final Pattern LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");
  private static final Pattern NUMERIC_LIKE = Pattern.compile("(0x[0-9a-f]*|[0-9]+)");

  /** Names of cloud metadata services, blocked before any resolution. */
  static final Set<String> METADATA_NAMES =
      Set.of(
          "metadata.google.internal", "metadata.goog", "metadata", "instance-data", "instance-data.ec2.internal",
          "metadata.azure.internal", "metadata.platformequinix.com", "metadata.packet.net");

  private HostNames() {}

  /** A host as the guard sees it: either an IP literal or a DNS name (lower case, no trailing dot). */
  public record Host(String name, InetAddress literal) {
    public boolean isLiteral() {
      return literal != null;
    }
  }

  /**
   * Parses a URL host ({@link java.net.URI#getHost()} form; IPv6 may come with or without brackets).
   *
   * @throws SsrfBlockedException when the host is ambiguous, malformed or a metadata name
   */
  public static Host parse(String rawHost) {
    if (rawHost == null || rawHost.isEmpty()) {
      throw new SsrfBlockedException("the URL has no host");
    }
    String host = rawHost.toLowerCase(Locale.ROOT);
    if (host.startsWith("[") || host.indexOf(':') >= 0) {
      InetAddress literal = IpRange.literal(host.startsWith("[") ? host : "[" + host + "]");
      if (literal == null || host.indexOf('%') >= 0) {
        throw new SsrfBlockedException("host '" + printable(rawHost) + "' is not a valid IPv6 literal");
      }
      return new Host(host, literal);
    }
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    InetAddress literal = IpRange.literal(host);
    if (literal != null) {
      return new Host(host, literal);
    }
    if (host.length() > 253 || host.isEmpty()) {
      throw new SsrfBlockedException("host '" + printable(rawHost) + "' is not a valid DNS name");
    }
    String[] labels = host.split("\\.", -1);
    for (String label : labels) {
      if (!LABEL.matcher(label).matches()) {
        throw new SsrfBlockedException("host '" + printable(rawHost) + "' is not a valid DNS name");
      }
    }
    String last = labels[labels.length - 1];
    if (NUMERIC_LIKE.matcher(last).matches()) {
      throw new SsrfBlockedException(
          "host '" + printable(rawHost) + "' looks like a numeric address in a non-canonical form; write it as a dotted quad");
    }
    if (METADATA_NAMES.contains(host)) {
      throw new SsrfBlockedException("host '" + host + "' is a cloud metadata service");
    }
    return new Host(host, null);
  }

  /** A host for a message: an identifier, so anything outside printable ASCII is shown escaped. */
  static String printable(String text) {
    return ControlCharacters.escapeIdentifier(text, 100);
  }
}
