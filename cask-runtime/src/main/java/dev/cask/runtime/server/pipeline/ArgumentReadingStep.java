package dev.cask.runtime.server.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.json.CanonicalJson;
import dev.cask.runtime.server.spi.ToolCallOutcome;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Step 2: reads the arguments without judging them against the tool: they must be a JSON object within
 * {@link ArgumentLimits}; reserved {@code _cask_*} members are split off; the digest of the canonical arguments (RFC
 * 8785), which confirmations bind to, and its HMAC under the server key, which the audit log records instead of the
 * values, are computed. A problem is only noted here ({@link CallContext#argumentsProblem}): a tool the policy denies
 * whatever its arguments is denied first ({@link StaticDenyStep}), and {@link ArgumentValidationStep} reports the
 * problem otherwise.
 */
final class ArgumentReadingStep implements PipelineStep {
  /** The largest canonical arguments accepted. */
  static final int MAX_ARGUMENT_BYTES = 1024 * 1024;

  /** One initialized MAC per calling thread: looking the algorithm up and keying it costs more than the MAC itself. */
  private final ThreadLocal<Mac> macs;

  ArgumentReadingStep(byte[] hmacKey) {
    SecretKeySpec key = new SecretKeySpec(hmacKey, "HmacSHA256");
    this.macs = ThreadLocal.withInitial(() -> {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(key);
        return mac;
      } catch (java.security.GeneralSecurityException e) {
        throw new IllegalStateException("HmacSHA256 is required of every JDK", e);
      }
    });
  }

  @Override
  public ToolCallOutcome apply(CallContext context) {
    context.argumentsProblem = read(context);
    return null;
  }

  private String read(CallContext context) {
    JsonNode raw = context.call.arguments();
    ObjectNode arguments;
    if (raw == null || raw.isNull() || raw.isMissingNode()) {
      arguments = JsonNodeFactory.instance.objectNode();
    } else if (raw instanceof ObjectNode object) {
      arguments = object;
    } else {
      return "the arguments must be a JSON object";
    }
    String limits = ArgumentLimits.problem(arguments);
    if (limits != null) {
      return limits;
    }
    ReservedArguments.Split split;
    try {
      split = ReservedArguments.split(arguments);
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    if (split.confirmationId() != null && context.confirmationId != null
        && !split.confirmationId().equals(context.confirmationId)) {
      return "two different confirmation ids were given";
    }
    context.arguments = split.arguments();
    context.dryRun |= split.dryRun();
    if (context.confirmationId == null) {
      context.confirmationId = split.confirmationId();
    }
    byte[] canonical = CanonicalJson.canonicalBytes(context.arguments);
    context.argumentsHmac = "hmac-sha256:" + HexFormat.of().formatHex(macs.get().doFinal(canonical));
    if (canonical.length > MAX_ARGUMENT_BYTES) {
      return "the arguments are larger than " + MAX_ARGUMENT_BYTES + " bytes";
    }
    context.argumentsDigest = CanonicalJson.digestBytes(canonical);
    return null;
  }
}
