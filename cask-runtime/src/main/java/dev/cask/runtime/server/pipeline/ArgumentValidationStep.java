package dev.cask.runtime.server.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.json.CanonicalJson;
import dev.cask.runtime.server.spi.ToolCallOutcome;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Step 2: the arguments are a JSON object; reserved {@code _cask_*} members are split off; the rest must validate
 * against the tool's approved input schema (closed: an undeclared argument is an error). Also computes the digest of
 * the canonical arguments (RFC 8785), which confirmations bind to, and its HMAC under the server key, which the audit
 * log records instead of the values.
 */
final class ArgumentValidationStep implements PipelineStep {
  /** The largest canonical arguments accepted. */
  static final int MAX_ARGUMENT_BYTES = 1024 * 1024;
  private static final int MAX_PROBLEMS_SHOWN = 5;

  /** One initialized MAC per calling thread: looking the algorithm up and keying it costs more than the MAC itself. */
  private final ThreadLocal<Mac> macs;

  ArgumentValidationStep(byte[] hmacKey) {
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
  public ToolCallOutcome apply(CallContext context) throws Exception {
    JsonNode raw = context.call.arguments();
    ObjectNode arguments;
    if (raw == null || raw.isNull() || raw.isMissingNode()) {
      arguments = JsonNodeFactory.instance.objectNode();
    } else if (raw instanceof ObjectNode object) {
      arguments = object;
    } else {
      return Outcomes.deny(ReasonCodes.INVALID_ARGUMENTS, "the arguments must be a JSON object");
    }
    ReservedArguments.Split split;
    try {
      split = ReservedArguments.split(arguments);
    } catch (IllegalArgumentException e) {
      return Outcomes.deny(ReasonCodes.INVALID_ARGUMENTS, e.getMessage());
    }
    if (split.confirmationId() != null && context.confirmationId != null
        && !split.confirmationId().equals(context.confirmationId)) {
      return Outcomes.deny(ReasonCodes.INVALID_ARGUMENTS, "two different confirmation ids were given");
    }
    context.arguments = split.arguments();
    context.dryRun |= split.dryRun();
    if (context.confirmationId == null) {
      context.confirmationId = split.confirmationId();
    }
    byte[] canonical = CanonicalJson.canonicalBytes(context.arguments);
    context.argumentsHmac = "hmac-sha256:" + HexFormat.of().formatHex(macs.get().doFinal(canonical));
    if (canonical.length > MAX_ARGUMENT_BYTES) {
      return Outcomes.deny(ReasonCodes.INVALID_ARGUMENTS, "the arguments are larger than " + MAX_ARGUMENT_BYTES + " bytes");
    }
    context.argumentsDigest = CanonicalJson.digestBytes(canonical);
    List<String> problems = context.tool.inputSchema().validate(context.arguments);
    if (!problems.isEmpty()) {
      String shown = String.join("; ", problems.subList(0, Math.min(MAX_PROBLEMS_SHOWN, problems.size())));
      String more = problems.size() > MAX_PROBLEMS_SHOWN ? " (and " + (problems.size() - MAX_PROBLEMS_SHOWN) + " more)" : "";
      return Outcomes.deny(ReasonCodes.INVALID_ARGUMENTS, "the arguments do not match the tool's input schema: " + shown + more);
    }
    return null;
  }
}
