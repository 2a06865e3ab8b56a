package dev.cask.runtime.server.audit;

import dev.cask.runtime.CaskException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one-writer lock of an audit log: an exclusive lock on {@code <log>.lock}, held from start-up until the server
 * stops, so that a second server on the same log refuses to start (two writers would interleave records and double
 * every rate limit).
 *
 * <p>Why a file of its own: POSIX record locks, which {@link FileChannel#tryLock()} uses, belong to the process and
 * are released when the process closes <em>any</em> descriptor of the locked file. A lock on the log itself was
 * silently dropped as soon as the server read the log's tail through a second descriptor. Nothing but this class opens
 * the lock file, and it keeps its one descriptor open for the process's life. The file holds the owner's process id,
 * for the message the second server prints.
 */
final class AuditLock implements AutoCloseable {
  /**
   * The lock files this process holds. Checked before the lock file is opened: opening and closing a second
   * descriptor of a held lock file, even only to find it locked, would release the lock this process holds.
   */
  private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;

  private AuditLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /** The lock file of an audit log. */
  static Path fileOf(Path log) {
    return log.resolveSibling(log.getFileName() + ".lock");
  }

  /**
   * Takes the lock of {@code log} for this process.
   *
   * @throws CaskException when another process (or another log in this process) holds it
   */
  static AuditLock acquire(Path log) {
    Path file = canonical(fileOf(log));
    if (!HELD.add(file)) {
      throw inUse(log, null);
    }
    try {
      return lock(log, file);
    } catch (RuntimeException e) {
      HELD.remove(file);
      throw e;
    }
  }

  private static AuditLock lock(Path log, Path file) {
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new CaskException(file.toString(), null, "cannot open the audit log's lock file: " + e.getMessage(),
          "make the audit log's directory writable for the server's user, or choose another path with --audit-log");
    }
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException | IOException e) {
      close(channel);
      throw new CaskException(file.toString(), null, "cannot lock the audit log: " + e.getMessage(),
          "use a local file system that supports file locks for --audit-log");
    }
    if (lock == null) {
      close(channel);
      throw inUse(log, file); // another process holds it: this one holds no descriptor of the file now
    }
    try {
      byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(pid), 0);
    } catch (IOException e) {
      // the process id is only for the message another server prints; the lock itself holds
    }
    return new AuditLock(file, channel, lock);
  }

  /** The path with its directory's symbolic links resolved, so that two spellings of one log share one entry. */
  private static Path canonical(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    try {
      return absolute.getParent().toRealPath().resolve(absolute.getFileName());
    } catch (IOException e) {
      return absolute;
    }
  }

  /** @param file the lock file to read the owner's process id from, or null when the owner is this process */
  private static CaskException inUse(Path log, Path file) {
    String owner = file == null ? " (in this process)" : ownerOf(file);
    return new CaskException(log.toString(), null, "the audit log is in use by another Cask server" + owner,
        "stop the other server, or give this one its own --audit-log (two servers on one log would interleave their"
            + " records and each keep its own rate limits)");
  }

  private static String ownerOf(Path file) {
    try {
      String pid = Files.readString(file, StandardCharsets.US_ASCII).strip();
      return pid.matches("[0-9]{1,10}") ? " (process " + pid + ")" : "";
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException e) {
      // closing the channel releases it too
    }
    close(channel);
    HELD.remove(file);
  }

  private static void close(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // nothing left to do
    }
  }
}
