package dev.cask.runtime.server.pipeline;

import dev.cask.runtime.json.CanonicalJson;
import dev.cask.runtime.model.policy.Effect;
import dev.cask.runtime.model.policy.Match;
import dev.cask.runtime.model.policy.Policy;
import dev.cask.runtime.model.policy.PolicyRule;
import dev.cask.runtime.model.toolpack.Tool;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Test fixtures for the pipeline: approved tools as verification would hand them over (every tool pinned), simple
 * policies, and a stand-in redactor. Public so that transport tests in this module can build a pipeline too.
 */
public final class TestPipelines {
  private TestPipelines() {}

  /** Every tool approved at its own digest, under a lockfile digest derived from the tool digests. */
  public static ApprovedTools approved(Policy policy, Tool... tools) {
    Map<String, String> pins = Arrays.stream(tools).collect(Collectors.toMap(Tool::name, Tool::digest));
    String lockfile = CanonicalJson.digestBytes(String.join(",", pins.values()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return ApprovedTools.of("test-toolpack", List.of(tools), pins, policy, lockfile);
  }

  /** Allows every call (benchmarks and transport tests, where the policy is not what is tested). */
  public static Policy allowAll() {
    return new Policy(Policy.FORMAT_VERSION, Effect.DENY,
        List.of(new PolicyRule("allow-all", 0, Effect.ALLOW, Match.any(), null, "test: allow everything")), null);
  }

  /**
   * A stand-in for the shared redaction engine in tests: masks JSON string values and named values whose name contains
   * {@code token}, {@code secret}, {@code password} or {@code key}. Not a rule set anyone deploys.
   */
  public static OutputRedactor maskingRedactor() {
    Pattern secretName = Pattern.compile("(?i).*(token|secret|password|key).*");
    Pattern jsonSecret = Pattern.compile("(\"[^\"]*(?i:token|secret|password|key)[^\"]*\"\\s*:\\s*)\"[^\"]*\"");
    return new OutputRedactor() {
      @Override
      public String redactBody(String mediaType, String body) {
        return jsonSecret.matcher(body).replaceAll("$1\"[REDACTED]\"");
      }

      @Override
      public String redactValue(String name, String value) {
        return secretName.matcher(name).matches() ? "[REDACTED]" : value;
      }
    };
  }
}
