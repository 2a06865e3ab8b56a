package dev.cask.maven.compile;

import dev.cask.runtime.model.capture.Capture;
import dev.cask.runtime.model.policy.Policy;
import dev.cask.runtime.model.toolpack.ToolSet;
import dev.cask.runtime.model.toolpack.ToolpackManifest;
import dev.cask.runtime.model.toolpack.Toolsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A compiled toolpack: its model and the exact bytes of its files, computed before anything is written so that a
 * failed compile writes nothing.
 *
 * @param manifest {@code toolpack.yaml}
 * @param tools {@code tools.json}
 * @param policy {@code policy.yaml}
 * @param capture {@code capture.json}
 * @param toolsets {@code toolsets.yaml}
 * @param files file name → bytes, in write order (the manifest, which lists the others' digests, last)
 */
public record CompiledToolpack(
    ToolpackManifest manifest, ToolSet tools, Policy policy, Capture capture, Toolsets toolsets,
    Map<String, byte[]> files) {
  public static final String MANIFEST = "toolpack.yaml";
  public static final String TOOLS = "tools.json";
  public static final String POLICY = "policy.yaml";
  public static final String CAPTURE = "capture.json";
  public static final String TOOLSETS = "toolsets.yaml";

  public CompiledToolpack {
    files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
  }
}
