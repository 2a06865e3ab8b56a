package dev.cask.maven.importers;

import dev.cask.maven.importers.graphql.GraphQlSchema;
import dev.cask.maven.importers.graphql.GraphQlSchemaImporter;
import dev.cask.maven.importers.har.HarImporter;
import dev.cask.maven.importers.openapi.OpenApiImporter;
import dev.cask.maven.importers.otel.OtelImporter;
import dev.cask.maven.importers.traffic.SpecTrafficMerge;
import dev.cask.maven.importers.traffic.TrafficCollector;
import dev.cask.maven.importers.traffic.TrafficImporter;
import dev.cask.maven.importers.webmcp.WebMcpImporter;
import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.model.capture.Capture;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * What the Mojos and the compiler call to import sources: inputs (files and directories) become one capture.
 *
 * <p>Each file goes to the first importer that {@linkplain Importer#recognizes recognizes} it. A file the user listed
 * that no importer reads is an error; an unreadable file found by walking a directory is skipped (logged at debug).
 * The per-file captures of specs are merged by {@link CaptureMerger}; every traffic file (HAR, OTLP) is read into one
 * {@link TrafficCollector}, so the same API recorded in several files becomes one set of operations; then traffic is
 * merged into the specs by {@link SpecTrafficMerge} (the spec's definition wins, traffic adds evidence).
 */
public final class CaptureImporter {
  private final List<Importer> importers;

  public CaptureImporter(List<Importer> importers) {
    if (importers.isEmpty()) {
      throw new IllegalArgumentException("at least one importer is needed");
    }
    this.importers = List.copyOf(importers);
  }

  /**
   * The importers Cask ships: OpenAPI/Swagger, HAR, OpenTelemetry (OTLP/JSON), GraphQL schemas for traffic and WebMCP
   * captures of {@code cask:mint}.
   */
  public static CaptureImporter standard() {
    return new CaptureImporter(List.of(
        new OpenApiImporter(), new HarImporter(), new OtelImporter(), new GraphQlSchemaImporter(), new WebMcpImporter()));
  }

  /**
   * Imports every input into one capture.
   *
   * @param projectDir the project directory; display paths are relative to it
   * @param inputs files or directories, absolute or relative to {@code projectDir}
   * @param settings import settings
   * @param log where progress and warnings go
   * @throws CaskException when an input is missing, unreadable or invalid, or when no input holds a source
   */
  public Capture importAll(Path projectDir, List<Path> inputs, ImportSettings settings, BuildLog log) {
    return importAll(projectDir, inputs, settings, log, read -> {});
  }

  /**
   * Imports every input into one capture, telling {@code reads} every local file read besides the inputs (documents
   * reached through {@code $ref}).
   */
  public Capture importAll(
      Path projectDir, List<Path> inputs, ImportSettings settings, BuildLog log, Consumer<Path> reads) {
    List<InputFiles.InputFile> files = InputFiles.expand(projectDir, inputs, log);
    CaptureMerger merger = new CaptureMerger();
    TrafficCollector traffic = null;
    GraphQlSchema graphqlSchema = null;
    int specs = 0;
    int imported = 0;
    for (InputFiles.InputFile input : files) {
      Importer importer = importerFor(input);
      if (importer == null) {
        if (input.explicit()) {
          throw new CaskException(input.displayPath(), null, "is not a format Cask reads (" + formats() + ")",
              "remove it from the inputs, or check that it is a complete " + formats() + " document");
        }
        log.debug("skipping " + input.displayPath() + ": not a format Cask reads (" + formats() + ")");
        continue;
      }
      log.debug("importing " + input.displayPath() + " as " + importer.format());
      ImportRequest request = new ImportRequest(input.file(), input.displayPath(), settings, log, reads);
      if (importer instanceof GraphQlSchemaImporter schemas) {
        if (graphqlSchema != null) {
          throw new CaskException(input.displayPath(), null, "is a second GraphQL schema (the first is "
              + graphqlSchema.source() + ")", "keep the schema of the one GraphQL API the traffic calls in the inputs");
        }
        graphqlSchema = schemas.load(request);
      } else if (importer instanceof TrafficImporter trafficImporter) {
        if (traffic == null) {
          traffic = new TrafficCollector(settings, log);
        }
        trafficImporter.readInto(request, traffic);
      } else {
        merger.add(importer.read(request));
        specs++;
      }
      imported++;
    }
    if (imported == 0) {
      String listed = inputs.stream().map(path -> path.toString().replace('\\', '/')).collect(Collectors.joining(", "));
      throw new CaskException(listed.isEmpty() ? "the inputs" : listed, null,
          "hold no API source Cask can read (it reads " + formats() + ")",
          "point the inputs at OpenAPI 3.x or Swagger 2.0 documents (.json, .yaml, .yml), HAR files (.har) or OTLP/JSON"
              + " traces (.json, .jsonl), WebMCP captures of cask:mint (.webmcp.json), or directories holding them");
    }
    if (graphqlSchema != null && traffic == null) {
      throw new CaskException(graphqlSchema.source(), null, "is a GraphQL schema, but no traffic (HAR, OTLP) was given:"
          + " Cask makes a tool of each GraphQL operation an application really ran",
          "record the application's traffic and add the HAR or OTLP file to the inputs");
    }
    if (traffic == null) {
      Capture fromSpecs = merger.result();
      LeftOutOperations.report(fromSpecs.leftOutOperations(), settings.strict(), "import", log);
      return fromSpecs;
    }
    if (graphqlSchema != null) {
      traffic.graphQlSchema(graphqlSchema);
    }
    Capture observed = traffic.finish();
    Capture merged = specs == 0 ? observed : SpecTrafficMerge.merge(merger.result(), observed, log);
    List<String> order = files.stream().map(InputFiles.InputFile::displayPath).toList();
    List<dev.cask.runtime.model.capture.CaptureSource> sources = new java.util.ArrayList<>(merged.sources());
    sources.sort(java.util.Comparator.comparingInt(source -> order.indexOf(source.path())));
    Capture capture = Capture.of(sources, merged.operations(), merged.schemas(), merged.securitySchemes(),
        merged.redactions()).withLeftOut(merged.leftOutOperations());
    LeftOutOperations.report(capture.leftOutOperations(), settings.strict(), "import", log);
    return capture;
  }

  /**
   * The files the inputs expand to (directories walked), absolute and in import order: what an import reads besides
   * the documents they reference.
   *
   * @throws CaskException when an input does not exist
   */
  public static List<Path> inputFiles(Path projectDir, List<Path> inputs) {
    return InputFiles.expand(projectDir, inputs, BuildLog.silent()).stream().map(InputFiles.InputFile::file).toList();
  }

  private Importer importerFor(InputFiles.InputFile input) {
    Set<String> markers = new HashSet<>();
    importers.forEach(importer -> markers.addAll(importer.markerKeys()));
    InputSniff sniff = new InputSniff(input.file(), markers);
    return importers.stream().filter(importer -> importer.recognizes(input.file(), sniff)).findFirst().orElse(null);
  }

  private String formats() {
    return importers.stream().map(Importer::format).collect(Collectors.joining(", "));
  }

}
