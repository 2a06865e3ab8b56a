package dev.cask.runtime.cli;

import dev.cask.runtime.server.DeploymentOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** The options that point {@code serve} and {@code confirm} at the state store replicas share (one definition). */
final class StateOptions {
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s)");

  @Option(names = "--state", paramLabel = "URL",
      description = {"Keep rate limits, budgets and confirmations in a store shared by replicas: redis://HOST[:PORT][/DB],"
          + " or rediss://... for TLS (password in CASK_STATE_PASSWORD). Default: this server's own memory and files."})
  String state;

  @Option(names = "--shared-key", paramLabel = "FILE",
      description = "With --state: the key (32 random bytes, owner-only file) all replicas share for confirmations.")
  Path sharedKey;

  @Option(names = "--state-timeout", paramLabel = "DURATION",
      description = "With --state: the bound on every request to the store, e.g. 500ms (default) or 2s; a call whose"
          + " request fails or takes longer is denied (state_unavailable).")
  String stateTimeout;

  @Option(names = "--state-ca", paramLabel = "FILE",
      description = "With rediss://: PEM certificates to trust instead of the JDK's trust store.")
  Path stateCa;

  /** The options as given, checked for usage errors; {@code auditOtlp} comes from serve. */
  DeploymentOptions toOptions(String auditOtlp) {
    if (state == null) {
      if (sharedKey != null || stateTimeout != null || stateCa != null) {
        throw new CliFailure(ExitCodes.USAGE, "--shared-key, --state-timeout and --state-ca need --state", null);
      }
      return new DeploymentOptions(null, null, DeploymentOptions.DEFAULT_STATE_TIMEOUT, null, auditOtlp);
    }
    if (sharedKey == null) {
      throw new CliFailure(ExitCodes.USAGE, "--state needs --shared-key FILE: replicas must share the key that binds"
          + " confirmation challenges (create it once: head -c 32 /dev/urandom > shared.key; chmod 600 shared.key)", null);
    }
    return new DeploymentOptions(state, sharedKey, timeout(), stateCa, auditOtlp);
  }

  private Duration timeout() {
    if (stateTimeout == null) {
      return DeploymentOptions.DEFAULT_STATE_TIMEOUT;
    }
    Matcher matcher = DURATION.matcher(stateTimeout.strip().toLowerCase(Locale.ROOT));
    if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
      throw new CliFailure(ExitCodes.USAGE, "--state-timeout: '" + stateTimeout + "' is not a duration such as 500ms or 2s",
          null);
    }
    long amount = Long.parseLong(matcher.group(1));
    return matcher.group(2).equals("ms") ? Duration.ofMillis(amount) : Duration.ofSeconds(amount);
  }
}
