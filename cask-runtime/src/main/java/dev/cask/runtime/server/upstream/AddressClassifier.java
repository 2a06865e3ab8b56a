package dev.cask.runtime.server.upstream;

import java.net.InetAddress;
import java.util.List;

/**
 * Classifies IP addresses for the SSRF guard (IANA special-purpose registries for IPv4 and IPv6, plus the cloud metadata
 * endpoints). IPv6 forms that embed an IPv4 address (IPv4-mapped {@code ::ffff:0:0/96}, IPv4-compatible {@code ::/96},
 * NAT64 {@code 64:ff9b::/96} and {@code 64:ff9b:1::/48}, 6to4 {@code 2002::/16}, Teredo {@code 2001::/32}) are judged
 * by the IPv4 address they carry, so {@code [::ffff:169.254.169.254]} is as blocked as {@code 169.254.169.254}.
 */
public final class AddressClassifier {
  private record Entry(IpRange range, AddressCategory category) {}

  /** Addresses of cloud metadata services: blocked even inside a range the operator allowed. */
  private static final List<IpRange> METADATA =
      List.of(
          IpRange.of("169.254.169.254"), // AWS, GCP, Azure, OpenStack, DigitalOcean, Oracle ...
          IpRange.of("169.254.170.2"), // AWS ECS task metadata
          IpRange.of("169.254.170.23"), // AWS EKS pod identity
          IpRange.of("169.254.169.253"), // AWS DNS resolver
          IpRange.of("169.254.169.123"), // AWS time sync
          IpRange.of("169.254.169.250"), // AWS Route 53 Resolver
          IpRange.of("100.100.100.200"), // Alibaba Cloud
          IpRange.of("192.0.0.192"), // Oracle Cloud (classic)
          IpRange.of("168.63.129.16"), // Azure WireServer
          IpRange.of("fd00:ec2::254"), // AWS IMDS over IPv6
          IpRange.of("fd00:ec2::23"), // AWS EKS pod identity over IPv6
          IpRange.of("fd00:ec2::253") // AWS DNS over IPv6
          );

  private static final List<Entry> IPV4 =
      List.of(
          entry("0.0.0.0/32", AddressCategory.UNSPECIFIED),
          entry("0.0.0.0/8", AddressCategory.RESERVED), // "this network"
          entry("10.0.0.0/8", AddressCategory.PRIVATE),
          entry("100.64.0.0/10", AddressCategory.SHARED_CGNAT),
          entry("127.0.0.0/8", AddressCategory.LOOPBACK),
          entry("169.254.0.0/16", AddressCategory.LINK_LOCAL),
          entry("172.16.0.0/12", AddressCategory.PRIVATE),
          entry("192.0.0.0/24", AddressCategory.PROTOCOL_ASSIGNMENT),
          entry("192.0.2.0/24", AddressCategory.DOCUMENTATION),
          entry("192.31.196.0/24", AddressCategory.PROTOCOL_ASSIGNMENT), // AS112
          entry("192.52.193.0/24", AddressCategory.PROTOCOL_ASSIGNMENT), // AMT
          entry("192.88.99.0/24", AddressCategory.RESERVED), // deprecated 6to4 relay anycast
          entry("192.168.0.0/16", AddressCategory.PRIVATE),
          entry("192.175.48.0/24", AddressCategory.PROTOCOL_ASSIGNMENT), // AS112 direct delegation
          entry("198.18.0.0/15", AddressCategory.BENCHMARK),
          entry("198.51.100.0/24", AddressCategory.DOCUMENTATION),
          entry("203.0.113.0/24", AddressCategory.DOCUMENTATION),
          entry("224.0.0.0/4", AddressCategory.MULTICAST),
          entry("255.255.255.255/32", AddressCategory.BROADCAST),
          entry("240.0.0.0/4", AddressCategory.RESERVED));

  private static final List<Entry> IPV6 =
      List.of(
          entry("::/128", AddressCategory.UNSPECIFIED),
          entry("::1/128", AddressCategory.LOOPBACK),
          entry("100::/64", AddressCategory.DISCARD),
          entry("2001:db8::/32", AddressCategory.DOCUMENTATION),
          entry("3fff::/20", AddressCategory.DOCUMENTATION),
          entry("2001:2::/48", AddressCategory.BENCHMARK),
          entry("2001::/23", AddressCategory.PROTOCOL_ASSIGNMENT),
          entry("fc00::/7", AddressCategory.UNIQUE_LOCAL),
          entry("fe80::/10", AddressCategory.LINK_LOCAL),
          entry("fec0::/10", AddressCategory.SITE_LOCAL),
          entry("ff00::/8", AddressCategory.MULTICAST),
          entry("5f00::/16", AddressCategory.RESERVED), // SRv6 SIDs
          entry("::/8", AddressCategory.RESERVED)); // the rest of ::/8 after the embedded forms

  private AddressClassifier() {}

  private static Entry entry(String cidr, AddressCategory category) {
    return new Entry(IpRange.of(cidr), category);
  }

  /** The category of an address, judging embedded IPv4 addresses by what they carry. */
  public static AddressCategory classify(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (isMetadata(bytes)) {
      return AddressCategory.CLOUD_METADATA;
    }
    if (bytes.length == 4) {
      return lookup(IPV4, bytes);
    }
    byte[] embedded = embeddedIpv4(bytes);
    if (embedded != null) {
      return isMetadata(embedded) ? AddressCategory.CLOUD_METADATA : lookup(IPV4, embedded);
    }
    if (!isGlobalUnicastPrefix(bytes)) {
      AddressCategory category = lookup(IPV6, bytes);
      return category == AddressCategory.PUBLIC ? AddressCategory.RESERVED : category;
    }
    return lookup(IPV6, bytes);
  }

  /** Whether the address (or the IPv4 address it embeds) is a cloud metadata endpoint. */
  public static boolean isMetadata(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (isMetadata(bytes)) {
      return true;
    }
    byte[] embedded = bytes.length == 16 ? embeddedIpv4(bytes) : null;
    return embedded != null && isMetadata(embedded);
  }

  /**
   * The IPv4 address carried by an IPv6 address, or null. Covered: IPv4-mapped and IPv4-compatible ({@code ::/96},
   * except {@code ::} and {@code ::1}), NAT64 well-known and local-use prefixes, 6to4 and Teredo (client address is the
   * complement of the last 32 bits).
   */
  static byte[] embeddedIpv4(byte[] v6) {
    if (v6.length != 16) {
      return null;
    }
    if (zero(v6, 0, 10) && (v6[10] & 0xFF) == 0xFF && (v6[11] & 0xFF) == 0xFF) {
      return slice(v6, 12); // ::ffff:a.b.c.d
    }
    if (zero(v6, 0, 12) && !(zero(v6, 12, 15) && (v6[15] == 0 || v6[15] == 1))) {
      return slice(v6, 12); // ::a.b.c.d (deprecated compatible form)
    }
    if (zero(v6, 0, 8) && (v6[8] & 0xFF) == 0xFF && (v6[9] & 0xFF) == 0xFF && zero(v6, 10, 12)) {
      return slice(v6, 12); // ::ffff:0:a.b.c.d (SIIT translated form)
    }
    if ((v6[0] & 0xFF) == 0x00 && (v6[1] & 0xFF) == 0x64 && (v6[2] & 0xFF) == 0xFF && (v6[3] & 0xFF) == 0x9B) {
      if (zero(v6, 4, 12)) {
        return slice(v6, 12); // 64:ff9b::/96
      }
      if ((v6[4] & 0xFF) == 0x00 && (v6[5] & 0xFF) == 0x01) {
        return slice(v6, 12); // 64:ff9b:1::/48 (local use; RFC 8215 leaves the layout to the operator: last 32 bits)
      }
    }
    if ((v6[0] & 0xFF) == 0x20 && (v6[1] & 0xFF) == 0x02) {
      return new byte[] {v6[2], v6[3], v6[4], v6[5]}; // 2002:aabb:ccdd::/48
    }
    if ((v6[0] & 0xFF) == 0x20 && (v6[1] & 0xFF) == 0x01 && v6[2] == 0 && v6[3] == 0) {
      return new byte[] {(byte) ~v6[12], (byte) ~v6[13], (byte) ~v6[14], (byte) ~v6[15]}; // Teredo 2001::/32
    }
    return null;
  }

  /** 2000::/3 is the only range IANA allocates for global unicast; anything else outside the table is reserved. */
  private static boolean isGlobalUnicastPrefix(byte[] v6) {
    return (v6[0] & 0xE0) == 0x20;
  }

  private static boolean isMetadata(byte[] bytes) {
    for (IpRange range : METADATA) {
      if (range.contains(bytes)) {
        return true;
      }
    }
    return false;
  }

  private static AddressCategory lookup(List<Entry> table, byte[] bytes) {
    for (Entry entry : table) {
      if (entry.range().contains(bytes)) {
        return entry.category();
      }
    }
    return AddressCategory.PUBLIC;
  }

  private static boolean zero(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static byte[] slice(byte[] v6, int from) {
    return new byte[] {v6[from], v6[from + 1], v6[from + 2], v6[from + 3]};
  }
}
