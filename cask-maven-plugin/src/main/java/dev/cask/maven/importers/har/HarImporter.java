package dev.cask.maven.importers.har;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.maven.importers.ImportRequest;
import dev.cask.maven.importers.Importer;
import dev.cask.maven.importers.InputSniff;
import dev.cask.maven.importers.traffic.TrafficCollector;
import dev.cask.maven.importers.traffic.TrafficFiles;
import dev.cask.maven.importers.traffic.TrafficImporter;
import dev.cask.maven.log.Progress;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.model.capture.Capture;
import dev.cask.runtime.model.capture.SourceKind;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * Imports HAR 1.2 files (Chrome/Chromium DevTools, Firefox, Playwright {@code recordHar}, chrome-har-capturer).
 *
 * <p>The file is streamed with Jackson's {@link JsonParser}: only one entry is held as a tree at a time, so a 200 MB
 * HAR imports in bounded memory. Each entry becomes a raw call ({@link HarEntries}) that the shared
 * {@link TrafficCollector} redacts, filters and folds into operations.
 */
public final class HarImporter implements Importer, TrafficImporter {
  private final Duration progressAfter;
  private final Duration progressEvery;

  public HarImporter() {
    this(Progress.FIRST_AFTER, Progress.EVERY);
  }

  /** With other progress timing (tests). */
  HarImporter(Duration progressAfter, Duration progressEvery) {
    this.progressAfter = progressAfter;
    this.progressEvery = progressEvery;
  }

  @Override
  public String format() {
    return "har";
  }

  @Override
  public Set<String> markerKeys() {
    return Set.of("log");
  }

  /** A {@code .har} file, or a {@code .json} file whose top level has a {@code log} field. */
  @Override
  public boolean recognizes(Path file, InputSniff sniff) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".har") || (name.endsWith(".json") && "log".equals(sniff.marker()));
  }

  @Override
  public Capture read(ImportRequest request) {
    return TrafficCollector.readOne(request, this);
  }

  @Override
  public void readInto(ImportRequest request, TrafficCollector collector) {
    String source = request.displayPath();
    collector.begin(request, SourceKind.HAR, "entries");
    int[] entries = {-1}; // entries read so far, for error messages
    String sha256;
    try (TrafficFiles.Source file = TrafficFiles.open(request.file(), source);
        Progress progress = Progress.start(source, request.log(), progressAfter, progressEvery)) {
      JsonParser parser = file.parser();
      progress.stage("reading the HAR");
      readLog(parser, request, collector, entries, progress);
      if (parser.nextToken() != null) {
        throw new CaskException(source, "line " + parser.currentLocation().getLineNr(),
            "has content after the HAR's closing brace", "export the HAR again; it must hold one JSON object");
      }
      sha256 = file.sha256();
    } catch (IOException e) {
      throw TrafficFiles.parseError(source, e, entries[0] < 0 ? null : entries[0] == 0 ? "in entry 0" : "after entry " + (entries[0] - 1),
          "export the HAR again (a truncated or edited file cannot be read)");
    }
    collector.end(sha256);
  }

  /** Reads the root object, counting entries in {@code entries[0]}. */
  private void readLog(JsonParser parser, ImportRequest request, TrafficCollector collector, int[] entries,
      Progress progress) throws IOException {
    String source = request.displayPath();
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      throw notHar(source, "it is not a JSON object");
    }
    boolean sawLog = false;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (field.equals("log") && value == JsonToken.START_OBJECT) {
        sawLog = true;
        readEntries(parser, request, collector, entries, progress);
      } else {
        parser.skipChildren();
      }
    }
    if (!sawLog) {
      throw notHar(source, "it has no 'log' object");
    }
    if (entries[0] < 0) {
      throw new CaskException(source, "log", "has no 'entries' array",
          "export a HAR 1.2 file (log.entries holds the recorded requests)");
    }
  }

  private void readEntries(JsonParser parser, ImportRequest request, TrafficCollector collector, int[] entries,
      Progress progress) throws IOException {
    String source = request.displayPath();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (!field.equals("entries")) {
        parser.skipChildren();
        continue;
      }
      if (value != JsonToken.START_ARRAY) {
        throw new CaskException(source, "log.entries", "is not an array", "export a HAR 1.2 file");
      }
      entries[0] = 0;
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        int index = entries[0];
        JsonNode entry = TrafficFiles.readTree(parser);
        if (!entry.isObject()) {
          entries[0]++;
          collector.warnings().warn("bad-entry", source + "#entries/" + index, "entry is not an object; skipped");
          continue;
        }
        entries[0]++;
        collector.accept(HarEntries.toRaw(entry, index, source));
        if ((entries[0] & 255) == 0) {
          progress.stage(String.format(Locale.ROOT, "%,d entries read", entries[0]));
        }
      }
    }
  }

  private static CaskException notHar(String source, String why) {
    return new CaskException(source, null, "is not a HAR file: " + why,
        "export the capture as HAR 1.2 (DevTools: Network > Export HAR), or remove it from -Dcask.inputs");
  }
}
