package dev.cask.runtime.server.confirm;

import dev.cask.runtime.server.confirm.ApprovalChannel;
import java.nio.file.Path;

/** What the CLI's {@code confirm <id>} does, as a separate JVM started by a test: open the store beside the log, approve. */
public final class ApproveInAnotherProcess {
  private ApproveInAnotherProcess() {}

  public static void main(String[] args) {
    ConfirmationStore store = ConfirmationStore.forAuditLog(Path.of(args[0]));
    System.out.println(store.describe(args[1]).map(PendingConfirmation::tool).orElse("?") + " " + store.approve(args[1], ApprovalChannel.CLI));
  }
}
