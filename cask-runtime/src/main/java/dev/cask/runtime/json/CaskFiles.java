package dev.cask.runtime.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cask.runtime.CaskException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Reads Cask's own files strictly, with errors that name file, place and fix; writes them atomically. */
public final class CaskFiles {
  private CaskFiles() {}

  /** Reads a JSON file into a model type. */
  public static <T> T readJson(Path file, String displayName, Class<T> type, String fix) {
    return read(CaskMappers.json(), file, displayName, type, fix);
  }

  /** Reads a YAML file into a model type. */
  public static <T> T readYaml(Path file, String displayName, Class<T> type, String fix) {
    return read(CaskMappers.yaml(), file, displayName, type, fix);
  }

  /** Parses bytes (JSON or YAML, by mapper) into a model type. */
  public static <T> T parse(ObjectMapper mapper, byte[] bytes, String displayName, Class<T> type, String fix) {
    return parse(() -> mapper.readValue(bytes, type), mapper, () -> bytes, displayName, fix);
  }

  /**
   * Parses a stream into a model type, for a file too large to hold as bytes beside what is parsed from it; the
   * stream is not closed here. Only a message about an error needs the bytes ({@code again}: the file read a second
   * time) to name the line.
   *
   * @throws UncheckedIOException when the stream cannot be read
   */
  public static <T> T parse(ObjectMapper mapper, InputStream in, String displayName, Class<T> type, String fix,
      Supplier<byte[]> again) {
    return parse(() -> mapper.readValue(in, type), mapper, again, displayName, fix);
  }

  private interface Reading<T> {
    T read() throws IOException;
  }

  private static <T> T parse(Reading<T> reading, ObjectMapper mapper, Supplier<byte[]> bytes, String displayName,
      String fix) {
    try {
      return reading.read();
    } catch (JsonMappingException e) {
      throw new CaskException(displayName, location(mapper, bytes, e), problem(e), fix, e);
    } catch (JsonProcessingException e) {
      throw new CaskException(displayName, location(mapper, bytes, e), "is not well-formed: " + e.getOriginalMessage(), fix, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Where a value stands in a file Cask read, for a message about it: {@code toolsets.support.include[0] (line 7)}.
   *
   * @param path field names (strings) and array indices (integers) from the root
   */
  public static String location(ObjectMapper mapper, byte[] bytes, Object... path) {
    java.util.List<com.fasterxml.jackson.databind.JsonMappingException.Reference> references = new java.util.ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (Object step : path) {
      if (step instanceof Integer index) {
        references.add(new com.fasterxml.jackson.databind.JsonMappingException.Reference(null, index));
        text.append('[').append(index).append(']');
      } else {
        references.add(new com.fasterxml.jackson.databind.JsonMappingException.Reference(null, String.valueOf(step)));
        text.append(text.length() == 0 ? "" : ".").append(step);
      }
    }
    int line = SourceLines.lineOf(mapper, bytes, references);
    return line > 0 ? text + " (line " + line + ")" : text.toString();
  }

  private static <T> T read(ObjectMapper mapper, Path file, String displayName, Class<T> type, String fix) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new CaskException(displayName, null, "file not found", fix);
    } catch (IOException e) {
      throw new CaskException(displayName, null, "cannot be read: " + e.getMessage(), fix, e);
    }
    return parse(mapper, bytes, displayName, type, fix);
  }

  private static String location(ObjectMapper mapper, Supplier<byte[]> bytes, JsonProcessingException e) {
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String path =
          mapping.getPath().stream()
              .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
              .collect(Collectors.joining())
              .substring(1);
      int line = SourceLines.lineOf(mapper, bytes.get(), mapping.getPath());
      return line > 0 ? path + " (line " + line + ")" : path;
    }
    JsonLocation loc = e.getLocation();
    if (loc != null && loc.getLineNr() > 0) {
      return "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }
    return null;
  }

  private static String problem(JsonMappingException e) {
    String message = e.getOriginalMessage();
    if (e.getCause() instanceof IllegalArgumentException cause && cause.getMessage() != null) {
      message = cause.getMessage();
    }
    if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException unknown) {
      return "unknown field '" + unknown.getPropertyName() + "' (known fields: "
          + new java.util.TreeSet<>(unknown.getKnownPropertyIds().stream().map(String::valueOf).toList()) + ")";
    }
    int cut = message == null ? -1 : message.indexOf("\n at [Source");
    return "is invalid: " + (cut >= 0 ? message.substring(0, cut) : message);
  }

  /** Serializes as pretty JSON with a final newline. */
  public static byte[] prettyJson(Object value) {
    try {
      return (CaskMappers.jsonPretty().writeValueAsString(value) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
    }
  }

  /** Serializes as block YAML. */
  public static byte[] yaml(Object value) {
    try {
      return CaskMappers.yaml().writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
    }
  }

  /**
   * Writes every file into {@code directory} so that each one appears whole or not at all: bytes go to a temporary
   * file beside the target, then an atomic rename replaces it. Files are written in map order; write the file that
   * lists the others' digests last. For artifacts, not secrets: files are created readable by others.
   */
  public static void writeAtomically(Path directory, Map<String, byte[]> files) {
    try {
      Files.createDirectories(directory);
      Map<Path, Path> staged = new LinkedHashMap<>();
      try {
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
          Path target = directory.resolve(file.getKey());
          Path temp = createTemp(directory, file.getKey());
          staged.put(temp, target);
          Files.write(temp, file.getValue());
        }
        for (Map.Entry<Path, Path> move : staged.entrySet()) {
          moveAtomically(move.getKey(), move.getValue());
        }
      } finally {
        for (Path temp : staged.keySet()) {
          Files.deleteIfExists(temp);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + directory, e);
    }
  }

  /**
   * A temporary file readable by others ({@code rw-r--r--}) on POSIX systems: these are build artifacts, not secrets
   * (the JDK's default for temporary files is owner-only). Secrets (private keys) are never written through here.
   */
  private static Path createTemp(Path directory, String name) throws IOException {
    if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return Files.createTempFile(directory, "." + name, ".tmp",
          java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
              java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--")));
    }
    return Files.createTempFile(directory, "." + name, ".tmp");
  }

  private static void moveAtomically(Path source, Path target) throws IOException {
    try {
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
