package dev.cask.runtime.server.audit;

import dev.cask.runtime.CaskException;
import dev.cask.runtime.json.CaskMappers;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The hash-chained JSONL audit log ({@link AuditLines} defines a line). One lock orders every append: sequence number,
 * time, previous hash and the {@code write} happen under it, so records are never interleaved or lost and the chain
 * follows the file order. The file is locked for the process (two servers cannot write one chain), reopening continues
 * the chain from the last record, and a log whose last line is incomplete is refused: it needs a person to look
 * ({@code audit verify}). See {@link Durability} for when records reach the disk.
 */
public final class AuditLog implements AutoCloseable {
  private final Path file;
  private final FileChannel channel;
  private final FileLock fileLock;
  private final Durability durability;
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  /** Used under {@link #lock} only. */
  private final java.security.MessageDigest sha256 = AuditLines.sha256();
  /** Used under {@link #lock} only: the line being written. */
  private final AuditLines.LineBuffer line = new AuditLines.LineBuffer();
  private final ScheduledExecutorService syncer;
  private long seq;
  private String prev;
  private boolean dirty;
  /** Set under {@link #lock}; read without it ({@link #healthy} is asked before every call). */
  private volatile AuditUnavailableException failure;

  private AuditLog(Path file, Durability durability, Clock clock) {
    this.file = file.toAbsolutePath();
    this.durability = durability;
    this.clock = clock;
    try {
      Path parent = this.file.getParent();
      Files.createDirectories(parent);
      if (!Files.exists(this.file) && Files.getFileAttributeView(parent, PosixFileAttributeView.class) != null) {
        Files.createFile(this.file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      }
      channel = FileChannel.open(this.file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new CaskException(file.toString(), null, "cannot open the audit log: " + e.getMessage(),
          "make the file and its directory writable for the server's user, or choose another path with --audit-log");
    }
    try {
      fileLock = channel.tryLock();
    } catch (IOException | OverlappingFileLockException e) {
      closeQuietly();
      throw inUse(file);
    }
    if (fileLock == null) {
      closeQuietly();
      throw inUse(file);
    }
    try {
      readTail();
    } catch (RuntimeException e) {
      closeQuietly();
      throw e;
    }
    if (durability == Durability.INTERVAL) {
      syncer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "cask-audit-sync");
        thread.setDaemon(true);
        return thread;
      });
      syncer.scheduleWithFixedDelay(this::syncIfDirty, 1, 1, TimeUnit.SECONDS);
    } else {
      syncer = null;
    }
  }

  /**
   * Opens (or creates) an audit log and continues its chain.
   *
   * @throws CaskException when the file cannot be opened, is used by another process, or ends with an incomplete record
   */
  public static AuditLog open(Path file, Durability durability, Clock clock) {
    return new AuditLog(file, durability, clock);
  }

  /**
   * Appends one record; returns once it is written (and, with {@link Durability#ALWAYS}, forced to disk).
   *
   * @throws AuditUnavailableException when the log cannot be written; every later append fails too
   */
  public void append(AuditEntry entry) {
    byte[] members = AuditLines.members(entry); // the entry's part of the line, written before taking the lock
    lock.lock();
    try {
      if (failure != null) {
        throw failure;
      }
      long next = seq + 1;
      String hash = AuditLines.write(next, clock.instant().toString(), prev, members, sha256, line);
      try {
        ByteBuffer buffer = ByteBuffer.wrap(line.bytes(), 0, line.length());
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        if (durability == Durability.ALWAYS) {
          channel.force(false);
        } else {
          dirty = true;
        }
      } catch (IOException e) {
        failure = new AuditUnavailableException("cannot write the audit log " + file + ": " + e.getMessage(), e);
        throw failure;
      }
      seq = next;
      prev = hash;
    } finally {
      lock.unlock();
    }
  }

  /** Whether appends still work (false after a write failed). */
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

  /** The hash of the last record (the chain's head), for anchoring elsewhere. */
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

  private void syncIfDirty() {
    lock.lock();
    try {
      if (dirty && failure == null) {
        channel.force(false);
        dirty = false;
      }
    } catch (IOException e) {
      failure = new AuditUnavailableException("cannot sync the audit log " + file + ": " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  private void readTail() {
    try (RandomAccessFile reader = new RandomAccessFile(file.toFile(), "r")) {
      long length = reader.length();
      if (length == 0) {
        seq = 0;
        prev = AuditLines.GENESIS;
        return;
      }
      reader.seek(length - 1);
      if (reader.read() != '\n') {
        throw incomplete("the last record is incomplete (no line end)");
      }
      long start = length - 1;
      while (start > 0) {
        reader.seek(start - 1);
        if (reader.read() == '\n') {
          break;
        }
        start--;
      }
      byte[] bytes = new byte[(int) (length - 1 - start)];
      reader.seek(start);
      reader.readFully(bytes);
      String line = new String(bytes, StandardCharsets.US_ASCII);
      String body = AuditLines.body(line);
      if (body == null || !AuditLines.hashOfBody(body).equals(AuditLines.claimedHash(line))) {
        throw incomplete("the last record's hash does not match its content");
      }
      JsonNode record = CaskMappers.json().readTree(body + "}");
      seq = record.path("seq").asLong(-1);
      if (seq < 1) {
        throw incomplete("the last record has no valid sequence number");
      }
      prev = AuditLines.claimedHash(line);
    } catch (IOException e) {
      throw incomplete("the last record cannot be read: " + e.getMessage());
    }
  }

  private CaskException incomplete(String problem) {
    return new CaskException(file.toString(), "last line", problem,
        "run 'audit verify " + file + "' to see what happened, then move the file aside to start a new chain");
  }

  private static CaskException inUse(Path file) {
    return new CaskException(file.toString(), null, "the audit log is in use by another Cask server",
        "stop the other server or give this one its own --audit-log");
  }

  @Override
  public void close() {
    if (syncer != null) {
      syncer.shutdownNow();
    }
    lock.lock();
    try {
      if (channel.isOpen()) {
        try {
          channel.force(false);
        } catch (IOException e) {
          // the records were written; only the final sync failed
        }
      }
      closeQuietly();
    } finally {
      lock.unlock();
    }
  }

  private void closeQuietly() {
    try {
      channel.close(); // releases the file lock too
    } catch (IOException e) {
      // nothing left to do
    }
  }
}
