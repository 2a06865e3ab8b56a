package dev.cask.maven.importers;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * What the importers decide a file's format from: its name, its first bytes, and the first <em>marker</em> field
 * ({@code openapi}, {@code swagger}, {@code log}, {@code resourceSpans} ...) among the top-level fields of its first JSON
 * or YAML value.
 *
 * <p>Key order is not significant in JSON or YAML, so the marker is found by streaming the top-level fields and
 * skipping their values (Jackson's streaming parser: nothing is built, memory stays flat), however far into the file it
 * stands: a 6 MB description whose {@code openapi} field follows its {@code components} is still a description. The scan
 * stops at the first marker. When the text is not well-formed before a marker is found, the first marker written as a
 * field in the first 64 KiB counts, so that a broken description gets its syntax error from its own importer rather than
 * "not a format Cask reads".
 */
public final class InputSniff {
  private static final int HEAD_BYTES = 64 * 1024;
  private static final Set<String> JSON_NAMES = Set.of(".json", ".jsonl", ".ndjson", ".otlp");
  private static final Set<String> YAML_NAMES = Set.of(".yaml", ".yml");
  private static final JsonFactory JSON = new JsonFactory();
  private static final YAMLFactory YAML = yamlFactory();

  private final Path file;
  private final Set<String> markers;
  private String head;
  private String marker;
  private boolean scanned;

  InputSniff(Path file, Set<String> markers) {
    this.file = file;
    this.markers = Set.copyOf(markers);
  }

  /** For importers' unit tests: a sniff of a file with the given markers. */
  public static InputSniff of(Path file, Set<String> markers) {
    return new InputSniff(file, markers);
  }

  /** Up to the first 64 KiB of the file, decoded as UTF-8. */
  public String head() {
    if (head == null) {
      try (InputStream in = Files.newInputStream(file)) {
        head = new String(in.readNBytes(HEAD_BYTES), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
    return head;
  }

  /**
   * The first marker among the top-level fields of the file's first JSON or YAML value (files named {@code .json},
   * {@code .jsonl}, {@code .ndjson}, {@code .otlp}, {@code .yaml}, {@code .yml}), or null.
   */
  public String marker() {
    if (!scanned) {
      scanned = true;
      String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
      boolean yaml = YAML_NAMES.stream().anyMatch(name::endsWith);
      if (yaml || JSON_NAMES.stream().anyMatch(name::endsWith)) {
        marker = scan(yaml);
      }
    }
    return marker;
  }

  private String scan(boolean yaml) {
    try (InputStream in = Files.newInputStream(file);
        JsonParser parser = yaml ? YAML.createParser(in) : JSON.createParser(in)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
        String field = parser.currentName();
        if (markers.contains(field)) {
          return field;
        }
        parser.nextToken();
        parser.skipChildren();
      }
      return null;
    } catch (IOException | RuntimeException malformed) {
      // Jackson's YAML parser reports some syntax errors as unchecked exceptions of snakeyaml.
      return firstMarkerWrittenInHead(yaml);
    }
  }

  private String firstMarkerWrittenInHead(boolean yaml) {
    String alternatives = String.join("|", markers.stream().sorted().map(Pattern::quote).toList());
    Pattern field = yaml
        ? Pattern.compile("(?m)^['\"]?(" + alternatives + ")['\"]?\\s*:")
        : Pattern.compile("\"(" + alternatives + ")\"\\s*:");
    Matcher found = field.matcher(head());
    return found.find() ? found.group(1) : null;
  }

  private static YAMLFactory yamlFactory() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(Integer.MAX_VALUE); // streamed: nothing is held; the importer applies its own limits
    return YAMLFactory.builder().loaderOptions(options).build();
  }
}
