package dev.cask.runtime.repair;

import dev.cask.runtime.json.CaskFiles;
import dev.cask.runtime.model.policy.Effect;
import dev.cask.runtime.model.policy.Match;
import dev.cask.runtime.model.policy.Policy;
import dev.cask.runtime.model.policy.PolicyRule;
import dev.cask.runtime.policy.PolicyEngine;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A policy change a repair proposes: the toolpack's policy (as compiled) plus one rule for one tool, as a whole
 * {@code policy.yaml} to put in place of {@code src/main/cask/policy.yaml}. The rule grants the least that makes the
 * denied calls possible: {@code allow} for a read tool, {@code confirm} (a person approves each call) for anything else.
 *
 * @param rule the rule added
 * @param yaml the whole new policy file
 */
record PolicyPatch(PolicyRule rule, byte[] yaml) {
  private static final String HEADER = "# Cask policy, prepared by cask repair: the toolpack's policy as compiled plus"
      + " the rule %s.\n# Review it; put it in place of src/main/cask/policy.yaml, recompile, and approve it with\n"
      + "# mvn cask:gate-allow -Dcask.approvePolicy=true. Format: see the site page \"Policy\".\n";

  /**
   * @param priority the new rule's priority: above the rule that denied the calls, so it decides first
   * @param read whether the tool is a read tool ({@code allow}); else {@code confirm}
   */
  static PolicyPatch grant(Policy policy, String tool, int priority, boolean read, String why) {
    Effect effect = read ? Effect.ALLOW : Effect.CONFIRM;
    String id = "repair-" + effect.wireName() + "-" + tool.replace('_', '-');
    List<PolicyRule> rules = new ArrayList<>(policy.rules());
    rules.removeIf(existing -> existing.id().equals(id));
    PolicyRule rule = new PolicyRule(id, priority, effect,
        new Match(List.of(tool), null, null, null, null, null), null, why);
    rules.add(rule);
    Policy patched = new Policy(policy.formatVersion(), policy.defaultEffect(), rules, policy.rateLimits());
    PolicyEngine.compile(patched); // fails here, not in the user's build, if the result were not a valid policy
    byte[] header = String.format(java.util.Locale.ROOT, HEADER, id).getBytes(StandardCharsets.UTF_8);
    byte[] body = CaskFiles.yaml(patched);
    byte[] yaml = new byte[header.length + body.length];
    System.arraycopy(header, 0, yaml, 0, header.length);
    System.arraycopy(body, 0, yaml, header.length, body.length);
    return new PolicyPatch(rule, yaml);
  }

  /** The file name it is prepared under, from the rule id (a tool name is [a-z0-9_]). */
  String fileName() {
    return "policy-" + rule.id() + ".yaml";
  }
}
