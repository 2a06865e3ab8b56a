package dev.cask.runtime.server.upstream;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves a host once and vets every address it got. If any address is blocked, the host is refused as a whole: a
 * name that answers with one public and one private address is an attack, not a configuration.
 */
public final class AddressGuard {
  private final HostResolver resolver;
  private final NetworkPolicy network;

  public AddressGuard(HostResolver resolver, NetworkPolicy network) {
    this.resolver = resolver;
    this.network = network;
  }

  /**
   * The vetted socket addresses for a host and port.
   *
   * @throws SsrfBlockedException when the host is malformed, a metadata name, or resolves to a blocked address
   * @throws UnknownHostException when the name does not resolve
   */
  public List<InetSocketAddress> resolve(String rawHost, int port) throws UnknownHostException {
    HostNames.Host host = HostNames.parse(rawHost);
    List<InetAddress> addresses = host.isLiteral() ? List.of(host.literal()) : resolver.resolve(host.name());
    if (addresses.isEmpty()) {
      throw new UnknownHostException(host.name());
    }
    List<InetSocketAddress> vetted = new ArrayList<>(addresses.size());
    for (InetAddress address : addresses) {
      String reason = network.blockReason(address);
      if (reason != null) {
        throw new SsrfBlockedException("host '" + host.name() + "' resolves to " + address.getHostAddress() + ", which " + reason);
      }
      vetted.add(new InetSocketAddress(InetAddress.getByAddress(host.name(), address.getAddress()), port));
    }
    return vetted;
  }

  /** Checks a host without resolving it (dry runs): syntax, metadata names and IP literals. */
  public void checkStatically(String rawHost) {
    HostNames.Host host = HostNames.parse(rawHost);
    if (host.isLiteral()) {
      String reason = network.blockReason(host.literal());
      if (reason != null) {
        throw new SsrfBlockedException("host '" + host.name() + "' " + reason);
      }
    }
  }

  public NetworkPolicy network() {
    return network;
  }
}
