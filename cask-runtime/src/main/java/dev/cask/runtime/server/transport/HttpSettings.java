package dev.cask.runtime.server.transport;

import dev.cask.runtime.model.Lists;
import java.util.List;
import java.util.Objects;

/**
 * How the Streamable HTTP endpoint listens and whom it lets in.
 *
 * @param host the address to bind ({@code 127.0.0.1} unless the operator says otherwise)
 * @param port the port ({@code 0} picks a free one)
 * @param token the bearer token every MCP request must present, or null when the operator explicitly disabled
 *     authentication ({@code --no-auth})
 * @param extraAllowedHosts further {@code Host} header values to accept (e.g. a reverse proxy's name); loopback names
 *     for the bound port are always accepted when bound to loopback
 * @param extraAllowedOrigins further browser origins to accept ({@code Origin} header); requests without an Origin
 *     header (non-browser clients) are always accepted
 */
public record HttpSettings(
    String host, int port, String token, List<String> extraAllowedHosts, List<String> extraAllowedOrigins) {
  /** The minimum length of an operator-supplied token: shorter secrets are guessable. */
  public static final int MIN_TOKEN_LENGTH = 32;

  public HttpSettings {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (token != null && token.length() < MIN_TOKEN_LENGTH) {
      throw new IllegalArgumentException("token shorter than " + MIN_TOKEN_LENGTH + " characters");
    }
    extraAllowedHosts = Lists.copy(extraAllowedHosts);
    extraAllowedOrigins = Lists.copy(extraAllowedOrigins);
  }

  public boolean requiresAuth() {
    return token != null;
  }
}
