package dev.cask.runtime.replay;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How {@link GovernedCalls} runs the pipeline.
 *
 * @param auditLog the audit log of these calls (confirmations and the pipeline's key live beside it)
 * @param routes a tool's base URL → the base URL its calls go to instead (a replay upstream, a staging server)
 * @param allowNetworks CIDR ranges the SSRF guard allows besides public addresses, exactly as {@code serve
 *     --allow-network}: a replay upstream on loopback needs {@code 127.0.0.1/32}, and nothing else gets it
 * @param upstreamConfig the runtime's upstream credentials file ({@code serve --upstream-config}), or null
 * @param environment where the credentials file's environment variables are read
 * @param answerConfirmations whether a call the policy sends to confirmation is approved here and repeated (audited
 *     as a person's answer would be); otherwise the challenge is the result
 */
public record CallSettings(
    Path auditLog,
    Map<String, String> routes,
    List<String> allowNetworks,
    Path upstreamConfig,
    Map<String, String> environment,
    boolean answerConfirmations) {
  public CallSettings {
    Objects.requireNonNull(auditLog, "auditLog");
    routes = Map.copyOf(routes);
    allowNetworks = List.copyOf(allowNetworks);
    environment = Map.copyOf(environment);
  }
}
