package dev.cask.runtime.toolpack;

import dev.cask.runtime.verification.GateFixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Toolpacks an attacker could hand to Cask (exported in the test-jar): each case is a directory or zip built from a valid
 * toolpack with one attack, and the problem every reader must name. The runtime's and the plugin's tests run the same
 * cases through each way a toolpack is read (gate and server, diff, drift), so the rules cannot drift apart again.
 */
public final class HostileToolpacks {
  /** The files of a valid toolpack, in the order the compiler's zip holds them. */
  public static final List<String> FILES = List.of("capture.json", "policy.yaml", "tools.json", "toolpack.yaml");

  /**
   * @param attack what the case does, for test names
   * @param source the directory or zip to read
   * @param problem a fragment of the message every reader must give
   */
  public record Case(String attack, Path source, String problem) {
    @Override
    public String toString() {
      return attack;
    }
  }

  private HostileToolpacks() {}

  /** A valid toolpack directory of four tools, written under {@code dir}. */
  public static Path valid(Path dir) {
    GateFixture fixture = new GateFixture(dir);
    return GateFixture.writeToolpack(dir.resolve("valid"), "demo", fixture.tools, fixture.policy);
  }

  /** The toolpack's files as a zip, in {@link #FILES} order, as {@code cask:compile} attaches it. */
  public static Path zip(Path toolpack, Path zip) {
    return zip(toolpack, zip, FILES, out -> {});
  }

  /** Every attack on a toolpack zip, each built from {@code toolpack} into {@code dir}. */
  public static List<Case> zipCases(Path toolpack, Path dir) {
    List<Case> cases = new ArrayList<>();
    String notToolpackFile = "is not a toolpack file";
    for (String name : List.of("../evil", "../tools.json", "/tools.json", "sub/tools.json", "..\\tools.json",
        "tools.json/", "C:/tools.json", "tools.json\u0000.txt")) {
      cases.add(new Case("zip-slip or nested name " + name.replace("\u0000", "\\0"),
          zip(toolpack, dir.resolve("slip" + cases.size() + ".zip"), FILES, extra(name, "x")), notToolpackFile));
    }
    cases.add(new Case("unknown top-level file", zip(toolpack, dir.resolve("unknown.zip"), FILES, extra("run.sh", "x")),
        notToolpackFile));
    // The JDK's zip writer refuses duplicate names: write another name, then give it the same one in both headers.
    Path duplicate = zip(toolpack, dir.resolve("duplicate.zip"), List.of("policy.yaml", "tools.json", "toolpack.yaml"),
        extra("tools.jsoX", "{}"));
    patch(duplicate, zip -> zip.rename(3, "tools.json", true));
    cases.add(new Case("duplicate entry", duplicate, "appears twice"));
    Path local = zip(toolpack, dir.resolve("local-name.zip"));
    patch(local, zip -> zip.rename(2, "tools.jsoX", false));
    cases.add(new Case("local header names another file than the directory", local, "local header"));
    Path symlink = zip(toolpack, dir.resolve("symlink.zip"));
    patch(symlink, zip -> zip.unixMode(2, 0120777));
    cases.add(new Case("symbolic link entry", symlink, "symbolic link"));
    Path fifo = zip(toolpack, dir.resolve("fifo.zip"));
    patch(fifo, zip -> zip.unixMode(1, 0010644));
    cases.add(new Case("named pipe entry", fifo, "special file"));
    Path encrypted = zip(toolpack, dir.resolve("encrypted.zip"));
    patch(encrypted, zip -> zip.flags(2, 1));
    cases.add(new Case("encrypted entry", encrypted, "encrypted"));
    Path declaredHuge = zip(toolpack, dir.resolve("declared-huge.zip"));
    patch(declaredHuge, zip -> zip.declaredSize(2, ToolpackSource.MAX_FILE_BYTES + 1));
    cases.add(new Case("declared size above the limit", declaredHuge, "is larger than " + ToolpackSource.MAX_FILE_BYTES));
    Path declaredSmall = zip(toolpack, dir.resolve("declared-small.zip"));
    patch(declaredSmall, zip -> zip.declaredSize(2, 10));
    cases.add(new Case("declared size below the real one", declaredSmall, "declares 10"));
    Path prepended = dir.resolve("prepended.zip");
    write(prepended, concat("#!/bin/sh\nexit 0\n".getBytes(StandardCharsets.US_ASCII), read(zip(toolpack, dir.resolve("plain.zip")))));
    cases.add(new Case("data before the first entry", prepended, "not a toolpack zip"));
    Path comment = zip(toolpack, dir.resolve("comment.zip"), FILES, out -> out.setComment("unzip shows this"));
    cases.add(new Case("zip comment", comment, "not a toolpack zip"));
    Path truncated = dir.resolve("truncated.zip");
    byte[] whole = read(zip(toolpack, dir.resolve("whole.zip")));
    write(truncated, java.util.Arrays.copyOf(whole, whole.length / 2));
    cases.add(new Case("truncated zip", truncated, "not a toolpack zip"));
    cases.add(new Case("missing required file",
        zip(toolpack, dir.resolve("no-policy.zip"), List.of("capture.json", "tools.json", "toolpack.yaml"), out -> {}),
        "policy.yaml: entry not found"));
    return cases;
  }

  /** Every attack on a toolpack directory, each a copy of {@code toolpack} under {@code dir}. */
  public static List<Case> directoryCases(Path toolpack, Path dir) {
    List<Case> cases = new ArrayList<>();
    try {
      Path outside = Files.writeString(dir.resolve("outside.json"), Files.readString(toolpack.resolve("tools.json")));
      Path link = copy(toolpack, dir.resolve("symlink"));
      Files.delete(link.resolve("tools.json"));
      Files.createSymbolicLink(link.resolve("tools.json"), outside);
      cases.add(new Case("symbolic link to a file outside", link, "symbolic link"));
      Path notFile = copy(toolpack, dir.resolve("not-a-file"));
      Files.delete(notFile.resolve("policy.yaml"));
      Files.createDirectory(notFile.resolve("policy.yaml"));
      cases.add(new Case("directory instead of a file", notFile, "not a regular file"));
      Path missing = copy(toolpack, dir.resolve("missing"));
      Files.delete(missing.resolve("policy.yaml"));
      cases.add(new Case("missing required file", missing, "policy.yaml: file not found"));
      Path edited = copy(toolpack, dir.resolve("edited"));
      Files.writeString(edited.resolve("tools.json"),
          Files.readString(edited.resolve("tools.json")).replace("Delete a user.", "Delete all users."));
      cases.add(new Case("file not the one the manifest pins", edited, "does not match the manifest"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return cases;
  }

  private static Path copy(Path toolpack, Path target) throws IOException {
    Files.createDirectories(target);
    for (String file : FILES) {
      Files.copy(toolpack.resolve(file), target.resolve(file));
    }
    return target;
  }

  private static Consumer<ZipOutputStream> extra(String name, String content) {
    return out -> {
      try {
        out.putNextEntry(new ZipEntry(name));
        out.write(content.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }

  /** A zip of {@code files} from {@code toolpack}, then whatever {@code more} writes. */
  public static Path zip(Path toolpack, Path zip, List<String> files, Consumer<ZipOutputStream> more) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      for (String file : files) {
        out.putNextEntry(new ZipEntry(file));
        out.write(Files.readAllBytes(toolpack.resolve(file)));
        out.closeEntry();
      }
      more.accept(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    write(zip, bytes.toByteArray());
    return zip;
  }

  private static void patch(Path zip, Consumer<ZipLayout> change) {
    ZipLayout layout = new ZipLayout(read(zip));
    change.accept(layout);
    write(zip, layout.bytes);
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path file, byte[] bytes) {
    try {
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  /** Edits the headers of a zip written without a comment, entry by entry (in directory order). */
  private static final class ZipLayout {
    final byte[] bytes;
    final ByteBuffer buffer;
    final List<Integer> central = new ArrayList<>();

    ZipLayout(byte[] bytes) {
      this.bytes = bytes;
      this.buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
      int end = bytes.length - 22;
      int count = buffer.getShort(end + 10) & 0xffff;
      int at = buffer.getInt(end + 16);
      for (int i = 0; i < count; i++) {
        central.add(at);
        at += 46 + (buffer.getShort(at + 28) & 0xffff) + (buffer.getShort(at + 30) & 0xffff)
            + (buffer.getShort(at + 32) & 0xffff);
      }
    }

    void rename(int entry, String name, boolean inDirectoryToo) {
      byte[] raw = name.getBytes(StandardCharsets.US_ASCII);
      int at = central.get(entry);
      int local = buffer.getInt(at + 42);
      System.arraycopy(raw, 0, bytes, local + 30, raw.length);
      if (inDirectoryToo) {
        System.arraycopy(raw, 0, bytes, at + 46, raw.length);
      }
    }

    void unixMode(int entry, int mode) {
      int at = central.get(entry);
      buffer.putShort(at + 4, (short) ((3 << 8) | 20));
      buffer.putInt(at + 38, mode << 16);
    }

    void flags(int entry, int flags) {
      int at = central.get(entry);
      buffer.putShort(at + 8, (short) (buffer.getShort(at + 8) | flags));
    }

    void declaredSize(int entry, long size) {
      buffer.putInt(central.get(entry) + 24, (int) size);
    }
  }
}
