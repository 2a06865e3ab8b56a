package dev.cask.runtime.server.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.server.testing.AuditLogs;
import dev.cask.runtime.server.audit.AuditVerification;
import dev.cask.runtime.json.CaskMappers;
import dev.cask.runtime.server.spi.ToolCall;
import dev.cask.runtime.server.spi.ToolCallOutcome;
import dev.cask.runtime.server.testing.ToolFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A started pipeline plus helpers to call it and read its audit log. */
final class PipelineHarness implements AutoCloseable {
  final GovernedPipeline pipeline;
  final Path auditLog;

  PipelineHarness(ApprovedTools approved, PipelineSettings settings) {
    this.pipeline = GovernedPipeline.start(approved, settings);
    this.auditLog = settings.auditLog();
  }

  ToolCallOutcome call(String tool, String arguments) {
    return pipeline.call(new ToolCall("session-1", tool, ToolFixtures.json(arguments), false));
  }

  List<JsonNode> auditRecords() throws IOException {
    List<JsonNode> records = new ArrayList<>();
    for (String line : Files.readAllLines(auditLog)) {
      records.add(CaskMappers.json().readTree(line));
    }
    return records;
  }

  JsonNode lastAudit() throws IOException {
    List<JsonNode> records = auditRecords();
    return records.get(records.size() - 1);
  }

  AuditVerification verifyAudit() {
    return AuditLogs.verify(auditLog);
  }

  @Override
  public void close() {
    pipeline.close();
  }
}
