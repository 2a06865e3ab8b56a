package dev.cask.runtime.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.policy.PolicyEngine;
import dev.cask.runtime.server.spi.Decision;
import dev.cask.runtime.server.spi.ToolCall;
import dev.cask.runtime.server.spi.ToolCallOutcome;
import dev.cask.runtime.server.testing.ToolFixtures;
import dev.cask.runtime.server.upstream.RequestTemplate;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IntegrityStepTest {
  private static ServedTool served(Tool tool, String pinned) {
    return new ServedTool(tool, pinned, PolicyEngine.compile(null).forTool(tool.definition()),
        RequestTemplate.compile(tool.definition(), Set.of(), Set.of()), null);
  }

  @Test
  void aToolWhoseDigestNoLongerEqualsItsPinIsDenied() {
    Tool tool = ToolFixtures.tool("get_item").build();
    IntegrityStep step = new IntegrityStep(Map.of("get_item", served(tool, "sha256:" + "f".repeat(64))));
    ToolCallOutcome outcome = step.apply(new CallContext(new ToolCall("s", "get_item", null, false), 0));
    assertThat(outcome.decision()).isEqualTo(Decision.DENY);
    assertThat(outcome.reasonCode()).isEqualTo("integrity_mismatch");
  }

  @Test
  void aPinnedToolPassesAndAnUnknownOneIsDenied() {
    Tool tool = ToolFixtures.tool("get_item").build();
    IntegrityStep step = new IntegrityStep(Map.of("get_item", served(tool, tool.digest())));
    CallContext context = new CallContext(new ToolCall("s", "get_item", null, false), 0);
    assertThat(step.apply(context)).isNull();
    assertThat(context.tool.definition.name()).isEqualTo("get_item");
    ToolCallOutcome unknown = step.apply(new CallContext(new ToolCall("s", "get_item\u0000\n", null, false), 0));
    assertThat(unknown.reasonCode()).isEqualTo("unknown_tool");
    assertThat(unknown.text()).contains("\\u0000\\u000a");
    // A look-alike of an approved name is shown as what it is.
    ToolCallOutcome lookAlike = step.apply(new CallContext(new ToolCall("s", "get_\u0456tem", null, false), 0));
    assertThat(lookAlike.text()).contains("'get_\\u0456tem'");
  }

  @Test
  void approvedToolsRefuseUnpinnedOrAlteredTools() {
    Tool tool = ToolFixtures.tool("get_item").build();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ApprovedTools.of("tp", java.util.List.of(tool), Map.of(), null, "sha256:x"))
        .hasMessageContaining("not approved");
    Tool altered = new Tool(tool.digest(), ToolFixtures.tool("get_item").path("/admin").definition(), null);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ApprovedTools.of("tp", java.util.List.of(altered), Map.of("get_item", tool.digest()), null, "sha256:x"))
        .hasMessageContaining("pinned digest");
  }
}
