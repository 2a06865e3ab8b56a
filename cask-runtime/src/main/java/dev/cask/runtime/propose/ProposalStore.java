package dev.cask.runtime.propose;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.json.CaskMappers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The drafts agents proposed, one JSON file each in {@code proposals/} beside the audit log (so {@code serve}, the
 * {@code cask:propose-*} goals, {@code gate-status}, {@code repair} and {@code inspect} find the same ones).
 *
 * <p>Bounded against an agent that proposes without end: at most {@value #MAX_PENDING} drafts wait at once, each file
 * at most {@value #MAX_FILE_BYTES} bytes (fields are bounded by {@link ProposalRequest}); asking for what already waits
 * returns the waiting draft. Files are only ever named by a well-formed id ({@link ProposalIds}), never followed as
 * links, and any file that is not exactly a well-formed proposal is reported and ignored, never shown as a state. Every
 * change holds {@code proposals/.lock} and is written to a temporary file, forced and renamed into place. Thread-safe.
 */
public final class ProposalStore {
  /** The store's directory name, beside the audit log. */
  public static final String DIRECTORY = "proposals";
  /** The most drafts waiting at once. */
  public static final int MAX_PENDING = 100;
  /** The largest proposal file read or written. */
  public static final int MAX_FILE_BYTES = 16 * 1024;

  private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

  private final Path directory;
  private final Clock clock;
  private final ReentrantLock jvmLock;

  private ProposalStore(Path directory, Clock clock) {
    this.directory = directory.toAbsolutePath().normalize();
    this.clock = clock;
    this.jvmLock = JVM_LOCKS.computeIfAbsent(this.directory, d -> new ReentrantLock());
  }

  /** The store beside an audit log ({@code <dir>/proposals/}). Nothing is created until a draft is stored. */
  public static ProposalStore forAuditLog(Path auditLog, Clock clock) {
    return new ProposalStore(auditLog.toAbsolutePath().getParent().resolve(DIRECTORY), clock);
  }

  /** The store in a directory. Nothing is created until a draft is stored. */
  public static ProposalStore at(Path directory, Clock clock) {
    return new ProposalStore(directory, clock);
  }

  /**
   * Where the proposals of a server are: the given store directory, else {@code proposals/} beside the given audit log,
   * else beside {@code serve}'s default audit log for the toolpack.
   */
  public static Path locate(Path proposals, Path auditLog, String toolpack) {
    if (proposals != null) {
      return proposals;
    }
    Path log = auditLog != null ? auditLog : dev.cask.runtime.server.audit.AuditLocation.defaultFor(toolpack);
    return log.toAbsolutePath().getParent().resolve(DIRECTORY);
  }

  public Path directory() {
    return directory;
  }

  /** What {@link #propose} did: the draft, and whether it was new or already waiting. */
  public record Stored(Proposal proposal, boolean created) {}

  /**
   * Stores a draft, or returns the one already waiting for the same thing.
   *
   * @throws IllegalStateException when {@value #MAX_PENDING} drafts are waiting (the message is for the agent)
   */
  public Stored propose(ProposalRequest request, String toolpack, String session) {
    createDirectory();
    return locked(() -> {
      int waiting = 0;
      for (Proposal existing : readAll().proposals()) {
        if (!existing.isPending()) {
          continue;
        }
        waiting++;
        if (key(existing).equals(request.key())) {
          return new Stored(existing, false);
        }
      }
      if (waiting >= MAX_PENDING) {
        throw new IllegalStateException(MAX_PENDING + " proposals are already waiting for a person; ask the operator"
            + " to review them (mvn cask:gate-status lists them) before proposing more");
      }
      String id;
      do {
        id = ProposalIds.next();
      } while (Files.exists(file(id), LinkOption.NOFOLLOW_LINKS));
      Proposal proposal = new Proposal(Proposal.FORMAT_VERSION, id, ProposalState.PENDING.wireName(),
          clock.instant().toString(), toolpack, session == null ? "" : cap(session, 200), request.kind(),
          request.tool(), request.method(), request.url(), request.reason(), null, null);
      write(proposal);
      return new Stored(proposal, true);
    });
  }

  /**
   * A person's decision on a waiting draft: {@code accepted} or {@code rejected}, with a note.
   *
   * @throws CaskException when there is no such draft or it was decided already
   */
  public Proposal decide(String id, ProposalState decision, String note) {
    if (decision == ProposalState.PENDING) {
      throw new IllegalArgumentException("a decision is accepted or rejected");
    }
    find(id);
    return locked(() -> {
      Proposal again = read(id).orElseThrow(() -> unknown(id));
      if (!again.isPending()) {
        throw new CaskException(file(id).toString(), null, "proposal " + id + " is already " + again.state(),
            "list the waiting proposals with mvn cask:gate-status");
      }
      Proposal decided = again.decided(decision, clock.instant().toString(), note == null ? null : cap(note, 1000));
      write(decided);
      return decided;
    });
  }

  /**
   * The proposal with this id.
   *
   * @throws CaskException when the id is malformed, or there is no well-formed proposal with it
   */
  public Proposal find(String id) {
    if (!ProposalIds.isWellFormed(id)) {
      throw new CaskException("-Dcask.proposal", null, "'" + dev.cask.runtime.text.ControlCharacters.escape(id == null ? "" : id, 40)
          + "' is not a proposal id (p and 11 letters or digits)", "copy the id from mvn cask:gate-status");
    }
    return locked(() -> read(id)).orElseThrow(() -> unknown(id));
  }

  /** What the store holds: the proposals, oldest first, and the files it ignored (with why). */
  public record Listing(List<Proposal> proposals, List<String> ignored) {
    public Listing {
      proposals = List.copyOf(proposals);
      ignored = List.copyOf(ignored);
    }

    public List<Proposal> pending() {
      return proposals.stream().filter(Proposal::isPending).toList();
    }
  }

  /** Every proposal (an empty listing when the directory does not exist). */
  public Listing list() {
    if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
      return new Listing(List.of(), List.of());
    }
    return locked(this::readAll);
  }

  private CaskException unknown(String id) {
    return new CaskException(directory.toString(), null, "there is no proposal " + id,
        "list the waiting proposals with mvn cask:gate-status (the server's --audit-log decides where they are kept)");
  }

  private static String key(Proposal proposal) {
    return new ProposalRequest(proposal.kind(), proposal.tool(), proposal.method(), proposal.url(), proposal.reason()).key();
  }

  private static String cap(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max);
  }

  private void createDirectory() {
    try {
      if (Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
        return;
      }
      Path parent = directory.getParent();
      Files.createDirectories(parent);
      if (Files.getFileAttributeView(parent, PosixFileAttributeView.class) != null) {
        Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } else {
        Files.createDirectory(directory);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the proposal store " + directory, e);
    }
  }

  private <T> T locked(Supplier<T> action) {
    jvmLock.lock();
    try (FileChannel channel = FileChannel.open(directory.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.lock()) {
      return action.get();
    } catch (NoSuchFileException e) {
      return action.get(); // no directory yet: nothing to read, and propose creates it under the JVM lock
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock the proposal store " + directory, e);
    } finally {
      jvmLock.unlock();
    }
  }

  private Path file(String id) {
    return directory.resolve(id + ".json");
  }

  /** A proposal file, if it is exactly one: a regular file (not a link), small, well-formed, naming its own id. */
  private Optional<Proposal> read(String id) {
    return parse(file(id), id).proposal();
  }

  private record Parsed(Proposal proposal0, String problem) {
    Optional<Proposal> proposal() {
      return Optional.ofNullable(proposal0);
    }
  }

  private Parsed parse(Path path, String id) {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return new Parsed(null, null);
    }
    if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
      return new Parsed(null, "not a regular file (a link or a directory)");
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS)) {
      bytes = in.readNBytes(MAX_FILE_BYTES + 1);
    } catch (IOException e) {
      return new Parsed(null, "cannot be read: " + e.getMessage());
    }
    if (bytes.length > MAX_FILE_BYTES) {
      return new Parsed(null, "larger than " + MAX_FILE_BYTES + " bytes");
    }
    Proposal proposal;
    try {
      proposal = CaskMappers.json().readValue(bytes, Proposal.class);
    } catch (JsonProcessingException | RuntimeException e) {
      return new Parsed(null, "not a proposal in format version " + Proposal.FORMAT_VERSION);
    } catch (IOException e) {
      return new Parsed(null, "cannot be read: " + e.getMessage());
    }
    if (proposal.formatVersion() != Proposal.FORMAT_VERSION || !id.equals(proposal.id())
        || proposal.stateValue() == null || !wellFormedContent(proposal)) {
      return new Parsed(null, "not a well-formed proposal (format version, id, state or fields)");
    }
    return new Parsed(proposal, null);
  }

  /** The agent's fields as {@link ProposalRequest} allows them, so a hand-made file cannot show anything else. */
  private static boolean wellFormedContent(Proposal p) {
    boolean tool = Proposal.KIND_TOOL.equals(p.kind()) && p.tool() != null && p.tool().matches("[a-z0-9_]{1,64}")
        && p.method() == null && p.url() == null;
    boolean operation = Proposal.KIND_OPERATION.equals(p.kind()) && p.tool() == null && p.method() != null
        && p.method().matches("GET|POST|PUT|PATCH|DELETE") && p.url() != null && p.url().length() <= ProposalRequest.MAX_URL
        && p.url().matches("https?://\\S+");
    return (tool || operation) && p.reason().length() <= 4 * ProposalRequest.MAX_REASON;
  }

  private Listing readAll() {
    List<Proposal> proposals = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
      for (Path path : files) {
        String name = path.getFileName().toString();
        if (name.equals(".lock") || (name.startsWith(".") && name.endsWith(".tmp"))) {
          continue;
        }
        String id = name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : null;
        if (!ProposalIds.isWellFormed(id)) {
          ignored.add(dev.cask.runtime.text.ControlCharacters.escape(name, 80) + ": not named <proposal id>.json");
          continue;
        }
        Parsed parsed = parse(path, id);
        if (parsed.proposal0() != null) {
          proposals.add(parsed.proposal0());
        } else if (parsed.problem() != null) {
          ignored.add(name + ": " + parsed.problem());
        }
      }
    } catch (NoSuchFileException e) {
      return new Listing(List.of(), List.of());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the proposal store " + directory, e);
    }
    proposals.sort(Comparator.comparing(Proposal::createdAt).thenComparing(Proposal::id));
    ignored.sort(Comparator.naturalOrder());
    return new Listing(proposals, ignored);
  }

  private void write(Proposal proposal) {
    try {
      byte[] bytes = CaskMappers.jsonPretty().writeValueAsBytes(proposal);
      if (bytes.length > MAX_FILE_BYTES) {
        throw new IllegalStateException("proposal " + proposal.id() + " would be larger than " + MAX_FILE_BYTES + " bytes");
      }
      Path temp = Files.createTempFile(directory, "." + proposal.id(), ".tmp");
      try {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
          channel.write(ByteBuffer.wrap(bytes));
          channel.force(true);
        }
        try {
          Files.move(temp, file(proposal.id()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, file(proposal.id()), StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write proposal " + proposal.id(), e);
    }
  }
}
