package dev.cask.runtime.toolpack;

import dev.cask.runtime.CaskException;
import dev.cask.runtime.text.ControlCharacters;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The bytes of a toolpack's files, from a directory or a zip, under one set of rules (the only code that opens a
 * toolpack's files; {@link ToolpackLoader} decides what they mean):
 *
 * <ul>
 *   <li>Only the known names are read: {@code toolpack.yaml} and the files it may list. In a directory other files are
 *       ignored (target/cask also holds reports); a zip holds nothing else: no other name, no directory, no path (so
 *       no entry can point outside: no zip-slip), and no name twice.
 *   <li>Regular files only: a symbolic link (in the directory or as a zip entry's Unix mode), a device or a pipe is
 *       refused, so that nothing outside the toolpack is read and {@code /dev/zero} cannot be.
 *   <li>Bounded: each file at most {@link #MAX_FILE_BYTES}, counted while reading (a zip's declared sizes are not
 *       trusted; a declared size that differs from the bytes read is refused), the zip at most four such files.
 *   <li>One view of a zip: every entry's local header names what the central directory names, nothing comes before
 *       the first entry or after the directory (no comment, no prepended data), no encryption, no ZIP64, no multi-disk
 *       archive. Tools that read zips differently (streaming from local headers, or from the directory) therefore
 *       see the same files.
 * </ul>
 */
final class ToolpackSource {
  /** The largest file accepted (GitHub's capture.json is about 40 MiB). */
  static final long MAX_FILE_BYTES = ToolpackFiles.MAX_FILE_BYTES;
  /** The most one read asks of a file's stream. */
  private static final int CHUNK = 64 * 1024;


  /** The names a toolpack may hold. */
  private static final Set<String> KNOWN = Set.of(
      ToolpackFiles.MANIFEST, ToolpackFiles.TOOLS, ToolpackFiles.POLICY, ToolpackFiles.CAPTURE, ToolpackFiles.TOOLSETS);

  /** A toolpack zip's directory holds at most five short entries; read no more than this of it. */
  private static final long MAX_DIRECTORY_BYTES = 1024 * 1024;

  private static final int LOCAL_HEADER = 0x04034b50;
  private static final int CENTRAL_HEADER = 0x02014b50;
  private static final int END_OF_DIRECTORY = 0x06054b50;
  private static final int UNIX = 3;
  private static final int FILE_TYPE_MASK = 0170000;
  private static final int REGULAR_FILE = 0100000;

  private final String label;
  private final String separator;
  private final Path directory;
  private final Map<String, byte[]> entries;
  private final long maxFileBytes;

  private ToolpackSource(String label, String separator, Path directory, Map<String, byte[]> entries, long maxFileBytes) {
    this.label = label;
    this.separator = separator;
    this.directory = directory;
    this.entries = entries;
    this.maxFileBytes = maxFileBytes;
  }

  /**
   * A toolpack directory or zip.
   *
   * @param label how messages name it (a path, or Maven coordinates)
   */
  static ToolpackSource open(Path source, String label, String fix) {
    return open(source, label, fix, MAX_FILE_BYTES);
  }

  /** {@link #open(Path, String, String)} with another bound on each file (tests: a bomb without gigabytes). */
  static ToolpackSource open(Path source, String label, String fix, long maxFileBytes) {
    if (Files.isDirectory(source)) {
      return new ToolpackSource(label, "/", source, null, maxFileBytes);
    }
    if (Files.isRegularFile(source)) {
      return new ToolpackSource(label, "!", null, readZip(source, label, fix, maxFileBytes), maxFileBytes);
    }
    throw new CaskException(label, null, "no toolpack here (neither a directory nor a zip)",
        "run mvn cask:compile first, or point to the toolpack directory or zip");
  }

  /** How messages name one of the toolpack's files. */
  String display(String name) {
    return label + separator + name;
  }

  /** The file's bytes; a missing file is an error naming it. */
  byte[] require(String name, String fix) {
    byte[] bytes = optional(name, fix);
    if (bytes == null) {
      throw new CaskException(display(name), null, directory != null ? "file not found" : "entry not found", fix);
    }
    return bytes;
  }

  /** The file's bytes, or null when the toolpack does not have it. */
  byte[] optional(String name, String fix) {
    if (!KNOWN.contains(name)) {
      throw new IllegalArgumentException("not a toolpack file name: " + name);
    }
    return directory != null ? readFile(directory.resolve(name), display(name), fix, true, maxFileBytes) : entries.get(name);
  }

  /** A zip holds only the manifest and the files it lists (a directory may hold anything else: it is not read). */
  void checkNoOthers(Set<String> listed, String fix) {
    if (entries == null) {
      return;
    }
    for (String name : entries.keySet()) {
      if (!name.equals(ToolpackFiles.MANIFEST) && !listed.contains(name)) {
        throw new CaskException(display(name), null, "is not pinned by the manifest", fix);
      }
    }
  }

  /**
   * One file read under the same rules: a regular file of at most {@link #MAX_FILE_BYTES}.
   *
   * @param inside whether the file is inside a toolpack directory (then a symbolic link is refused; a path the user
   *     gave directly may be one)
   */
  static byte[] readFile(Path file, String display, String fix, boolean inside, long maxFileBytes) {
    try {
      BasicFileAttributes attributes = checkFile(file, display, fix, inside, maxFileBytes);
      try (InputStream in = Files.newInputStream(file, links(inside))) {
        return readLimited(in, display, fix, maxFileBytes, attributes.size());
      }
    } catch (NoSuchFileException e) {
      if (inside) {
        return null;
      }
      throw new CaskException(display, null, "file not found", fix);
    } catch (IOException e) {
      throw new CaskException(display, null, "cannot be read: " + e.getMessage(), fix, e);
    }
  }

  /**
   * One of the toolpack's files as a stream hashed while it is read ({@link HashedStream}), for a file that is parsed
   * or only hashed and need not be held whole; a missing file is an error naming it, as with {@link #require}.
   */
  HashedStream stream(String name, String fix) {
    String display = display(name);
    if (directory == null) {
      byte[] bytes = require(name, fix);
      return new HashedStream(new java.io.ByteArrayInputStream(bytes), display, fix, maxFileBytes);
    }
    Path file = directory.resolve(name);
    try {
      checkFile(file, display, fix, true, maxFileBytes);
      return new HashedStream(Files.newInputStream(file, links(true)), display, fix, maxFileBytes);
    } catch (NoSuchFileException e) {
      throw new CaskException(display, null, "file not found", fix);
    } catch (IOException e) {
      throw new CaskException(display, null, "cannot be read: " + e.getMessage(), fix, e);
    }
  }

  /** The rules every file read meets: a regular file (no link inside a toolpack) of at most the limit. */
  private static BasicFileAttributes checkFile(Path file, String display, String fix, boolean inside, long maxFileBytes)
      throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, links(inside));
    if (attributes.isSymbolicLink()) {
      throw new CaskException(display, null, "is a symbolic link (a toolpack holds regular files only)", fix);
    }
    if (!attributes.isRegularFile()) {
      throw new CaskException(display, null, "is not a regular file", fix);
    }
    if (attributes.size() > maxFileBytes) {
      throw tooLarge(display, fix, maxFileBytes);
    }
    return attributes;
  }

  private static LinkOption[] links(boolean inside) {
    return inside ? new LinkOption[] {LinkOption.NOFOLLOW_LINKS} : new LinkOption[0];
  }

  private static Map<String, byte[]> readZip(Path zip, String label, String fix, long maxFileBytes) {
    List<String> names = checkStructure(zip, label, fix, maxFileBytes);
    Map<String, byte[]> contents = new LinkedHashMap<>();
    try (ZipFile file = new ZipFile(zip.toFile())) {
      Enumeration<? extends ZipEntry> all = file.entries();
      int index = 0;
      while (all.hasMoreElements()) {
        ZipEntry entry = all.nextElement();
        if (index >= names.size() || !entry.getName().equals(names.get(index))) {
          throw new CaskException(label, "entry " + index, "the zip's directory cannot be read consistently", fix);
        }
        index++;
        String display = label + "!" + entry.getName();
        try (InputStream in = file.getInputStream(entry)) {
          // the directory's size is the zip author's claim: not a reason to allocate it before any byte arrives
          byte[] bytes = readLimited(in, display, fix, maxFileBytes, -1);
          if (bytes.length != entry.getSize()) {
            throw new CaskException(display, null, "holds " + bytes.length + " bytes but the zip's directory declares "
                + entry.getSize(), fix);
          }
          contents.put(entry.getName(), bytes);
        }
      }
      if (index != names.size()) {
        throw new CaskException(label, null, "the zip's directory cannot be read consistently", fix);
      }
    } catch (ZipException e) {
      throw new CaskException(label, null, "is not a readable zip: " + e.getMessage(), fix);
    } catch (IOException e) {
      throw new CaskException(label, null, "cannot be read: " + e.getMessage(), fix, e);
    }
    return contents;
  }

  /**
   * Reads the central directory and every local header (nothing is inflated here) and applies the rules on names,
   * duplicates, file types, encryption and layout; returns the entry names in directory order.
   */
  private static List<String> checkStructure(Path zip, String label, String fix, long maxFileBytes) {
    try (FileChannel channel = FileChannel.open(zip, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size > 4 * maxFileBytes + 1024 * 1024) {
        throw new CaskException(label, null, "is larger than " + (4 * maxFileBytes + 1024 * 1024) + " bytes", fix);
      }
      if (size < 22) {
        throw notAToolpackZip(label, "it is too short to be a zip", fix);
      }
      ByteBuffer end = read(channel, size - 22, 22);
      if (end.getInt(0) != END_OF_DIRECTORY || (end.getShort(20) & 0xffff) != 0) {
        throw notAToolpackZip(label, "it does not end with a zip directory (a zip comment or trailing data?)", fix);
      }
      int disk = end.getShort(4) & 0xffff;
      int directoryDisk = end.getShort(6) & 0xffff;
      int onDisk = end.getShort(8) & 0xffff;
      int count = end.getShort(10) & 0xffff;
      long directorySize = end.getInt(12) & 0xffffffffL;
      long directoryOffset = end.getInt(16) & 0xffffffffL;
      if (disk != 0 || directoryDisk != 0 || onDisk != count) {
        throw notAToolpackZip(label, "it is a multi-disk archive", fix);
      }
      if (count == 0xffff || directorySize == 0xffffffffL || directoryOffset == 0xffffffffL) {
        throw notAToolpackZip(label, "it is a ZIP64 archive", fix);
      }
      if (directoryOffset + directorySize != size - 22) {
        throw notAToolpackZip(label, "its directory is not where the end record says", fix);
      }
      if (directorySize > MAX_DIRECTORY_BYTES) {
        throw notAToolpackZip(label, "its directory is larger than a toolpack's (" + directorySize + " bytes)", fix);
      }
      ByteBuffer directory = read(channel, directoryOffset, (int) directorySize);
      List<String> names = new ArrayList<>();
      long firstLocal = Long.MAX_VALUE;
      int at = 0;
      for (int i = 0; i < count; i++) {
        if (at + 46 > directorySize || directory.getInt(at) != CENTRAL_HEADER) {
          throw notAToolpackZip(label, "its directory is damaged at entry " + i, fix);
        }
        int madeBy = directory.getShort(at + 4) & 0xffff;
        int flags = directory.getShort(at + 8) & 0xffff;
        int method = directory.getShort(at + 10) & 0xffff;
        long declared = directory.getInt(at + 24) & 0xffffffffL;
        int nameLength = directory.getShort(at + 28) & 0xffff;
        int extraLength = directory.getShort(at + 30) & 0xffff;
        int commentLength = directory.getShort(at + 32) & 0xffff;
        int externalAttributes = directory.getInt(at + 38);
        long localOffset = directory.getInt(at + 42) & 0xffffffffL;
        if (at + 46 + nameLength + extraLength + commentLength > directorySize) {
          throw notAToolpackZip(label, "its directory is damaged at entry " + i, fix);
        }
        byte[] rawName = new byte[nameLength];
        directory.get(at + 46, rawName);
        String name = ascii(rawName);
        if (name == null || !KNOWN.contains(name)) {
          throw new CaskException(label, "entry '" + printable(rawName) + "'", "is not a toolpack file (a toolpack zip holds only "
              + ToolpackFiles.MANIFEST + " and the files it lists)", fix);
        }
        if (names.contains(name)) {
          throw new CaskException(label, "entry '" + name + "'", "appears twice", fix);
        }
        int unixMode = (madeBy >> 8) == UNIX ? externalAttributes >>> 16 : 0;
        if ((unixMode != 0 && (unixMode & FILE_TYPE_MASK) != REGULAR_FILE) || (externalAttributes & 0x10) != 0) {
          throw new CaskException(label, "entry '" + name + "'",
              "is a symbolic link, directory or special file (a toolpack holds regular files only)", fix);
        }
        if ((flags & 1) != 0 || (method != ZipEntry.STORED && method != ZipEntry.DEFLATED)) {
          throw new CaskException(label, "entry '" + name + "'", "is encrypted or compressed with an unknown method", fix);
        }
        if (declared > maxFileBytes) {
          throw tooLarge(label + "!" + name, fix, maxFileBytes);
        }
        checkLocalHeader(channel, size, localOffset, rawName, label, name, fix);
        firstLocal = Math.min(firstLocal, localOffset);
        names.add(name);
        at += 46 + nameLength + extraLength + commentLength;
      }
      if (at != directorySize) {
        throw notAToolpackZip(label, "its directory holds more than its entries", fix);
      }
      if (count > 0 && firstLocal != 0) {
        throw notAToolpackZip(label, "data comes before its first entry", fix);
      }
      return names;
    } catch (NoSuchFileException e) {
      throw new CaskException(label, null, "file not found", fix);
    } catch (IOException e) {
      throw new CaskException(label, null, "cannot be read: " + e.getMessage(), fix, e);
    }
  }

  /** The entry's local header (what streaming readers see) must name exactly what the directory names. */
  private static void checkLocalHeader(
      FileChannel channel, long size, long offset, byte[] rawName, String label, String name, String fix)
      throws IOException {
    if (offset + 30 + rawName.length > size) {
      throw notAToolpackZip(label, "entry '" + name + "' points outside the zip", fix);
    }
    ByteBuffer local = read(channel, offset, 30 + rawName.length);
    byte[] localName = new byte[local.getShort(26) & 0xffff];
    if (local.getInt(0) != LOCAL_HEADER || localName.length != rawName.length) {
      throw new CaskException(label, "entry '" + name + "'", "its local header does not name it as the zip's directory does", fix);
    }
    local.get(30, localName);
    if (!java.util.Arrays.equals(localName, rawName)) {
      throw new CaskException(label, "entry '" + name + "'",
          "its local header names '" + printable(localName) + "' (readers that stream the zip would see another file)", fix);
    }
  }

  private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, position + buffer.position()) < 0) {
        throw new IOException("unexpected end of file");
      }
    }
    return buffer.flip();
  }

  private static String ascii(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0x20 || b == 0x7f) {
        return null;
      }
    }
    return new String(bytes, StandardCharsets.US_ASCII);
  }

  /** An entry name for a message: toolpack names are ASCII, so anything else is shown escaped. */
  private static String printable(byte[] bytes) {
    return ControlCharacters.escapeIdentifier(new String(bytes, StandardCharsets.UTF_8), 100);
  }

  /**
   * At most {@code maxFileBytes} of {@code in}. {@code statedSize} (what the file system says, or -1) sizes the array: GitHub's 18 MB {@code tools.json} is read into one array instead of a buffer grown by
   * doubling and copied once more at the end (64 MB allocated, 50 MB held at once). A stream longer than stated is
   * still read on, under the same limit.
   */
  static byte[] readLimited(InputStream in, String display, String fix, long maxFileBytes, long statedSize)
      throws IOException {
    int stated = (int) Math.max(0, Math.min(statedSize, maxFileBytes));
    byte[] head = new byte[stated];
    int read = 0;
    // In reads of at most 64 KiB: a channel's stream copies each read through a direct buffer of the read's size,
    // which the JDK then keeps for the thread (an 18 MB read kept 18 MB of native memory for good).
    for (int n; read < stated && (n = in.read(head, read, Math.min(stated - read, CHUNK))) > 0; ) {
      read += n;
    }
    if (read < stated) {
      return Arrays.copyOf(head, read);
    }
    int next = in.read();
    if (next < 0) {
      return head;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(stated + 65536);
    out.write(head);
    out.write(next);
    byte[] buffer = new byte[CHUNK];
    long total = stated + 1L;
    if (total > maxFileBytes) {
      throw tooLarge(display, fix, maxFileBytes);
    }
    for (int n; (n = in.read(buffer)) > 0; ) {
      total += n;
      if (total > maxFileBytes) {
        throw tooLarge(display, fix, maxFileBytes);
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  static CaskException tooLarge(String display, String fix, long maxFileBytes) {
    return new CaskException(display, null, "is larger than " + maxFileBytes + " bytes", fix);
  }

  private static CaskException notAToolpackZip(String label, String why, String fix) {
    return new CaskException(label, null, "is not a toolpack zip: " + why, fix);
  }
}
