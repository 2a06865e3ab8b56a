package dev.cask.runtime.server.upstream;

import java.net.InetAddress;
import java.util.List;

/**
 * Which addresses the runtime may connect to: public unicast addresses, plus the ranges an operator allowed explicitly
 * ({@code serve --allow-network 10.0.0.0/8}, for on-premises or local APIs). Cloud metadata addresses stay blocked even
 * inside an allowed range: no legitimate tool calls them, and they hand out cloud credentials.
 */
public final class NetworkPolicy {
  private final List<IpRange> allowed;

  public NetworkPolicy(List<IpRange> allowed) {
    this.allowed = List.copyOf(allowed);
  }

  public static NetworkPolicy publicOnly() {
    return new NetworkPolicy(List.of());
  }

  /** Parses {@code --allow-network} values; throws {@link IllegalArgumentException} naming the bad one. */
  public static NetworkPolicy allowing(List<String> ranges) {
    return new NetworkPolicy(ranges.stream().map(IpRange::parse).toList());
  }

  /** Null when the address may be used, else why not. */
  public String blockReason(InetAddress address) {
    AddressCategory category = AddressClassifier.classify(address);
    if (category == AddressCategory.CLOUD_METADATA) {
      return "is a cloud metadata address";
    }
    if (category == AddressCategory.PUBLIC) {
      return null;
    }
    byte[] bytes = address.getAddress();
    byte[] embedded = bytes.length == 16 ? AddressClassifier.embeddedIpv4(bytes) : null;
    for (IpRange range : allowed) {
      if (range.contains(bytes) || (embedded != null && range.contains(embedded))) {
        return null;
      }
    }
    return "is a " + category.label() + " address (allow it with --allow-network only if this API really lives there)";
  }

  public List<IpRange> allowed() {
    return allowed;
  }
}
