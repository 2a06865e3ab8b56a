package dev.cask.maven.importers.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.maven.importers.HostPatterns;
import dev.cask.maven.importers.ImportRequest;
import dev.cask.maven.importers.ImportSettings;
import dev.cask.maven.importers.Importer;
import dev.cask.maven.importers.InputSniff;
import dev.cask.maven.importers.LeftOutOperations;
import dev.cask.maven.log.BuildLog;
import dev.cask.maven.log.Progress;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.Tasks;
import dev.cask.runtime.json.CanonicalJson;
import dev.cask.runtime.model.capture.Capture;
import dev.cask.runtime.model.capture.CaptureSource;
import dev.cask.runtime.model.capture.CapturedOperation;
import dev.cask.runtime.model.capture.LeftOutOperation;
import dev.cask.runtime.model.capture.SecurityScheme;
import dev.cask.runtime.model.capture.SourceKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.Locale;
import java.util.Set;
import java.util.SortedMap;

/**
 * Imports Swagger 2.0, OpenAPI 3.0.x and OpenAPI 3.1.x documents (JSON or YAML) into a capture.
 *
 * <p>How a document is read, in order:
 *
 * <ol>
 *   <li>Its size is checked against {@code maxInputBytes} before it is read.
 *   <li>Cask parses it itself ({@link SpecTreeReader}): strict about duplicate keys, YAML aliases expanded within
 *       limits, syntax errors with line and column.
 *   <li>The version field decides the format; anything else is refused with the versions Cask reads.
 *   <li>Every {@code $ref}, in this document and in every document it reaches, is approved and resolved ({@link
 *       SpecDocuments}): relative files must stay inside the input's directory; http(s) references are fetched only
 *       with {@code remoteRefs}; other schemes are refused; an unresolvable reference names itself and its place.
 *   <li>swagger-parser validates the document (OpenAPI 3) or converts it to OpenAPI 3.0 (Swagger 2.0). Its messages
 *       are sorted by {@link ParserMessages}: reference failures and exceptions are fatal, the rest (unexpected or
 *       missing fields, values of the wrong type) are logged as warnings.
 *   <li>Operations are read from the tree ({@link OperationReader}), not from swagger-parser's model: its typed schema
 *       classes change values (a {@code date} default moves by a day in time zones east of UTC, integer defaults
 *       beyond 64 bits vanish), and the capture must be the same bytes on every machine. Schemas are converted to
 *       JSON Schema 2020-12 ({@link SchemaConverter}); shared ones become {@code #/$defs/Name} ({@link SharedSchemas}).
 * </ol>
 *
 * <p>Servers: operation servers, then path-item servers, then document servers (Swagger 2.0: schemes, host and
 * basePath), then {@code -Dcask.baseUrl}. Any problem is a {@link CaskException} that names the file, the place and
 * the fix; the importer never returns a partial capture.
 */
public final class OpenApiImporter implements Importer {
  private static final Set<String> MARKERS = Set.of("openapi", "swagger");
  private static final long PROGRESS_THRESHOLD_NANOS = 1_000_000_000L;

  private final RemoteFetcher fetcher;
  private final Duration progressAfter;
  private final Duration progressEvery;

  public OpenApiImporter() {
    this(RemoteFetcher.http());
  }

  OpenApiImporter(RemoteFetcher fetcher) {
    this(fetcher, Progress.FIRST_AFTER, Progress.EVERY);
  }

  /** With other progress timing (tests drive it with a tiny interval). */
  OpenApiImporter(RemoteFetcher fetcher, Duration progressAfter, Duration progressEvery) {
    this.fetcher = fetcher;
    this.progressAfter = progressAfter;
    this.progressEvery = progressEvery;
  }

  @Override
  public String format() {
    return "openapi";
  }

  @Override
  public Set<String> markerKeys() {
    return MARKERS;
  }

  /**
   * A {@code .json}, {@code .yaml} or {@code .yml} file whose top level has an {@code openapi} or {@code swagger}
   * field, wherever it stands: a package.json that depends on a package named "openapi" is not a description.
   */
  @Override
  public boolean recognizes(Path file, InputSniff sniff) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    boolean document = name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    return document && sniff.marker() != null && MARKERS.contains(sniff.marker());
  }

  /** Reads the document; while it takes more than a second, progress lines say which step it is in. */
  @Override
  public Capture read(ImportRequest request) {
    try (Progress progress = Progress.start(request.displayPath(), request.log(), progressAfter, progressEvery)) {
      return read(request, progress);
    }
  }

  private Capture read(ImportRequest request, Progress progress) {
    long start = System.nanoTime();
    String displayPath = request.displayPath();
    ImportSettings settings = request.settings();
    BuildLog log = request.log();
    progress.stage("reading the file");
    byte[] bytes = readLimited(request.file(), displayPath, settings.maxInputBytes());
    progress.stage("parsing " + size(bytes.length));
    JsonNode tree = SpecTreeReader.read(bytes, displayPath);
    SpecVersion version = SpecVersion.detect(tree, displayPath);
    progress.stage("resolving $refs");
    SpecDocuments documents = SpecDocuments.open(request.file(), displayPath, tree, version, settings, fetcher);
    documents.checkAllReferences();
    documents.localFiles().forEach(request.reads());

    // swagger-parser checks the document; for 3.x nothing below needs its result until the end, so it runs on the
    // other core meanwhile (a 13 MB document takes it about a second). Swagger 2.0 needs its conversion first.
    CompletableFuture<SwaggerParserRun.Outcome> parsing =
        version == SpecVersion.SWAGGER_20
            ? CompletableFuture.completedFuture(SwaggerParserRun.run(request.file(), tree, displayPath, version))
            : CompletableFuture.supplyAsync(() -> SwaggerParserRun.run(request.file(), tree, displayPath, version));
    SortedMap<String, JsonNode> sharedSchemas;
    SortedMap<String, SecurityScheme> securitySchemes;
    List<CapturedOperation> operations;
    List<LeftOutOperation> leftOut;
    try {
      ServerUrls servers = new ServerUrls(displayPath, settings, log);
      String documentBaseUrl;
      if (version == SpecVersion.SWAGGER_20) {
        progress.stage("converting Swagger 2.0 with swagger-parser");
        documentBaseUrl = servers.swagger2(tree);
        documents = documents.withRootTree(Tasks.join(parsing).tree(), SpecVersion.OPENAPI_30);
      } else {
        documentBaseUrl = servers.first(new Located(documents.root(), "", tree).child("servers"));
      }
      SharedSchemas schemas = new SharedSchemas(documents, version.hasOpenApi30Schemas());
      securitySchemes = SecuritySchemes.read(documents);
      HostPatterns allowedHosts = HostPatterns.of(settings.allowHosts());
      OperationReader reader =
          new OperationReader(documents, schemas, servers, documentBaseUrl, allowedHosts, securitySchemes.keySet(), log);
      progress.stage(String.format(Locale.ROOT, "reading the operations of %,d paths", tree.path("paths").size()));
      operations = reader.read();
      leftOut = reader.leftOut();
      checkSomethingLeft(tree, displayPath, operations, reader, allowedHosts);
      if (reader.droppedCount() > 0) {
        log.info(displayPath + ": dropped " + reader.droppedCount() + " operations on hosts not allowed by"
            + " -Dcask.allowHosts=" + allowedHosts + " (" + String.join(", ", reader.droppedHosts()) + ")");
      }
      sharedSchemas = schemas.drain();
    } catch (RuntimeException readFailure) {
      Tasks.join(parsing); // swagger-parser's verdict on a broken document comes first, as when it ran first
      throw readFailure;
    }
    progress.stage("waiting for swagger-parser's validation");
    logWarnings(Tasks.join(parsing).warnings(), displayPath, log);

    CaptureSource source = new CaptureSource(
        SourceKind.OPENAPI,
        displayPath,
        CanonicalJson.sha256Hex(bytes),
        JsonValues.text(tree.path("info"), "title"),
        JsonValues.text(tree.path("info"), "version"));
    Capture capture =
        Capture.of(List.of(source), operations, sharedSchemas, securitySchemes, List.of()).withLeftOut(leftOut);
    logProgress(displayPath, bytes.length, System.nanoTime() - start, operations.size(), log);
    return capture;
  }

  private static byte[] readLimited(Path file, String displayPath, long maxInputBytes) {
    try {
      long size = Files.size(file);
      if (size > maxInputBytes) {
        throw InputLimits.tooLarge(displayPath, size, maxInputBytes);
      }
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new CaskException(displayPath, null, "does not exist", "check the input path");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + displayPath, e);
    }
  }

  private static void checkSomethingLeft(
      JsonNode tree, String displayPath, List<CapturedOperation> operations, OperationReader reader, HostPatterns hosts) {
    if (!operations.isEmpty()) {
      return;
    }
    List<LeftOutOperation> leftOut = reader.leftOut();
    if (!leftOut.isEmpty()) {
      throw LeftOutOperations.noneCompiled(leftOut);
    }
    if (reader.droppedCount() > 0) {
      throw new CaskException(displayPath, "/paths",
          "none of its " + reader.droppedCount() + " operations is on a host allowed by -Dcask.allowHosts=" + hosts
              + " (its hosts: " + String.join(", ", reader.droppedHosts()) + ")",
          "add the host to -Dcask.allowHosts, or remove the file from the inputs");
    }
    String webhooks = tree.path("webhooks").isEmpty() ? "" : " (webhooks are calls the API makes, not operations a tool can call)";
    throw new CaskException(displayPath, "/paths", "declares no operations" + webhooks,
        "add at least one operation under paths, or remove the file from the inputs");
  }

  private static void logWarnings(List<String> warnings, String displayPath, BuildLog log) {
    int shown = Math.min(warnings.size(), 20);
    for (int i = 0; i < shown; i++) {
      log.warn(displayPath + ": " + warnings.get(i));
    }
    if (warnings.size() > shown) {
      log.warn(displayPath + ": ... and " + (warnings.size() - shown) + " more swagger-parser warnings");
    }
  }

  private static void logProgress(String displayPath, long bytes, long nanos, int operations, BuildLog log) {
    String line = String.format(Locale.ROOT, "parsed %s (%s) in %.1f s: %,d operations",
        displayPath, size(bytes), nanos / 1e9, operations);
    if (nanos > PROGRESS_THRESHOLD_NANOS) {
      log.info(line);
    } else {
      log.debug(line);
    }
  }

  private static String size(long bytes) {
    if (bytes >= 1_000_000) {
      return String.format(Locale.ROOT, "%d MB", Math.round(bytes / 1e6));
    }
    return String.format(Locale.ROOT, "%d kB", Math.max(1, Math.round(bytes / 1e3)));
  }

}
