package dev.cask.runtime.server.upstream;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/** A CIDR range ({@code 10.0.0.0/8}, {@code fd00::/8}) or one address. Parsing never touches DNS. */
public record IpRange(byte[] network, int prefix, String text) {
  private static final Pattern IPV4 =
      Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

  /**
   * Parses {@code address[/prefix]}; the address must be a canonical IPv4 dotted quad or an IPv6 literal.
   *
   * @throws IllegalArgumentException with a readable message
   */
  public static IpRange parse(String text) {
    String trimmed = text.trim();
    int slash = trimmed.indexOf('/');
    String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
    InetAddress parsed = literal(address);
    if (parsed == null) {
      throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR range (e.g. 10.0.0.0/8, fd00::/8)");
    }
    byte[] bytes = parsed.getAddress();
    int max = bytes.length * 8;
    int prefix = max;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(trimmed.substring(slash + 1));
      } catch (NumberFormatException e) {
        prefix = -1;
      }
      if (prefix < 0 || prefix > max) {
        throw new IllegalArgumentException("'" + text + "' has an invalid prefix length (0.." + max + ")");
      }
    }
    return new IpRange(mask(bytes, prefix), prefix, trimmed.toLowerCase(Locale.ROOT));
  }

  static IpRange of(String text) {
    return parse(text);
  }

  /** A strict IP literal (canonical dotted quad, or IPv6 without zone), or null. */
  static InetAddress literal(String text) {
    String address = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    boolean v4 = IPV4.matcher(address).matches();
    boolean v6 = !v4 && address.indexOf(':') >= 0 && IPV6.matcher(address).matches();
    if (!v4 && !v6) {
      return null;
    }
    try {
      InetAddress parsed = InetAddress.getByName(address); // a literal: no DNS lookup
      if (v6 && parsed.getAddress().length == 4) {
        // the JDK turns ::ffff:a.b.c.d into an IPv4 address; keep the IPv6 form so embeddings are seen as such
        return java.net.Inet6Address.getByAddress(null, mapped(parsed.getAddress()), null);
      }
      return parsed;
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static byte[] mapped(byte[] v4) {
    byte[] v6 = new byte[16];
    v6[10] = (byte) 0xFF;
    v6[11] = (byte) 0xFF;
    System.arraycopy(v4, 0, v6, 12, 4);
    return v6;
  }

  public boolean contains(InetAddress address) {
    return contains(address.getAddress());
  }

  boolean contains(byte[] bytes) {
    if (bytes.length != network.length) {
      return false;
    }
    byte[] masked = mask(bytes, prefix);
    return java.util.Arrays.equals(masked, network);
  }

  private static byte[] mask(byte[] bytes, int prefix) {
    byte[] out = bytes.clone();
    for (int i = 0; i < out.length; i++) {
      int bits = Math.max(0, Math.min(8, prefix - i * 8));
      out[i] = (byte) (out[i] & (0xFF << (8 - bits)));
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IpRange other && prefix == other.prefix && java.util.Arrays.equals(network, other.network);
  }

  @Override
  public int hashCode() {
    return 31 * java.util.Arrays.hashCode(network) + prefix;
  }

  @Override
  public String toString() {
    return text;
  }
}
