package dev.cask.runtime.toolpack;

import dev.cask.runtime.model.OperationKey;
import dev.cask.runtime.model.capture.Capture;
import dev.cask.runtime.model.policy.Policy;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.model.toolpack.ToolSet;
import dev.cask.runtime.model.toolpack.ToolpackManifest;
import dev.cask.runtime.model.toolpack.Toolsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A toolpack read by {@link ToolpackLoader}: every file matched the manifest's digest and every tool's digest was
 * recomputed from its definition. Integrity only: whether anything is <em>approved</em> is the verifier's business.
 *
 * @param source where it was read from, as given (or the label it was given under)
 * @param manifest {@code toolpack.yaml}
 * @param tools {@code tools.json}
 * @param policy {@code policy.yaml}, parsed
 * @param policyDigest {@code sha256:} of the canonical JSON of {@link #policy()} (what the lockfile pins)
 * @param byOperation operation identity → tool, in operation order (computed once: every check walks it)
 * @param capture {@code capture.json}, parsed only when asked for ({@link ToolpackLoader#loadWithCapture}: diff and
 *     drift) and the toolpack has one; otherwise null
 * @param toolsets {@code toolsets.yaml}, parsed, or null when the toolpack has none (compiled before toolsets existed)
 * @param toolsetsDigest {@code sha256:} of the canonical JSON of {@link #toolsets()} (what the lockfile pins with the
 *     policy), or null
 */
public record LoadedToolpack(
    String source, ToolpackManifest manifest, ToolSet tools, Policy policy, String policyDigest,
    Map<OperationKey, Tool> byOperation, Capture capture, Toolsets toolsets, String toolsetsDigest) {
  public LoadedToolpack {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(tools, "tools");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(policyDigest, "policyDigest");
    Objects.requireNonNull(byOperation, "byOperation");
    if (byOperation.size() != tools.tools().size()) {
      throw new IllegalArgumentException("every tool needs its own operation");
    }
    // Sorted by id, each id computed once (OperationKey compares by id, which it derives on every call).
    TreeMap<String, Map.Entry<OperationKey, Tool>> byId = new TreeMap<>();
    byOperation.entrySet().forEach(entry -> byId.put(entry.getKey().id(), entry));
    Map<OperationKey, Tool> sorted = new LinkedHashMap<>();
    byId.values().forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
    byOperation = Collections.unmodifiableMap(sorted);
    if ((toolsets == null) != (toolsetsDigest == null)) {
      throw new IllegalArgumentException("toolsets and their digest come together");
    }
  }

  /** A toolpack without toolsets. */
  public LoadedToolpack(
      String source, ToolpackManifest manifest, ToolSet tools, Policy policy, String policyDigest,
      Map<OperationKey, Tool> byOperation, Capture capture) {
    this(source, manifest, tools, policy, policyDigest, byOperation, capture, null, null);
  }

  /** Computes the operation of every tool (the loader passes the map it built while checking uniqueness). */
  public LoadedToolpack(String source, ToolpackManifest manifest, ToolSet tools, Policy policy, String policyDigest) {
    this(source, manifest, tools, policy, policyDigest, operations(tools), null);
  }

  private static Map<OperationKey, Tool> operations(ToolSet tools) {
    Map<OperationKey, Tool> map = new LinkedHashMap<>();
    tools.tools().forEach(tool -> map.put(tool.definition().operation(), tool));
    return map;
  }

  public String name() {
    return manifest.name();
  }

  public Optional<Tool> tool(String name) {
    return tools.tools().stream().filter(t -> t.name().equals(name)).findFirst();
  }
}
