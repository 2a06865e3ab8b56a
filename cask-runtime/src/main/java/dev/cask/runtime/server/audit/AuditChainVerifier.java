package dev.cask.runtime.server.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.crypto.Ed25519Keys;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks an audit log ({@code java -jar cask-runtime.jar audit verify FILE}) against its hash chain and against its
 * signed checkpoint ({@code FILE.checkpoint}, see {@link Checkpoint}):
 *
 * <ul>
 *   <li>every line is a complete, pure-ASCII record whose hash matches its content, whose {@code prev} is the previous
 *       record's hash and whose {@code seq} follows; the first broken record is reported;
 *   <li>the checkpoint is signed by the trusted key, and the log holds at least the records it covers, ending at its
 *       head at its byte offset — so a chain rebuilt after deleting or changing records, a log cut short, emptied or
 *       missing, is reported as broken;
 *   <li>records after the checkpoint, records a restart adopted after an unclean stop, a checkpoint not written at
 *       shutdown, and calls sent without an outcome make the result {@code INCOMPLETE}, each named.
 * </ul>
 *
 * Streams the file: memory does not grow with its size.
 */
public final class AuditChainVerifier {
  private AuditChainVerifier() {}

  /** The checkpoint file of a log ({@code FILE.checkpoint}). */
  public static Path checkpointOf(Path log) {
    return Checkpoint.fileOf(log);
  }

  /**
   * @param log the audit log
   * @param trustedKey the raw Ed25519 public key the checkpoint must be signed by (see {@link AuditKeys})
   * @throws UncheckedIOException when a file cannot be read
   */
  public static AuditVerification verify(Path log, byte[] trustedKey) {
    try {
      return check(log, trustedKey);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + log, e);
    }
  }

  private static AuditVerification check(Path log, byte[] trustedKey) throws IOException {
    Checkpoint checkpoint;
    try {
      Optional<Checkpoint> read = Checkpoint.read(Checkpoint.fileOf(log));
      checkpoint = read.orElse(null);
    } catch (IllegalArgumentException e) {
      return broken(0, AuditLines.GENESIS, 0,
          "the checkpoint " + Checkpoint.fileOf(log) + " is damaged: " + e.getMessage());
    }
    if (checkpoint != null && !checkpoint.signedBy(trustedKey)) {
      return broken(0, AuditLines.GENESIS, 0, "the checkpoint " + Checkpoint.fileOf(log)
          + " is not signed by the trusted key " + Ed25519Keys.keyId(trustedKey) + " (it names " + checkpoint.keyId()
          + "): it was forged, or the server key changed");
    }
    ChainScan scan = new ChainScan(0, AuditLines.GENESIS, 0, checkpoint == null ? -1 : checkpoint.records());
    try (InputStream in = new BufferedInputStream(Files.newInputStream(log), 64 * 1024)) {
      if (!scan.scan(in)) {
        return broken(scan.records(), scan.head(), scan.brokenLine(), scan.problem());
      }
    } catch (NoSuchFileException e) {
      if (checkpoint == null) {
        throw e;
      }
      return broken(0, AuditLines.GENESIS, 0, "the audit log is missing, but its signed checkpoint of "
          + checkpoint.time() + " covers " + checkpoint.records() + " records");
    }
    List<String> findings = new ArrayList<>();
    boolean complete = true;
    if (checkpoint != null) {
      if (scan.records() < checkpoint.records()) {
        return broken(scan.records(), scan.head(), 0, (scan.records() == 0 ? "the audit log is empty" : "the audit log"
            + " ends after " + scan.records() + " records") + ", but its signed checkpoint of " + checkpoint.time()
            + " covers " + checkpoint.records() + ": records were cut off or removed");
      }
      if (!checkpoint.head().equals(scan.markHead()) || checkpoint.bytes() != scan.markOffset()) {
        return broken(scan.records(), scan.head(), 0, "records 1 to " + checkpoint.records() + " are not the ones the"
            + " signed checkpoint of " + checkpoint.time() + " covers (its head " + checkpoint.head() + " at byte "
            + checkpoint.bytes() + "): the chain was rebuilt, or records were changed, removed or reordered");
      }
      long tail = scan.records() - checkpoint.records();
      if (tail > 0) {
        complete = false;
        findings.add("records " + (checkpoint.records() + 1) + " to " + scan.records() + " are not covered by a"
            + " checkpoint: the last one (" + checkpoint.time() + ") covers " + checkpoint.records() + " records. The"
            + " server may still be running (it signs one a second), or it stopped without its final checkpoint;"
            + " otherwise they were appended by someone else");
      } else if (!checkpoint.fin()) {
        complete = false;
        findings.add("the last checkpoint (" + checkpoint.time() + ") was not written at shutdown: the server is"
            + " running, or it stopped without its final checkpoint and records written after it may be missing");
      }
      findings.add(0, "checkpoint of " + checkpoint.time() + (checkpoint.fin() ? " (final)" : "") + " signed by "
          + checkpoint.keyId() + " covers " + (checkpoint.records() == 0 ? "no record" : "records 1 to "
          + checkpoint.records()));
    } else if (scan.records() > 0) {
      complete = false;
      findings.add("there is no signed checkpoint (" + Checkpoint.fileOf(log).getFileName() + "): none of the "
          + scan.records() + " records is proven. It was deleted, or the log was written before servers signed"
          + " checkpoints");
    }
    for (ChainScan.Restart restart : scan.restarts()) {
      complete = false;
      findings.add("line " + restart.seq() + " (" + time(restart.time()) + "): the server restarted after an unclean"
          + " stop;" + (restart.seq() - 1 > restart.covered()
              ? " records " + (restart.covered() + 1) + " to " + (restart.seq() - 1) + " had no checkpoint and were"
                  + " adopted as found"
              : " records written after record " + restart.covered() + " may have been lost"));
    }
    if (scan.restartCount() > scan.restarts().size()) {
      findings.add("... and " + (scan.restartCount() - scan.restarts().size()) + " more restarts");
    }
    for (ChainScan.Intent intent : scan.open().values()) {
      complete = false;
      findings.add("line " + intent.seq() + " (" + time(intent.record().path("time").asText()) + "): a call of "
          + describe(intent.record()) + " was being sent to the upstream and has no outcome record: the server is"
          + " still waiting for the answer, or it stopped before one came (the upstream may have served it)");
    }
    for (ChainScan.UnknownOutcome outcome : scan.unknownOutcomes()) {
      findings.add("line " + outcome.seq() + ": the outcome of the call at line " + outcome.intent() + " ("
          + AuditLines.quoted(outcome.tool()) + ") is unknown: the server stopped while it was being sent (the upstream may have"
          + " served it)");
    }
    if (scan.unknownCount() > scan.unknownOutcomes().size()) {
      findings.add("... and " + (scan.unknownCount() - scan.unknownOutcomes().size()) + " more unknown outcomes");
    }
    return new AuditVerification(complete ? AuditVerification.Status.COMPLETE : AuditVerification.Status.INCOMPLETE,
        scan.records(), scan.head(), 0, null, findings);
  }

  /** A record's time as written by a server, or quoted and escaped when it is anything else (it comes from a file). */
  static String time(String text) {
    return text.matches("[0-9T:.Z+-]{1,40}") ? text : AuditLines.quoted(text);
  }

  /** The tool and challenge of an intent, as they stand in the log (quoted and escaped: they come from a file). */
  static String describe(JsonNode intent) {
    JsonNode challenge = intent.path("challenge");
    return AuditLines.quoted(intent.path("tool").asText())
        + (challenge.isTextual() ? " (challenge " + AuditLines.quoted(challenge.asText()) + ")" : "");
  }

  private static AuditVerification broken(long records, String head, long line, String problem) {
    return new AuditVerification(AuditVerification.Status.BROKEN, records, head, line, problem, List.of());
  }
}
