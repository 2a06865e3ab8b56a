package dev.cask.runtime.verification;

import dev.cask.runtime.CaskException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The bytes of a lockfile or signers file and the name to show for it; a file that does not exist has no bytes.
 * Baselines come from a file or from {@code git show REF:path}: the verifier never needs to know which.
 */
public final class FileSource {
  private final String displayName;
  private final byte[] bytes;

  private FileSource(String displayName, byte[] bytes) {
    this.displayName = Objects.requireNonNull(displayName, "displayName");
    this.bytes = bytes == null ? null : bytes.clone();
  }

  public static FileSource of(String displayName, byte[] bytes) {
    return new FileSource(displayName, Objects.requireNonNull(bytes, "bytes"));
  }

  public static FileSource missing(String displayName) {
    return new FileSource(displayName, null);
  }

  /** Reads a file; a missing file gives a source without bytes. */
  public static FileSource read(Path file, String displayName) {
    try {
      return new FileSource(displayName, Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      return missing(displayName);
    } catch (IOException e) {
      throw new CaskException(displayName, null, "cannot be read: " + e.getMessage(), "check the path and its permissions");
    }
  }

  public String displayName() {
    return displayName;
  }

  public Optional<byte[]> bytes() {
    return Optional.ofNullable(bytes).map(byte[]::clone);
  }

  public boolean exists() {
    return bytes != null;
  }
}
