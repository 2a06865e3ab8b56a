package dev.cask.runtime.server.confirm;

import dev.cask.runtime.CaskException;
import dev.cask.runtime.crypto.SigningKey;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server's secret key: 32 random bytes in a file only its owner can read ({@code rw-------}), created on first use
 * and shared by the server and the {@code confirm} command (same user). Purpose keys are derived from it with
 * HMAC-SHA256, so the confirmation tokens, the audit log's argument HMACs and its checkpoint signing key never share a
 * key. A key file that others
 * can read is refused: whoever reads it can forge approvals.
 */
public final class KeyFile {
  static final int KEY_BYTES = 32;
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private KeyFile() {}

  /** Reads the key, creating it (owner-only) when the file does not exist. */
  public static byte[] loadOrCreate(Path file) {
    try {
      return read(file);
    } catch (NoSuchFileException e) {
      create(file);
      try {
        return read(file);
      } catch (IOException again) {
        throw unreadable(file, again);
      }
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  /**
   * Reads an existing key and never creates one (for a reader such as {@code audit verify}, which must not make a new
   * key where the server's is missing).
   *
   * @throws CaskException when the file is missing, unreadable, readable by others or of the wrong size
   */
  public static byte[] load(Path file) {
    try {
      return read(file);
    } catch (NoSuchFileException e) {
      throw new CaskException(file.toString(), null, "there is no server key here",
          "give the path of the server's audit log (its key lies beside it), or its checkpoint key with --trusted-key");
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  /**
   * The Ed25519 key that signs the audit log's checkpoints, derived from the server key: whoever can read the server
   * key can sign checkpoints (and approve confirmations); an auditor needs only its public half.
   */
  public static SigningKey auditCheckpointKey(byte[] master) {
    return SigningKey.fromSeed(derive(master, "audit-checkpoint"));
  }

  /** HMAC-SHA256(master, purpose): an independent key per use. */
  public static byte[] derive(byte[] master, String purpose) {
    return hmac(master, purpose.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] hmac(byte[] key, byte[] message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no HmacSHA256", e);
    }
  }

  private static byte[] read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    if (posix != null) {
      Set<PosixFilePermission> permissions = posix.readAttributes().permissions();
      if (!OWNER_ONLY.containsAll(permissions)) {
        throw new CaskException(file.toString(), null,
            "the server key is accessible to other users (" + PosixFilePermissions.toString(permissions) + ")",
            "run 'chmod 600 " + file + "', or delete it to make a new key (pending confirmations are then void)");
      }
    }
    if (bytes.length != KEY_BYTES) {
      throw new CaskException(file.toString(), null, "the server key has " + bytes.length + " bytes instead of " + KEY_BYTES,
          "delete the file to make a new key (pending confirmations are then void)");
    }
    return bytes;
  }

  private static void create(Path file) {
    byte[] key = new byte[KEY_BYTES];
    new SecureRandom().nextBytes(key);
    try {
      Path directory = file.toAbsolutePath().getParent();
      Files.createDirectories(directory);
      boolean posix = Files.getFileAttributeView(directory, PosixFileAttributeView.class) != null;
      Path temp =
          posix
              ? Files.createTempFile(directory, ".key", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
              : Files.createTempFile(directory, ".key", ".tmp");
      try {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
          channel.write(ByteBuffer.wrap(key));
          channel.force(true);
        }
        try {
          Files.createLink(file, temp); // atomic and never replaces: two processes racing keep one key
        } catch (FileAlreadyExistsException e) {
          // another process created it first: use theirs
        } catch (UnsupportedOperationException | IOException e) {
          if (!Files.exists(file)) {
            Files.move(temp, file);
          }
        }
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new CaskException(file.toString(), null, "cannot create the server key: " + e.getMessage(),
          "make the directory writable for the server's user");
    }
  }

  private static CaskException unreadable(Path file, IOException e) {
    return new CaskException(file.toString(), null, "cannot read the server key: " + e.getMessage(),
        "make it readable for the server's user only (chmod 600)", e);
  }
}
