package dev.cask.runtime.repair;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.propose.ProposalStore;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything a repair read besides the gate's report.
 *
 * @param auditLog the audit log's path
 * @param auditRecords its records (empty when there is none)
 * @param drift {@code drift.json}, or null
 * @param diff {@code diff.json}, or null
 * @param verify {@code verify.json}, or null
 * @param proposalsDirectory the proposal store's directory
 * @param proposals what it holds
 * @param notes one line per input: read, absent, or why it could not be used
 */
record RepairInputs(
    Path auditLog,
    List<AuditRecord> auditRecords,
    JsonNode drift,
    JsonNode diff,
    JsonNode verify,
    Path proposalsDirectory,
    ProposalStore.Listing proposals,
    List<String> notes) {
  RepairInputs {
    auditRecords = List.copyOf(auditRecords);
    notes = List.copyOf(notes);
  }
}
