package dev.cask.runtime.server.clients;

import dev.cask.runtime.model.toolpack.ToolDefinition;

/** What other tests share with {@link ProposeIT}. */
public final class ProposeITSupport {
  private ProposeITSupport() {}

  /** A destructive tool the tests block in the lockfile and leave out of the toolpack. */
  public static ToolDefinition deleteRepo(String baseUrl) {
    return ProposeIT.deleteRepo(baseUrl);
  }
}
