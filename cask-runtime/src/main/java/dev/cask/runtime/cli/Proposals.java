package dev.cask.runtime.cli;

import dev.cask.runtime.propose.ProposalStore;
import dev.cask.runtime.propose.ProposeTool;
import dev.cask.runtime.redact.Redactor;
import dev.cask.runtime.server.GovernedServer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** {@code serve --proposals}: the server with {@code cask_propose}, its drafts kept beside the audit log. */
final class Proposals {
  private Proposals() {}

  static GovernedServer offer(GovernedServer server, Path auditLog) {
    ProposalStore store = ProposalStore.forAuditLog(auditLog, Clock.systemUTC());
    return server.withMetaTools(
        List.of(new ProposeTool(store, server.toolpackName(), Redactor.withDefaults())), ProposeTool.DENIAL_HINT);
  }
}
