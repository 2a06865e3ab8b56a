package dev.cask.runtime.server.testing;

import dev.cask.runtime.server.audit.AuditChainVerifier;
import dev.cask.runtime.server.audit.AuditVerification;
import dev.cask.runtime.server.confirm.ConfirmationStore;
import dev.cask.runtime.server.confirm.KeyFile;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.json.CanonicalJson;
import dev.cask.runtime.json.CaskMappers;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Verifies an audit log as {@code audit verify} does by default: against the checkpoint key of the server key beside it. */
public final class AuditLogs {
  private static final JsonFactory ASCII = JsonFactory.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

  private AuditLogs() {}

  /** The raw checkpoint public key of the server whose key lies beside {@code log}. */
  public static byte[] checkpointKey(Path log) {
    Path key = log.toAbsolutePath().getParent().resolve(ConfirmationStore.KEY_FILE);
    return KeyFile.auditCheckpointKey(KeyFile.load(key)).publicKey();
  }

  public static AuditVerification verify(Path log) {
    return AuditChainVerifier.verify(log, checkpointKey(log));
  }

  /**
   * What anyone who can write a log can do: renumber the records and recompute every hash (SHA-256 over the line
   * before {@code ,"hash":}), so that the chain itself verifies again.
   */
  public static List<String> rebuildChain(List<String> lines) throws IOException {
    List<String> rebuilt = new ArrayList<>();
    String prev = "sha256:" + "0".repeat(64);
    long seq = 0;
    for (String line : lines) {
      ObjectNode record = (ObjectNode) CaskMappers.json().readTree(line);
      record.remove("hash");
      record.put("seq", ++seq);
      record.put("prev", prev);
      StringWriter text = new StringWriter();
      try (JsonGenerator json = ASCII.createGenerator(text)) {
        CaskMappers.json().writeTree(json, record);
      }
      String body = text.toString().substring(0, text.toString().length() - 1);
      prev = "sha256:" + CanonicalJson.sha256Hex(body.getBytes(StandardCharsets.US_ASCII));
      rebuilt.add(body + ",\"hash\":\"" + prev + "\"}");
    }
    return rebuilt;
  }
}
