package dev.cask.maven.importers.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.maven.importers.ImportRequest;
import dev.cask.maven.importers.ImportSettings;
import dev.cask.maven.importers.RecordingLog;
import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.model.HttpMethod;
import dev.cask.runtime.model.capture.Capture;
import dev.cask.runtime.model.capture.CapturedOperation;
import dev.cask.runtime.model.capture.Parameter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads the test fixtures under {@code src/test/resources/openapi}. */
final class Fixtures {
  private Fixtures() {}

  static Path path(String name) {
    try {
      return Path.of(Fixtures.class.getResource("/openapi/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Capture read(String name) {
    return read(name, ImportSettings.defaults(), new RecordingLog());
  }

  static Capture read(String name, ImportSettings settings, BuildLog log) {
    return readFile(path(name), "openapi/" + name, settings, log);
  }

  static Capture readFile(Path file, String displayPath, ImportSettings settings, BuildLog log) {
    return new OpenApiImporter().read(new ImportRequest(file, displayPath, settings, log));
  }

  static Capture readFile(Path file, String displayPath) {
    return readFile(file, displayPath, ImportSettings.defaults(), new RecordingLog());
  }

  /** Writes {@code text} to {@code dir/name} and returns the file. */
  static Path write(Path dir, String name, String text) {
    try {
      Path file = dir.resolve(name);
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ImportSettings withBaseUrl(String baseUrl) {
    return new ImportSettings(baseUrl, List.of(), false, ImportSettings.DEFAULT_MAX_INPUT_BYTES);
  }

  static CapturedOperation operation(Capture capture, HttpMethod method, String path) {
    return capture.operations().stream()
        .filter(op -> op.method() == method && op.path().equals(path))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no operation " + method + " " + path + " in " + capture.operations()));
  }

  static Parameter parameter(CapturedOperation operation, String name) {
    return operation.parameters().stream()
        .filter(p -> p.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no parameter " + name + " in " + operation.parameters()));
  }

  /** Parses JSON the way the importer does (same number node types), for comparisons. */
  static JsonNode json(String text) {
    return SpecTreeReader.read(text.getBytes(StandardCharsets.UTF_8), "expected.json");
  }

  /** A minimal OpenAPI 3.0 document with one GET operation and the given extra top-level YAML. */
  static String minimal30(String extra) {
    return """
        openapi: 3.0.3
        info: {title: t, version: "1"}
        servers: [{url: "https://api.example.com"}]
        paths:
          /things:
            get:
              responses: {'200': {description: ok}}
        """ + extra;
  }
}
