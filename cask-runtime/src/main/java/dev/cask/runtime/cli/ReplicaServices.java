package dev.cask.runtime.cli;

import dev.cask.runtime.CaskException;
import dev.cask.runtime.server.DeploymentOptions;
import dev.cask.runtime.server.audit.AuditExport;
import dev.cask.runtime.server.confirm.ConfirmationStore;
import dev.cask.runtime.server.confirm.Confirmations;
import dev.cask.runtime.server.confirm.KeyFile;
import dev.cask.runtime.server.state.StateNamespace;
import dev.cask.runtime.server.state.StateStore;
import dev.cask.runtime.server.state.redis.RedisStateStore;
import dev.cask.runtime.server.telemetry.OtlpAuditExport;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The parts of a deployment of replicas: the Redis state store and the OTLP audit export. Their libraries (Jedis and
 * its pool, the OpenTelemetry SDK) are large, so only this class names them, and the composition root calls it only when
 * {@code --state} or {@code --audit-otlp} is given: a server without them never loads a class of theirs.
 */
final class ReplicaServices {
  /** The environment variable with the state store's password (kept off the command line and out of logs). */
  static final String STATE_PASSWORD_ENV = "CASK_STATE_PASSWORD";
  /** The OpenTelemetry convention for export headers: {@code key=value,key2=value2}. */
  static final String OTLP_HEADERS_ENV = "OTEL_EXPORTER_OTLP_HEADERS";

  private ReplicaServices() {}

  /** Connects to the shared state store; a replica does not start without it. */
  static StateStore state(DeploymentOptions options, Map<String, String> env) {
    return RedisStateStore.connect(options.state(), env.get(STATE_PASSWORD_ENV), options.stateTimeout(), options.stateCa());
  }

  /** The key replicas share for confirmations: an owner-only file of 32 bytes, never taken from the store. */
  static byte[] sharedKey(DeploymentOptions options) {
    return KeyFile.load(options.sharedKey());
  }

  /** Starts the OTLP export of the audit log and the metrics. */
  static AuditExport export(DeploymentOptions options, Map<String, String> env, Map<String, String> resource,
      BooleanSupplier stateAvailable) {
    return OtlpAuditExport.start(endpoint(options.auditOtlp()), headers(env.get(OTLP_HEADERS_ENV)), resource,
        stateAvailable, Duration.ofSeconds(10));
  }

  /** Shows or approves a challenge kept in the shared store, found by its id. */
  static String confirm(String challengeId, DeploymentOptions options, String toolpackName, boolean approve,
      Map<String, String> env) {
    byte[] key = sharedKey(options);
    try (RedisStateStore store = RedisStateStore.open(options.state(), env.get(STATE_PASSWORD_ENV),
        options.stateTimeout(), options.stateCa())) {
      List<StateNamespace> holding = store.namespacesHolding(challengeId, toolpackName);
      if (holding.isEmpty()) {
        throw new CaskException("confirm " + challengeId, null, "no pending confirmation with this id in "
            + store.description() + (toolpackName == null ? "" : " for toolpack " + toolpackName),
            "check the id and --state (the replicas' store)");
      }
      if (holding.size() > 1) {
        throw new CaskException("confirm " + challengeId, null, "this id names challenges of several toolpacks: "
            + holding, "name the toolpack with --toolpack-name");
      }
      Confirmations confirmations =
          store.confirmations(holding.get(0), key, Clock.systemUTC(), ConfirmationStore.DEFAULT_TTL);
      return VerifiedRuntimeCore.confirmWith(confirmations, challengeId, "in " + store.description(), approve);
    }
  }

  /** The receiver's base URL: http or https, a host, no query; a trailing slash is dropped. */
  static String endpoint(String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((!scheme.equals("http") && !scheme.equals("https")) || uri.getHost() == null || uri.getQuery() != null
          || uri.getFragment() != null || uri.getUserInfo() != null) {
        throw new IllegalArgumentException("not an http(s) URL of a host without user, query or fragment");
      }
      return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new CliFailure(ExitCodes.USAGE, "--audit-otlp: '" + url + "': " + e.getMessage()
          + "; give the collector's OTLP/HTTP address, e.g. http://collector:4318", e);
    }
  }

  /** {@code OTEL_EXPORTER_OTLP_HEADERS}: comma-separated {@code key=value} pairs (values may be percent-encoded). */
  static Map<String, String> headers(String spec) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (spec == null || spec.isBlank()) {
      return headers;
    }
    for (String pair : spec.split(",")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new CliFailure(ExitCodes.USAGE, OTLP_HEADERS_ENV + ": each header is key=value, separated by commas", null);
      }
      headers.put(pair.substring(0, eq).strip(),
          java.net.URLDecoder.decode(pair.substring(eq + 1).strip(), java.nio.charset.StandardCharsets.UTF_8));
    }
    return headers;
  }
}
