package dev.cask.runtime.server.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.crypto.Ed25519Keys;
import dev.cask.runtime.crypto.SigningKey;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The hash-chained JSONL audit log ({@link AuditLines} defines a line) with signed checkpoints ({@link Checkpoint}).
 *
 * <ul>
 *   <li>One lock orders every append: sequence number, time, previous hash and the {@code write} happen under it, so
 *       records are never interleaved or lost and the chain follows the file order.
 *   <li>One writer per log: {@link AuditLock} holds {@code <log>.lock} for the server's life; a second server refuses.
 *   <li>Opening checks the log against its checkpoint and the records after it ({@link AuditRecovery}) and refuses a
 *       broken one; after a run that did not end cleanly it writes a {@value AuditEntry#RESTART} record and an
 *       {@value AuditEntry#OUTCOME_UNKNOWN} record for each intent left without outcome, and reports them.
 *   <li>A checkpoint signed with the server's checkpoint key is written once a second while records arrive (after the
 *       log is forced to disk, so it never covers a record the disk does not hold) and a final one at {@link #close}.
 * </ul>
 *
 * Records are written with {@link FileOutputStream}, whose writes a thread interrupt cannot abort (an interrupted
 * {@link java.nio.channels.FileChannel} closes itself, which would stop every later record). See {@link Durability}
 * for when records reach the disk.
 */
public final class AuditLog implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(AuditLog.class.getName());

  private final Path file;
  private final Path checkpointFile;
  private final AuditLock writerLock;
  private final FileOutputStream out;
  private final Durability durability;
  private final Clock clock;
  private final SigningKey checkpointKey;
  private final AuditListener listener;
  private final ReentrantLock lock = new ReentrantLock();
  /** Used under {@link #lock} only. */
  private final java.security.MessageDigest sha256 = AuditLines.sha256();
  /** Used under {@link #lock} only: the line being written. */
  private final AuditLines.LineBuffer line = new AuditLines.LineBuffer();
  /** Under {@link #lock}: intents without an outcome record, sequence number to the offset of their line. */
  private final Map<Long, Long> open = new LinkedHashMap<>();
  private final List<String> startReport = new ArrayList<>();
  private final ScheduledExecutorService checkpointer;
  private long seq;
  private String prev;
  private long size;
  private boolean closed;
  /** The records the last written checkpoint covers; written by the checkpointing thread (or close) only. */
  private volatile long checkpointed = -1;
  /** Set under {@link #lock}; read without it ({@link #healthy} is asked before every call). */
  private volatile AuditUnavailableException failure;

  private AuditLog(Path file, Durability durability, Clock clock, SigningKey checkpointKey, String lockfileDigest,
      AuditListener listener) {
    this.file = file.toAbsolutePath();
    this.checkpointFile = Checkpoint.fileOf(this.file);
    this.durability = durability;
    this.clock = clock;
    this.checkpointKey = checkpointKey;
    this.listener = java.util.Objects.requireNonNull(listener, "listener");
    try {
      Files.createDirectories(this.file.getParent());
    } catch (IOException e) {
      throw cannotOpen(e);
    }
    this.writerLock = AuditLock.acquire(this.file);
    FileOutputStream stream = null;
    try {
      if (!Files.exists(this.file) && Files.exists(checkpointFile)) {
        throw AuditRecovery.refused(this.file, null, "it is missing, but its checkpoint "
            + checkpointFile.getFileName() + " is there");
      }
      stream = openForAppend();
      this.out = stream;
      AuditRecovery recovery = AuditRecovery.of(this.file, Files.size(this.file), checkpointKey.publicKey());
      seq = recovery.records();
      prev = recovery.head();
      size = recovery.bytes();
      for (ChainScan.Intent intent : recovery.open()) {
        open.put(intent.seq(), intent.offset());
      }
      if (recovery.checkpoint() != null) {
        checkpointed = recovery.checkpoint().records();
      }
      if (!recovery.clean()) {
        recover(recovery, lockfileDigest);
        checkpoint(false);
      } else if (recovery.checkpoint() == null) {
        checkpoint(false); // a new log has a checkpoint from the start: a kill before the next one is then visible
      }
      if (failure != null) {
        throw failure;
      }
    } catch (IOException | RuntimeException e) {
      closeQuietly(stream);
      writerLock.close();
      if (e instanceof AuditUnavailableException unwritable) {
        throw new CaskException(this.file.toString(), null, unwritable.getMessage(),
            "make the audit log's directory writable for the server's user, or choose another path with --audit-log");
      }
      throw e instanceof IOException io ? cannotOpen(io) : (RuntimeException) e;
    }
    checkpointer = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "cask-audit-checkpoint");
      thread.setDaemon(true);
      return thread;
    });
    checkpointer.scheduleWithFixedDelay(this::scheduledCheckpoint, 1, 1, TimeUnit.SECONDS);
  }

  /**
   * Opens (or creates) an audit log and continues its chain.
   *
   * @param checkpointKey the key that signs checkpoints (derived from the server key)
   * @param lockfileDigest the lockfile the server runs, for the record of a restart
   * @throws CaskException when the file cannot be opened, is used by another server, disagrees with its checkpoint,
   *     or holds a broken record after it
   */
  public static AuditLog open(
      Path file, Durability durability, Clock clock, SigningKey checkpointKey, String lockfileDigest) {
    return new AuditLog(file, durability, clock, checkpointKey, lockfileDigest, AuditListener.NONE);
  }

  /**
   * Opens an audit log as {@link #open(Path, Durability, Clock, SigningKey, String)} does, telling {@code listener}
   * of every record and checkpoint written from now on (an export: it never holds up or decides a call).
   */
  public static AuditLog open(Path file, Durability durability, Clock clock, SigningKey checkpointKey,
      String lockfileDigest, AuditListener listener) {
    return new AuditLog(file, durability, clock, checkpointKey, lockfileDigest, listener);
  }

  private FileOutputStream openForAppend() throws IOException {
    Path parent = file.getParent();
    if (!Files.exists(file) && Files.getFileAttributeView(parent, PosixFileAttributeView.class) != null) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    return new FileOutputStream(file.toFile(), true);
  }

  /** The records a restart writes: what happened, then an unknown outcome for each intent left open. */
  private void recover(AuditRecovery recovery, String lockfileDigest) {
    long covered = recovery.covered();
    String reason = recovery.checkpoint() == null ? "no_checkpoint" : "unclean_stop";
    long restart = append(new AuditEntry("", "", AuditEntry.RESTART, reason, null, null, false, null, null, 0,
        lockfileDigest, List.of(), null, null, null, covered));
    if (recovery.checkpoint() == null) {
      startReport.add("audit log " + file + " has no signed checkpoint: its " + recovery.records() + " records are"
          + " continued as found (recorded as line " + restart + "); audit verify reports them as not proven");
    } else if (recovery.records() > covered) {
      startReport.add("audit log " + file + ": the last run did not stop cleanly: records " + (covered + 1) + " to "
          + recovery.records() + " came after its last checkpoint (" + recovery.checkpoint().time() + ") and are"
          + " continued as found (recorded as line " + restart + ")");
    } else {
      startReport.add("audit log " + file + ": the last run did not stop cleanly; its last checkpoint ("
          + recovery.checkpoint().time() + ") covers every record; recorded as line " + restart);
    }
    for (ChainScan.Intent intent : recovery.open()) {
      JsonNode record = intent.record();
      long unknown = append(new AuditEntry(record.path("session").asText(), record.path("tool").asText(),
          record.path("decision").asText("allow"), AuditEntry.OUTCOME_UNKNOWN, text(record, "rule"),
          text(record, "args"), false, text(record, "challenge"), null, 0, record.path("lockfile").asText(),
          List.of(), text(record, "request"), intent.seq(), text(record, "approvedVia"), null));
      startReport.add("a call of " + AuditChainVerifier.describe(record) + " was being sent at "
          + AuditChainVerifier.time(record.path("time").asText()) + " (line " + intent.seq() + ") and has no outcome: the"
          + " upstream may have served it; recorded as outcome_unknown (line " + unknown + ")");
    }
  }

  private static String text(JsonNode record, String name) {
    JsonNode value = record.get(name);
    return value == null || !value.isTextual() ? null : value.asText();
  }

  /**
   * Appends one record; returns its sequence number once it is written (and, with {@link Durability#ALWAYS}, forced
   * to disk). An intent ({@link AuditEntry#isIntent}) is open until a record names it in {@code intent}.
   *
   * @throws AuditUnavailableException when the log cannot be written; every later append fails too
   */
  public long append(AuditEntry entry) {
    byte[] members = AuditLines.members(entry); // the entry's part of the line, written before taking the lock
    lock.lock();
    try {
      if (failure != null) {
        throw failure;
      }
      if (closed) {
        throw new AuditUnavailableException("the audit log " + file + " is closed (the server is stopping)", null);
      }
      long next = seq + 1;
      String hash = AuditLines.write(next, clock.instant().toString(), prev, members, sha256, line);
      try {
        out.write(line.bytes(), 0, line.length());
        if (durability == Durability.ALWAYS) {
          out.getFD().sync();
        }
      } catch (IOException e) {
        failure = new AuditUnavailableException("cannot write the audit log " + file + ": " + e.getMessage(), e);
        throw failure;
      }
      if (entry.isIntent()) {
        open.put(next, size);
      } else if (entry.intent() != null) {
        open.remove(entry.intent());
      }
      seq = next;
      prev = hash;
      size += line.length();
      if (listener != AuditListener.NONE) {
        tell(() -> listener.recorded(entry, next, hash,
            new String(line.bytes(), 0, line.length() - 1, java.nio.charset.StandardCharsets.US_ASCII)));
      }
      return next;
    } finally {
      lock.unlock();
    }
  }

  /** Whether appends still work (false after a write or a checkpoint failed). */
  public boolean healthy() {
    return failure == null;
  }

  /** Records written so far in the whole file. */
  public long records() {
    lock.lock();
    try {
      return seq;
    } finally {
      lock.unlock();
    }
  }

  /** The hash of the last record (the chain's head). */
  public String head() {
    lock.lock();
    try {
      return prev;
    } finally {
      lock.unlock();
    }
  }

  public Path file() {
    return file;
  }

  /** The checkpoint key's public half, base64 SubjectPublicKeyInfo: what an auditor pins ({@code --trusted-key}). */
  public String checkpointPublicKey() {
    return Ed25519Keys.spkiBase64(checkpointKey.publicKey());
  }

  /** What opening found after a run that did not end cleanly (one line each), or nothing. */
  public List<String> startReport() {
    return List.copyOf(startReport);
  }

  private void scheduledCheckpoint() {
    try {
      checkpoint(false);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "audit checkpoint failed", e);
    }
  }

  /**
   * Signs and writes a checkpoint of what is written so far, after forcing the log to disk. Nothing to do when nothing
   * was written since the last one (unless it is the final one). A failure stops every later append: records that
   * no checkpoint can cover are not written.
   */
  void checkpoint(boolean fin) {
    long records;
    long bytes;
    String head;
    List<Checkpoint.OpenIntent> intents = new ArrayList<>();
    lock.lock();
    try {
      if (failure != null || (!fin && seq == checkpointed)) {
        return;
      }
      records = seq;
      bytes = size;
      head = prev;
      open.forEach((intent, offset) -> intents.add(new Checkpoint.OpenIntent(intent, offset)));
    } finally {
      lock.unlock();
    }
    try {
      out.getFD().sync(); // the records first: a checkpoint never covers a record the disk does not hold
      Checkpoint signed = Checkpoint.sign(checkpointKey, records, bytes, head, intents, clock.instant().toString(), fin);
      signed.writeTo(checkpointFile);
      checkpointed = records;
      if (listener != AuditListener.NONE) {
        tell(() -> listener.checkpointed(signed.line()));
      }
    } catch (IOException | RuntimeException e) {
      lock.lock();
      try {
        failure = new AuditUnavailableException(
            "cannot write the audit checkpoint " + checkpointFile + ": " + e.getMessage(), e);
      } finally {
        lock.unlock();
      }
    }
  }

  /** A listener's failure is logged and otherwise ignored: an export never decides anything about a call. */
  private static void tell(Runnable notification) {
    try {
      notification.run();
    } catch (RuntimeException | LinkageError e) {
      LOG.log(System.Logger.Level.WARNING, "the audit listener failed (the audit log itself is written)", e);
    }
  }

  private CaskException cannotOpen(IOException e) {
    return new CaskException(file.toString(), null, "cannot open the audit log: " + e.getMessage(),
        "make the file and its directory writable for the server's user, or choose another path with --audit-log");
  }

  /** Stops appends, writes the final checkpoint and releases the log. Idempotent. */
  @Override
  public void close() {
    checkpointer.shutdown(); // no interrupt: an interrupted file channel would close itself mid-checkpoint
    try {
      checkpointer.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
    } finally {
      lock.unlock();
    }
    checkpoint(true);
    closeQuietly(out);
    writerLock.close();
  }

  private static void closeQuietly(FileOutputStream stream) {
    if (stream == null) {
      return;
    }
    try {
      stream.close();
    } catch (IOException e) {
      // nothing left to do
    }
  }
}
