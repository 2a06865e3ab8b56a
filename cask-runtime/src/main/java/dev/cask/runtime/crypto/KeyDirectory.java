package dev.cask.runtime.crypto;

import dev.cask.runtime.CaskException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where private keys live: {@code ~/.cask/keys/<signer>.pem} by default. The directory is created owner-only (700),
 * key files are created owner-only (600) before a byte is written, and a key that group or others can read is
 * refused (as ssh does). Keys must never enter a repository: any key path inside the project directory is refused.
 */
public final class KeyDirectory {
  public static final String EXTENSION = ".pem";
  private static final Pattern SIGNER_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

  private final Path directory;

  public KeyDirectory(Path directory) {
    this.directory = directory.toAbsolutePath().normalize();
  }

  /** {@code ~/.cask/keys}. */
  public static Path defaultDirectory() {
    return Paths.get(System.getProperty("user.home"), ".cask", "keys");
  }

  public Path path() {
    return directory;
  }

  /** Refuses a key location inside {@code project} (symbolic links resolved). */
  public static void refuseInsideProject(Path key, Path project, String setting) {
    Path real = realish(key);
    Path root = realish(project);
    if (real.startsWith(root)) {
      throw new CaskException(setting, null,
          "points inside the project directory (" + key + "): a private key there can end up in the repository",
          "keep keys under ~/.cask/keys (the default) or another directory outside the project");
    }
  }

  /** Writes a new key file; never overwrites one. */
  public Path write(String signerId, String pem) {
    requireSignerId(signerId);
    Path file = directory.resolve(signerId + EXTENSION);
    try {
      createOwnerOnlyDirectory(directory);
      Files.createFile(file, ownerOnly(OWNER_FILE));
      Files.writeString(file, pem, StandardCharsets.US_ASCII);
      return file;
    } catch (FileAlreadyExistsException e) {
      throw new CaskException(file.toString(), null, "already exists; Cask never overwrites a key",
          "choose another signer id with -Dcask.signer=ID, or move the old key away first");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /**
   * The key to sign with: {@code signer} may be a signer id (its {@code <id>.pem} in this directory) or the path of a
   * PEM file; with no signer, the only key in this directory.
   */
  public Path select(String signer) {
    if (signer != null && !signer.isBlank()) {
      if (signer.contains("/") || signer.contains("\\") || signer.endsWith(EXTENSION)) {
        Path file = Paths.get(signer).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
          throw new CaskException("-Dcask.signer", null, "key file " + file + " does not exist", "give the path of an Ed25519 PEM key");
        }
        return file;
      }
      requireSignerId(signer);
      Path file = directory.resolve(signer + EXTENSION);
      if (!Files.isRegularFile(file)) {
        throw new CaskException("-Dcask.signer", null, "no key " + file + " (keys here: " + names() + ")",
            "create it with mvn cask:keygen -Dcask.signer=" + signer + " or name an existing key");
      }
      return file;
    }
    List<Path> keys = keys();
    if (keys.size() == 1) {
      return keys.get(0);
    }
    throw new CaskException("-Dcask.signer", null,
        keys.isEmpty() ? "no key in " + directory : keys.size() + " keys in " + directory + " " + names() + " and none chosen",
        keys.isEmpty() ? "create one with mvn cask:keygen" : "choose one with -Dcask.signer=ID");
  }

  /** The {@code *.pem} files in this directory, sorted. */
  public List<Path> keys() {
    List<Path> keys = new ArrayList<>();
    if (!Files.isDirectory(directory)) {
      return keys;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + EXTENSION)) {
      files.forEach(file -> {
        if (Files.isRegularFile(file)) {
          keys.add(file);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + directory, e);
    }
    keys.sort(null);
    return keys;
  }

  /** Reads a key file after checking that only its owner can read it. */
  public static String readPrivate(Path file) {
    try {
      if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        for (PosixFilePermission permission : permissions) {
          if (!OWNER_FILE.contains(permission) && permission != PosixFilePermission.OWNER_EXECUTE) {
            throw new CaskException(file.toString(), null,
                "can be read or changed by other users (permissions " + PosixFilePermissions.toString(permissions) + ")",
                "run chmod 600 " + file);
          }
        }
      }
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new CaskException(file.toString(), null, "cannot be read: " + e.getMessage(), "check the key path and its permissions");
    }
  }

  private String names() {
    return keys().stream().map(p -> p.getFileName().toString()).toList().toString();
  }

  private static void requireSignerId(String id) {
    if (!SIGNER_ID.matcher(id).matches()) {
      throw new CaskException("-Dcask.signer", null,
          "'" + id + "' is not a valid signer id (1-64 characters: a-z, 0-9, '.', '_', '-', starting with a letter or digit)",
          "choose an id such as your lower-case user name");
    }
  }

  private static void createOwnerOnlyDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir, ownerOnly(OWNER_DIR));
    }
    if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
      Files.setPosixFilePermissions(dir, OWNER_DIR);
    }
  }

  private static FileAttribute<?>[] ownerOnly(Set<PosixFilePermission> permissions) {
    boolean posix = java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)} : new FileAttribute<?>[0];
  }

  /** The real path of the longest existing ancestor, with the rest appended: symbolic links cannot hide a location. */
  private static Path realish(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    Path existing = absolute;
    while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return absolute;
    }
    try {
      return existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
    } catch (IOException e) {
      return absolute;
    }
  }
}
