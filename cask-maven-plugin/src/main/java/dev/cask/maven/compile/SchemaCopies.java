package dev.cask.maven.compile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.toolpack.ToolpackFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the shared schemas copied into tools' {@code $defs} while a toolpack compiles, and stops the compile once
 * the copies alone are more than a toolpack file may hold ({@link ToolpackFiles#MAX_FILE_BYTES}: the reader would
 * refuse the {@code tools.json}). Every tool's schemas must stand alone, so each tool carries every shared schema it
 * reaches; in a densely linked description (Microsoft Graph: 11,422 operations reaching 32 shared schemas each on
 * average) that is operations × schemas, about 1 GB, and the compile ran out of a 6 GB heap after half a minute
 * instead of saying so.
 *
 * <p>Each copy counts as the compact JSON of the definition with its text cleaned, which is never more than what the
 * pretty-printed {@code tools.json} holds for it (the input side only adds {@code additionalProperties} when it closes
 * request bodies), so a compile is stopped only when its {@code tools.json} would certainly be refused.
 */
final class SchemaCopies {
  private static final ObjectMapper COMPACT = new ObjectMapper();

  private final long limit;
  private final LongAdder bytes = new LongAdder();
  private final LongAdder copies = new LongAdder();
  private final Map<String, Long> inputSizes = new ConcurrentHashMap<>();
  private final Map<String, Long> outputSizes = new ConcurrentHashMap<>();

  SchemaCopies() {
    this(ToolpackFiles.MAX_FILE_BYTES);
  }

  /** With another limit (tests). */
  SchemaCopies(long limit) {
    this.limit = limit;
  }

  /** A copy of the shared schema {@code name} into an input schema's {@code $defs} (text cleaned afterwards). */
  void input(String name, JsonNode definition) {
    add(inputSizes.computeIfAbsent(name, known -> compactBytes(cleaned(definition))));
  }

  /** A copy of the shared schema {@code name}, prepared for output schemas (already cleaned), into an output schema. */
  void output(String name, JsonNode prepared) {
    add(outputSizes.computeIfAbsent(name, known -> compactBytes(prepared)));
  }

  /** The bytes counted so far. */
  long bytes() {
    return bytes.sum();
  }

  /**
   * Fails the compile when the copies so far are more than a toolpack file may hold.
   *
   * @param toolpack the toolpack's name
   * @param compiled how many tools are compiled so far
   */
  void check(String toolpack, int compiled) {
    long total = bytes.sum();
    if (total <= limit) {
      return;
    }
    throw new CaskException("toolpack " + toolpack, null, String.format(Locale.ROOT,
        "would not fit in one toolpack: the %,d tools compiled so far carry %,.1f MiB of copies of the source's"
            + " shared schemas (%,d copies, %,d per tool on average; each tool's schemas must stand alone, so each"
            + " carries every shared schema it reaches), more than the %,d MiB a toolpack file may hold",
        compiled, total / (double) (1 << 20), copies.sum(), copies.sum() / Math.max(1, compiled), limit >> 20),
        "compile the source in parts, one toolpack per part of the API your agents use: select each part's"
            + " operations with -Dcask.operations (path globs such as /users/**, optionally after a method; a toolset"
            + " only narrows what a server serves, every operation is still compiled)");
  }

  private void add(long size) {
    bytes.add(size);
    copies.increment();
  }

  private static JsonNode cleaned(JsonNode definition) {
    return definition.isObject() ? SchemaText.clean(((ObjectNode) definition).deepCopy()) : definition;
  }

  private static long compactBytes(JsonNode node) {
    CountingStream counter = new CountingStream();
    try {
      COMPACT.writeValue(counter, node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return counter.count;
  }

  /** Counts what is written to it, keeps nothing. */
  private static final class CountingStream extends OutputStream {
    private long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }
}
