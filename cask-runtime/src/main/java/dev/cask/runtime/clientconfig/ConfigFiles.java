package dev.cask.runtime.clientconfig;

import dev.cask.runtime.CaskException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and writes a client's configuration file: UTF-8 only, at most {@value #MAX_BYTES} bytes, written whole
 * (temporary file and atomic rename) with the old file's permissions, after a copy of the old file to {@code FILE.bak}.
 */
final class ConfigFiles {
  static final int MAX_BYTES = 4 << 20;

  private ConfigFiles() {}

  /** The file's text, or empty when it does not exist. */
  static Optional<String> read(Path file) {
    try {
      if (Files.isDirectory(file)) {
        throw new CaskException(file.toString(), null, "is a directory", "give the configuration file's path");
      }
      if (Files.exists(file) && Files.size(file) > MAX_BYTES) {
        throw new CaskException(file.toString(), null, "is larger than " + MAX_BYTES + " bytes", "check that this is the client's configuration file");
      }
      byte[] bytes = Files.readAllBytes(file);
      return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString());
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (CharacterCodingException e) {
      throw new CaskException(file.toString(), null, "is not UTF-8 text", "check that this is the client's configuration file");
    } catch (IOException e) {
      throw new CaskException(file.toString(), null, "cannot be read: " + e.getMessage(), "check the path and its permissions");
    }
  }

  /** Writes {@code text}; returns the backup made of the previous file, if there was one. */
  static Optional<Path> write(Path file, String text) {
    Path target = file.toAbsolutePath().normalize();
    Path dir = target.getParent();
    try {
      Files.createDirectories(dir);
      Optional<Path> backup = Optional.empty();
      Set<PosixFilePermission> permissions = null;
      boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
      if (Files.exists(target)) {
        Path copy = target.resolveSibling(target.getFileName() + ".bak");
        Files.copy(target, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        backup = Optional.of(copy);
        permissions = posix ? Files.getPosixFilePermissions(target) : null;
      }
      Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
      try {
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        if (permissions != null) {
          Files.setPosixFilePermissions(temp, permissions);
        } else if (posix) {
          Files.setPosixFilePermissions(temp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
        try {
          Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
      return backup;
    } catch (IOException e) {
      throw new CaskException(target.toString(), null, "cannot be written: " + e.getMessage(), "check the directory's permissions");
    }
  }
}
