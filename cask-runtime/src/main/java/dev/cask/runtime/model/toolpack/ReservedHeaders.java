package dev.cask.runtime.model.toolpack;

import java.util.Locale;
import java.util.Set;

/**
 * Headers an agent argument can never set: credentials (the operator's, injected per host), framing and hop-by-hop
 * headers (request smuggling), and the headers the runtime itself writes. One list for both sides: the compiler never
 * exposes a header parameter named here, and the runtime refuses a toolpack whose binding targets one (or the
 * credential header an operator configured for its host).
 */
public final class ReservedHeaders {
  static final Set<String> CREDENTIALS =
      Set.of(
          "authorization", "proxy-authorization", "cookie", "x-api-key", "api-key", "apikey", "x-auth-token",
          "x-access-token", "x-csrf-token", "x-xsrf-token", "x-amz-security-token");

  public static final Set<String> NAMES =
      union(
          CREDENTIALS,
          // framing, routing and hop-by-hop
          "host", "content-length", "transfer-encoding", "connection", "keep-alive", "upgrade", "te", "trailer",
          "expect", "proxy-connection", "forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto",
          "x-real-ip", "x-http-method-override", "x-http-method", "x-method-override",
          // written by the runtime
          "accept", "accept-encoding", "content-type", "user-agent");

  private static Set<String> union(Set<String> credentials, String... others) {
    java.util.Set<String> all = new java.util.HashSet<>(credentials);
    all.addAll(java.util.List.of(others));
    return Set.copyOf(all);
  }

  private ReservedHeaders() {}

  /** Whether the header is one of the credential headers (a subset of the reserved ones). */
  public static boolean isCredential(String name) {
    return CREDENTIALS.contains(name.toLowerCase(Locale.ROOT));
  }

  public static boolean isReserved(String name) {
    return NAMES.contains(name.toLowerCase(Locale.ROOT));
  }
}
