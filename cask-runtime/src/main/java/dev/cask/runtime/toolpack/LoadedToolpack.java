package dev.cask.runtime.toolpack;

import dev.cask.runtime.model.OperationKey;
import dev.cask.runtime.model.policy.Policy;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.model.toolpack.ToolSet;
import dev.cask.runtime.model.toolpack.ToolpackManifest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A toolpack read by {@link ToolpackLoader}: every file matched the manifest's digest and every tool's digest was
 * recomputed from its definition. Integrity only: whether anything is <em>approved</em> is the verifier's business.
 *
 * @param source where it was read from, as given
 * @param manifest {@code toolpack.yaml}
 * @param tools {@code tools.json}
 * @param policy {@code policy.yaml}, parsed
 * @param policyDigest {@code sha256:} of the canonical JSON of {@link #policy()} (what the lockfile pins)
 */
public record LoadedToolpack(String source, ToolpackManifest manifest, ToolSet tools, Policy policy, String policyDigest) {
  public LoadedToolpack {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(tools, "tools");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(policyDigest, "policyDigest");
  }

  public String name() {
    return manifest.name();
  }

  /** Operation identity → tool, in operation order. */
  public Map<OperationKey, Tool> byOperation() {
    Map<OperationKey, Tool> map = new LinkedHashMap<>();
    tools.tools().stream()
        .sorted(java.util.Comparator.comparing(t -> t.definition().operation()))
        .forEach(tool -> map.put(tool.definition().operation(), tool));
    return Collections.unmodifiableMap(map);
  }

  public Optional<Tool> tool(String name) {
    return tools.tools().stream().filter(t -> t.name().equals(name)).findFirst();
  }
}
