package dev.cask.runtime.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a server takes part in a deployment of several replicas: where the state they share lives and where the audit
 * log is exported. All absent by default: one server, its state in its own memory and files, its audit log a file.
 *
 * @param state the shared state store ({@code redis://host:6379/0} or {@code rediss://...}), or null for local state
 * @param sharedKey the file holding the key replicas share for confirmation challenges (required with {@code state})
 * @param stateTimeout the bound on every request to the state store
 * @param stateCa PEM certificates to trust for {@code rediss://} instead of the JDK's trust store, or null
 * @param auditOtlp the OTLP/HTTP receiver the audit log and metrics are exported to ({@code http://collector:4318}), or
 *     null
 */
public record DeploymentOptions(String state, Path sharedKey, Duration stateTimeout, Path stateCa, String auditOtlp) {
  /** The bound on a state store request unless the operator gives another ({@code --state-timeout}). */
  public static final Duration DEFAULT_STATE_TIMEOUT = Duration.ofMillis(500);

  public DeploymentOptions {
    Objects.requireNonNull(stateTimeout, "stateTimeout");
  }

  /** One server on its own: local state, no export. */
  public static DeploymentOptions none() {
    return new DeploymentOptions(null, null, DEFAULT_STATE_TIMEOUT, null, null);
  }
}
