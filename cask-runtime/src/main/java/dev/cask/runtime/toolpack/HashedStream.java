package dev.cask.runtime.toolpack;

import dev.cask.runtime.CaskException;
import dev.cask.runtime.json.CanonicalJson;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A toolpack file as a parser reads it, hashed with SHA-256 exactly as it is read: the parser never sees a byte the
 * digest does not cover, and a file changed while it is read gives a digest no manifest pins. Each chunk is hashed on
 * another thread, in order, while the parser works (at most {@link #MAX_QUEUED} chunks ahead of it), and is garbage
 * once both are done with it, so the file is never held whole: GitHub's 18 MB {@code tools.json}, held as one array through start-up's collections, ended up in the
 * old generation and stayed in the server's memory. The parser may close this stream; {@link #digest} reads whatever
 * the parser left unread (the digest covers the whole file) and closes the file.
 */
final class HashedStream extends InputStream {
  private static final int CHUNK = 64 * 1024;
  /** At most this many chunks wait for their hash (512 KiB). */
  private static final int MAX_QUEUED = 8;
  /** One thread hashes every stream's chunks; each stream's chunks stay in order (they are chained). */
  private static final ExecutorService HASHER = Executors.newSingleThreadExecutor(task -> {
    Thread thread = new Thread(task, "cask-file-hash");
    thread.setDaemon(true);
    return thread;
  });

  private final InputStream file;
  private final String display;
  private final String fix;
  private final long maxBytes;
  private final MessageDigest sha256 = CanonicalJson.newSha256();
  private CompletableFuture<Void> hashed = CompletableFuture.completedFuture(null);
  private byte[] chunk = new byte[0];
  private int position;
  private int limit;
  private long total;
  private boolean ended;
  private boolean tooLarge;
  private int queued;

  HashedStream(InputStream file, String display, String fix, long maxBytes) {
    this.file = file;
    this.display = display;
    this.fix = fix;
    this.maxBytes = maxBytes;
  }

  @Override
  public int read() throws IOException {
    return more() ? chunk[position++] & 0xff : -1;
  }

  @Override
  public int read(byte[] bytes, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    if (length == 0) {
      return 0;
    }
    if (!more()) {
      return -1;
    }
    int n = Math.min(length, limit - position);
    System.arraycopy(chunk, position, bytes, offset, n);
    position += n;
    return n;
  }

  /** The parser's close: the file stays open until {@link #digest}. */
  @Override
  public void close() {
    // nothing: digest() reads the rest and closes the file
  }

  /** Closes the file, whether or not it was read and digested (closing twice does nothing). */
  void release() {
    try {
      file.close();
    } catch (IOException e) {
      // nothing left to read from it
    }
  }

  /**
   * Reads what the parser left, waits for the last chunk's hash and closes the file.
   *
   * @return {@code sha256:<hex>} of the file's bytes
   * @throws CaskException when the file grew beyond the limit while it was read (nothing beyond it was read)
   */
  String digest() throws IOException {
    try {
      while (more()) {
        position = limit;
      }
    } finally {
      file.close();
    }
    if (tooLarge) {
      throw ToolpackSource.tooLarge(display, fix, maxBytes);
    }
    hashed.join();
    return CanonicalJson.SHA256_PREFIX + HexFormat.of().formatHex(sha256.digest());
  }

  /** Whether an unread byte is there, reading the next chunk when the current one is used up. */
  private boolean more() throws IOException {
    while (position == limit && !ended) {
      byte[] next = new byte[CHUNK];
      int n = file.read(next, 0, CHUNK);
      if (n < 0) {
        ended = true;
      } else if (n > 0) {
        total += n;
        if (total > maxBytes) {
          ended = true;
          tooLarge = true;
        } else {
          if (++queued > MAX_QUEUED) {
            // the parser is ahead of the hash: wait, so that chunks die young instead of piling up (and surviving
            // collections into the old generation, where they stay until a full one)
            hashed.join();
            queued = 1;
          }
          hashed = hashed.thenRunAsync(() -> sha256.update(next, 0, n), HASHER);
          chunk = next;
          position = 0;
          limit = n;
        }
      }
    }
    return position < limit;
  }
}
