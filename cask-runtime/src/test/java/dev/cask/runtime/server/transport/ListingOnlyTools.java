package dev.cask.runtime.server.transport;

import dev.cask.runtime.model.toolpack.ToolDefinition;
import dev.cask.runtime.server.spi.GovernedTools;
import dev.cask.runtime.server.spi.ToolCall;
import dev.cask.runtime.server.spi.ToolCallOutcome;
import java.util.List;

/** Tools for tests of listing only: any call fails the test. */
final class ListingOnlyTools implements GovernedTools {
  private final List<ToolDefinition> definitions;

  ListingOnlyTools(List<ToolDefinition> definitions) {
    this.definitions = List.copyOf(definitions);
  }

  @Override
  public List<ToolDefinition> listTools() {
    return definitions;
  }

  @Override
  public ToolCallOutcome call(ToolCall call) {
    throw new AssertionError("a listing test made a call");
  }

  @Override
  public ToolCallOutcome refuse(String sessionId, String tool, String problem) {
    throw new AssertionError("a listing test made a call");
  }
}
