package dev.cask.runtime.server.upstream;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;

/**
 * Jetty's hook for turning a host into socket addresses, which is where every connection's addresses come from: the
 * guard resolves here, once per new connection, and Jetty connects to exactly the addresses returned. There is no
 * second lookup to rebind.
 */
final class GuardedSocketAddressResolver implements SocketAddressResolver {
  private final AddressGuard guard;

  GuardedSocketAddressResolver(AddressGuard guard) {
    this.guard = guard;
  }

  @Override
  public void resolve(String host, int port, Map<String, Object> context, Promise<List<InetSocketAddress>> promise) {
    List<InetSocketAddress> addresses;
    try {
      addresses = guard.resolve(host, port);
    } catch (Exception | Error e) {
      promise.failed(e);
      return;
    }
    promise.succeeded(addresses);
  }
}
