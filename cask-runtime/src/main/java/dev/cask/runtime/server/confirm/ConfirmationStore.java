package dev.cask.runtime.server.confirm;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.json.CaskMappers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Pending confirmations on disk, one JSON file per challenge in a directory beside the audit log, shared by the server
 * and the {@code confirm} command (another process). Every read-modify-write holds an exclusive lock on
 * {@code confirmations/.lock} (and a JVM lock, since file locks are per process); every write goes to a temporary file,
 * is forced to disk and renamed over the old one, so a crash leaves the old or the new state, never half of one. A used
 * challenge is marked used on disk before its call runs, so neither a replay nor a restart can run it twice.
 *
 * <p>Thread-safe.
 */
public final class ConfirmationStore implements Confirmations {
  /** The store's directory name, beside the audit log. */
  public static final String DIRECTORY = "confirmations";
  /** The server key's file name, beside the audit log. */
  public static final String KEY_FILE = "cask-runtime.key";
  /** How long a challenge (and its approval) stays valid unless the server is told otherwise. */
  public static final Duration DEFAULT_TTL = Duration.ofMinutes(10);
  /** The most challenges waiting at once; more are refused so an agent cannot fill the disk. */
  public static final int MAX_PENDING = 10_000;

  private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();
  private final Path directory;
  private final ChallengeRules rules;
  private final Duration ttl;
  private final ReentrantLock jvmLock;

  private ConfirmationStore(Path directory, byte[] masterKey, Clock clock, Duration ttl) {
    this.directory = directory.toAbsolutePath().normalize();
    this.rules = new ChallengeRules(masterKey, clock, ttl);
    this.ttl = ttl;
    this.jvmLock = JVM_LOCKS.computeIfAbsent(this.directory, d -> new ReentrantLock());
    try {
      if (!Files.isDirectory(this.directory)) {
        Path parent = this.directory.getParent();
        Files.createDirectories(parent);
        if (Files.getFileAttributeView(parent, PosixFileAttributeView.class) != null) {
          Files.createDirectories(this.directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
          Files.createDirectories(this.directory);
        }
      }
    } catch (IOException e) {
      throw new CaskException(this.directory.toString(), null, "cannot create the confirmation store: " + e.getMessage(),
          "make the audit log's directory writable for the server's user");
    }
  }

  /**
   * The store beside an audit log ({@code <dir>/confirmations/}, key {@code <dir>/cask-runtime.key}): what both the
   * server and the {@code confirm} command open.
   */
  public static ConfirmationStore forAuditLog(Path auditLog, Clock clock, Duration ttl) {
    Path directory = auditLog.toAbsolutePath().getParent();
    return open(directory.resolve(DIRECTORY), KeyFile.loadOrCreate(directory.resolve(KEY_FILE)), clock, ttl);
  }

  /** The store beside an audit log, with the system clock and the default TTL (for the {@code confirm} command). */
  public static ConfirmationStore forAuditLog(Path auditLog) {
    return forAuditLog(auditLog, Clock.systemUTC(), DEFAULT_TTL);
  }

  public static ConfirmationStore open(Path directory, byte[] masterKey, Clock clock, Duration ttl) {
    return new ConfirmationStore(directory, masterKey, clock, ttl);
  }

  @Override
  public PendingConfirmation issue(String tool, String argumentsDigest, String lockfileDigest, String summary) {
    return locked(() -> {
      Instant now = rules.now();
      int waiting = 0;
      for (PendingConfirmation existing : readAll()) {
        if (ChallengeRules.expired(existing, now)) {
          if (!existing.state().isFinal() || ChallengeRules.expired(existing, now.minus(ttl))) {
            delete(existing.id());
          }
          continue;
        }
        if (existing.state().isFinal()) {
          continue;
        }
        waiting++;
        if (rules.waitsFor(existing, tool, argumentsDigest, lockfileDigest)) {
          return existing;
        }
      }
      if (waiting >= MAX_PENDING) {
        throw new IllegalStateException(MAX_PENDING + " confirmations are already waiting");
      }
      String id;
      do {
        id = ChallengeIds.next();
      } while (Files.exists(file(id)));
      PendingConfirmation created = rules.create(id, tool, argumentsDigest, lockfileDigest, summary);
      write(created);
      return created;
    });
  }

  /**
   * {@inheritDoc} Here the record on disk is marked used (written, forced, renamed) under the store's lock before this
   * method returns.
   */
  @Override
  public RedeemResult redeem(String id, String tool, String argumentsDigest, String lockfileDigest) {
    return change(id, RedeemResult.UNKNOWN, record -> rules.redeem(record, tool, argumentsDigest, lockfileDigest));
  }

  /**
   * A person approves a challenge: through the {@code confirm} command ({@link ApprovalChannel#CLI}) or an accepted
   * MCP elicitation ({@link ApprovalChannel#ELICITATION}). The channel is kept with the approval, under its MAC.
   */
  @Override
  public ApprovalResult approve(String id, ApprovalChannel channel) {
    java.util.Objects.requireNonNull(channel, "channel");
    return change(id, ApprovalResult.UNKNOWN, record -> rules.approve(record, channel));
  }

  /**
   * A person declines a challenge (an MCP elicitation they declined): it is void from now on, so neither a later
   * {@code confirm} nor a call can use it. A "no" wins over an earlier approval that was not used yet; a used challenge
   * stays used.
   */
  @Override
  public ApprovalResult decline(String id) {
    return change(id, ApprovalResult.UNKNOWN, rules::decline);
  }

  /** A change of a stored challenge under the store's lock; ids that are malformed or unknown get {@code unknown}. */
  private <R> R change(String id, R unknown, Function<PendingConfirmation, ChallengeRules.Change<R>> decision) {
    if (!ChallengeIds.isWellFormed(id)) {
      return unknown;
    }
    return locked(() -> {
      PendingConfirmation record = read(id).orElse(null);
      if (record == null) {
        return unknown;
      }
      ChallengeRules.Change<R> change = decision.apply(record);
      if (change.write() != null) {
        write(change.write());
      }
      return change.result();
    });
  }

  /** The challenge as stored (tool, redacted summary, state, expiry), for a person to read before approving. */
  @Override
  public Optional<PendingConfirmation> describe(String id) {
    if (!ChallengeIds.isWellFormed(id)) {
      return Optional.empty();
    }
    return locked(() -> read(id));
  }

  /** Challenges not yet used or declined and not expired, oldest first. */
  public List<PendingConfirmation> pending() {
    return locked(() -> {
      Instant now = rules.now();
      List<PendingConfirmation> result = new ArrayList<>();
      for (PendingConfirmation record : readAll()) {
        if (!record.state().isFinal() && !ChallengeRules.expired(record, now)) {
          result.add(record);
        }
      }
      result.sort(Comparator.comparing(PendingConfirmation::createdAt).thenComparing(PendingConfirmation::id));
      return result;
    });
  }

  public Path directory() {
    return directory;
  }

  public Duration ttl() {
    return ttl;
  }

  private <T> T locked(Supplier<T> action) {
    jvmLock.lock();
    try (FileChannel channel = FileChannel.open(directory.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.lock()) {
      return action.get();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock the confirmation store " + directory, e);
    } finally {
      jvmLock.unlock();
    }
  }

  private Path file(String id) {
    return directory.resolve(id + ".json");
  }

  private Optional<PendingConfirmation> read(String id) {
    try {
      byte[] bytes = Files.readAllBytes(file(id));
      PendingConfirmation record = CaskMappers.json().readValue(bytes, PendingConfirmation.class);
      return record.id().equals(id) ? Optional.of(record) : Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (JsonProcessingException e) {
      return Optional.empty(); // a damaged record cannot be approved or redeemed: it is as good as unknown
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read confirmation " + id, e);
    }
  }

  private List<PendingConfirmation> readAll() {
    List<PendingConfirmation> records = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.json")) {
      for (Path path : files) {
        String name = path.getFileName().toString();
        String id = name.substring(0, name.length() - ".json".length());
        if (ChallengeIds.isWellFormed(id)) {
          read(id).ifPresent(records::add);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the confirmation store " + directory, e);
    }
    return records;
  }

  private void write(PendingConfirmation record) {
    try {
      byte[] bytes = CaskMappers.jsonPretty().writeValueAsBytes(record);
      Path temp = Files.createTempFile(directory, "." + record.id(), ".tmp");
      try {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
          channel.write(ByteBuffer.wrap(bytes));
          channel.force(true);
        }
        try {
          Files.move(temp, file(record.id()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, file(record.id()), StandardCopyOption.REPLACE_EXISTING);
        }
        forceDirectory();
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write confirmation " + record.id(), e);
    }
  }

  /** Makes the rename itself durable (POSIX); silently skipped where directories cannot be opened. */
  private void forceDirectory() {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // not supported on this platform: the rename is still atomic
    }
  }

  private void delete(String id) {
    try {
      Files.deleteIfExists(file(id));
    } catch (IOException e) {
      // purging is housekeeping: an expired record left behind can never be redeemed anyway
    }
  }
}
