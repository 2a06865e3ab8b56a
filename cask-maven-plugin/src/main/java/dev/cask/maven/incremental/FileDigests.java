package dev.cask.maven.incremental;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;

/** The SHA-256 of a file's bytes, read as a stream (inputs and outputs can be tens of megabytes). */
final class FileDigests {
  /** What a file that does not exist (or is not a regular file) digests to: never equal to a real digest. */
  static final String ABSENT = "absent";

  private FileDigests() {}

  /** The hex SHA-256 of the file, or {@link #ABSENT}. */
  static String of(Path file) {
    if (!Files.isRegularFile(file)) {
      return ABSENT;
    }
    MessageDigest sha256 = sha256();
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        sha256.update(buffer, 0, n);
      }
    } catch (NoSuchFileException gone) {
      return ABSENT;
    } catch (IOException unreadable) {
      return "unreadable: " + unreadable.getClass().getSimpleName(); // differs from any recorded digest: rebuild
    }
    return HexFormat.of().formatHex(sha256.digest());
  }

  /**
   * What changes whenever a file is replaced or written: size, modification time (to the file system's precision) and
   * file key (device and inode where the platform has them); {@link #ABSENT} for a missing file.
   */
  static String stat(Path file) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      if (!attributes.isRegularFile()) {
        return ABSENT;
      }
      return attributes.size() + " " + attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS) + " " + attributes.fileKey();
    } catch (IOException gone) {
      return ABSENT;
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
