package dev.cask.runtime.server.confirm;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.json.CaskMappers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
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
public final class ConfirmationStore {
  /** The store's directory name, beside the audit log. */
  public static final String DIRECTORY = "confirmations";
  /** The server key's file name, beside the audit log. */
  public static final String KEY_FILE = "cask-runtime.key";
  /** How long a challenge (and its approval) stays valid unless the server is told otherwise. */
  public static final Duration DEFAULT_TTL = Duration.ofMinutes(10);
  /** The most challenges waiting at once; more are refused so an agent cannot fill the disk. */
  public static final int MAX_PENDING = 10_000;

  private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String TOKEN_CONTEXT = "cask-confirmation-token-v1";
  private static final String APPROVAL_CONTEXT = "cask-confirmation-approval-v2";

  private final Path directory;
  private final byte[] key;
  private final Clock clock;
  private final Duration ttl;
  private final ReentrantLock jvmLock;

  private ConfirmationStore(Path directory, byte[] masterKey, Clock clock, Duration ttl) {
    this.directory = directory.toAbsolutePath().normalize();
    this.key = KeyFile.derive(masterKey, "confirmation");
    this.clock = clock;
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

  /**
   * A challenge for this call: the one already waiting for the same tool, arguments and lockfile if there is one
   * (an agent that asks twice gets one challenge, not two), else a new one.
   *
   * @throws IllegalStateException when {@link #MAX_PENDING} challenges are waiting
   */
  public PendingConfirmation issue(String tool, String argumentsDigest, String lockfileDigest, String summary) {
    return locked(() -> {
      Instant now = clock.instant();
      int waiting = 0;
      for (PendingConfirmation existing : readAll()) {
        if (expired(existing, now)) {
          if (!existing.state().isFinal() || expired(existing, now.minus(ttl))) {
            delete(existing.id());
          }
          continue;
        }
        if (existing.state().isFinal()) {
          continue;
        }
        waiting++;
        if (existing.tool().equals(tool) && existing.argumentsDigest().equals(argumentsDigest)
            && existing.lockfileDigest().equals(lockfileDigest)) {
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
      byte[] nonceBytes = new byte[16];
      RANDOM.nextBytes(nonceBytes);
      String nonce = HexFormat.of().formatHex(nonceBytes);
      String expiresAt = now.plus(ttl).toString();
      String token = token(tool, argumentsDigest, lockfileDigest, expiresAt, nonce);
      PendingConfirmation created =
          new PendingConfirmation(id, tool, argumentsDigest, lockfileDigest, now.toString(), expiresAt, nonce, token,
              ConfirmationState.PENDING, null, null, null, null, summary);
      write(created);
      return created;
    });
  }

  /**
   * Redeems a challenge for a call: accepted only if a person approved it, it is bound to exactly this tool, arguments
   * and lockfile, it has not expired and was never used. An accepted challenge is marked used (on disk) before this
   * method returns.
   */
  public RedeemResult redeem(String id, String tool, String argumentsDigest, String lockfileDigest) {
    if (!ChallengeIds.isWellFormed(id)) {
      return RedeemResult.UNKNOWN;
    }
    return locked(() -> {
      PendingConfirmation record = read(id).orElse(null);
      if (record == null) {
        return RedeemResult.UNKNOWN;
      }
      String expected = token(tool, argumentsDigest, lockfileDigest, record.expiresAt(), record.nonce());
      if (!constantTimeEquals(expected, record.token())) {
        return RedeemResult.MISMATCH;
      }
      if (record.state() == ConfirmationState.USED) {
        return RedeemResult.REPLAYED;
      }
      if (record.state() == ConfirmationState.DECLINED) {
        return RedeemResult.DECLINED;
      }
      Instant now = clock.instant();
      if (expired(record, now)) {
        return RedeemResult.EXPIRED;
      }
      if (record.state() == ConfirmationState.PENDING) {
        return RedeemResult.PENDING;
      }
      if (record.approval() == null || record.approvedVia() == null
          || !constantTimeEquals(approvalMac(record, record.approvedVia()), record.approval())) {
        return RedeemResult.MISMATCH;
      }
      write(record.used(now.toString()));
      return RedeemResult.ACCEPTED;
    });
  }

  /**
   * A person approves a challenge: through the {@code confirm} command ({@link ApprovalChannel#CLI}) or an accepted
   * MCP elicitation ({@link ApprovalChannel#ELICITATION}). The channel is kept with the approval, under its MAC.
   */
  public ApprovalResult approve(String id, ApprovalChannel channel) {
    java.util.Objects.requireNonNull(channel, "channel");
    return decide(id, record -> {
      if (record.state() == ConfirmationState.USED) {
        return ApprovalResult.ALREADY_USED;
      }
      if (record.state() == ConfirmationState.DECLINED) {
        return ApprovalResult.ALREADY_DECLINED;
      }
      Instant now = clock.instant();
      if (expired(record, now)) {
        return ApprovalResult.EXPIRED;
      }
      if (record.state() == ConfirmationState.APPROVED) {
        return ApprovalResult.ALREADY_APPROVED;
      }
      write(record.approved(now.toString(), approvalMac(record, channel.wireName()), channel));
      return ApprovalResult.APPROVED;
    });
  }

  /**
   * A person declines a challenge (an MCP elicitation they declined): it is void from now on, so neither a later
   * {@code confirm} nor a call can use it. A "no" wins over an earlier approval that was not used yet; a used challenge
   * stays used.
   */
  public ApprovalResult decline(String id) {
    return decide(id, record -> {
      switch (record.state()) {
        case USED:
          return ApprovalResult.ALREADY_USED;
        case DECLINED:
          return ApprovalResult.ALREADY_DECLINED;
        default:
          break;
      }
      Instant now = clock.instant();
      if (expired(record, now)) {
        return ApprovalResult.EXPIRED;
      }
      write(record.declined(now.toString()));
      return ApprovalResult.DECLINED;
    });
  }

  /** A person's decision on a stored challenge, under the store's lock; ids that are malformed or unknown are UNKNOWN. */
  private ApprovalResult decide(String id, Function<PendingConfirmation, ApprovalResult> decision) {
    if (!ChallengeIds.isWellFormed(id)) {
      return ApprovalResult.UNKNOWN;
    }
    return locked(() -> read(id).map(decision).orElse(ApprovalResult.UNKNOWN));
  }

  /** The challenge as stored (tool, redacted summary, state, expiry), for a person to read before approving. */
  public Optional<PendingConfirmation> describe(String id) {
    if (!ChallengeIds.isWellFormed(id)) {
      return Optional.empty();
    }
    return locked(() -> read(id));
  }

  /** Challenges not yet used or declined and not expired, oldest first. */
  public List<PendingConfirmation> pending() {
    return locked(() -> {
      Instant now = clock.instant();
      List<PendingConfirmation> result = new ArrayList<>();
      for (PendingConfirmation record : readAll()) {
        if (!record.state().isFinal() && !expired(record, now)) {
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

  private String token(String tool, String argumentsDigest, String lockfileDigest, String expiresAt, String nonce) {
    String message = String.join("\n", TOKEN_CONTEXT, tool, argumentsDigest, lockfileDigest, expiresAt, nonce);
    return HexFormat.of().formatHex(KeyFile.hmac(key, message.getBytes(StandardCharsets.UTF_8)));
  }

  private String approvalMac(PendingConfirmation record, String channel) {
    String message = String.join("\n", APPROVAL_CONTEXT, record.id(), record.token(), channel);
    return HexFormat.of().formatHex(KeyFile.hmac(key, message.getBytes(StandardCharsets.UTF_8)));
  }

  private static boolean constantTimeEquals(String a, String b) {
    return b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
  }

  private static boolean expired(PendingConfirmation record, Instant now) {
    try {
      return !now.isBefore(Instant.parse(record.expiresAt()));
    } catch (DateTimeParseException e) {
      return true;
    }
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
