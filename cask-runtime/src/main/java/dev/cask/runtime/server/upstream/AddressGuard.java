package dev.cask.runtime.server.upstream;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves a host once and vets every address it got. If any address is blocked, the host is refused as a whole: a
 * name that answers with one public and one private address is an attack, not a configuration.
 */
public final class AddressGuard {
  /** At most this many hosts' static verdicts are remembered (the hosts are those of the toolpack's templates). */
  static final int MAX_REMEMBERED = 4096;

  private static final String ALLOWED = "";

  private final HostResolver resolver;
  private final NetworkPolicy network;
  /**
   * {@link #checkStatically}'s verdict per host string ({@link #ALLOWED} or the refusal): the check is a function of
   * nothing but the host string and the network policy, which never changes, so a host is parsed and judged once.
   */
  private final ConcurrentHashMap<String, String> staticVerdicts = new ConcurrentHashMap<>();

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

  /** Checks a host without resolving it (every call, dry runs too): syntax, metadata names and IP literals. */
  public void checkStatically(String rawHost) {
    String verdict = rawHost == null ? null : staticVerdicts.get(rawHost);
    if (verdict == null) {
      verdict = staticVerdict(rawHost);
      if (rawHost != null && staticVerdicts.size() < MAX_REMEMBERED) {
        staticVerdicts.put(rawHost, verdict);
      }
    }
    if (!verdict.equals(ALLOWED)) {
      throw new SsrfBlockedException(verdict);
    }
  }

  private String staticVerdict(String rawHost) {
    try {
      HostNames.Host host = HostNames.parse(rawHost);
      if (host.isLiteral()) {
        String reason = network.blockReason(host.literal());
        if (reason != null) {
          return "host '" + host.name() + "' " + reason;
        }
      }
      return ALLOWED;
    } catch (SsrfBlockedException e) {
      return e.getMessage() == null || e.getMessage().isEmpty() ? "the host is not allowed" : e.getMessage();
    }
  }

  public NetworkPolicy network() {
    return network;
  }
}
