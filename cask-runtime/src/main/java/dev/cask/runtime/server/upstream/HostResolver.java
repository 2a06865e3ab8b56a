package dev.cask.runtime.server.upstream;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Name resolution, the one seam between the guard and DNS. The guard resolves a name once, vets every address, and
 * the connection goes to a vetted address: nothing else resolves the name again. Tests plug in a resolver that answers
 * with private addresses or changes its answer between calls (DNS rebinding).
 */
@FunctionalInterface
public interface HostResolver {
  /** The system resolver. */
  HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

  /** Every address of a DNS name (never called with an IP literal). */
  List<InetAddress> resolve(String host) throws UnknownHostException;
}
