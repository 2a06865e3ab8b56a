package dev.cask.runtime.server.upstream;

import java.util.Locale;
import java.util.Set;

/**
 * Headers an agent argument can never set: credentials (the operator's, injected per host), framing and hop-by-hop
 * headers (request smuggling), and the headers the runtime itself writes. A toolpack whose binding targets one of
 * them is refused at start-up; so is one that targets the credential header an operator configured for its host.
 */
public final class ReservedHeaders {
  static final Set<String> NAMES =
      Set.of(
          // credentials
          "authorization", "proxy-authorization", "cookie", "x-api-key", "api-key", "apikey", "x-auth-token",
          "x-access-token", "x-csrf-token", "x-xsrf-token", "x-amz-security-token",
          // framing, routing and hop-by-hop
          "host", "content-length", "transfer-encoding", "connection", "keep-alive", "upgrade", "te", "trailer",
          "expect", "proxy-connection", "forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto",
          "x-real-ip", "x-http-method-override", "x-http-method", "x-method-override",
          // written by the runtime
          "accept", "accept-encoding", "content-type", "user-agent");

  private ReservedHeaders() {}

  public static boolean isReserved(String name) {
    return NAMES.contains(name.toLowerCase(Locale.ROOT));
  }
}
