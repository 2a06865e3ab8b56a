package dev.cask.runtime.toolpack;

import dev.cask.runtime.json.CanonicalJson;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.model.toolpack.ToolSet;
import java.util.List;

/**
 * The rule that a tool's recorded digest is the digest of its canonical definition. The server's start-up and the
 * build's toolpack readers (diff, drift) both check it here.
 */
public final class ToolDigests {
  private ToolDigests() {}

  /** Names of the tools whose digest does not match their definition, in toolpack order (computed on all cores). */
  public static List<String> mismatched(ToolSet tools) {
    return tools.tools().parallelStream()
        .filter(tool -> !CanonicalJson.digest(tool.definition()).equals(tool.digest()))
        .map(Tool::name)
        .toList();
  }
}
