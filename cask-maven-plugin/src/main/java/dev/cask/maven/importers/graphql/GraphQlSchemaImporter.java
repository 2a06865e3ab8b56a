package dev.cask.maven.importers.graphql;

import dev.cask.maven.importers.ImportRequest;
import dev.cask.maven.importers.Importer;
import dev.cask.maven.importers.InputSniff;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.model.capture.Capture;
import dev.cask.runtime.model.capture.CaptureSource;
import dev.cask.runtime.model.capture.SourceKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Recognizes a GraphQL schema among the inputs: SDL ({@code .graphql}, {@code .graphqls}, {@code .gql}) or the JSON
 * answer of an introspection query (a {@code __schema} field, at the top or under {@code data}). A schema has no
 * operations of its own: it types the variables of the GraphQL operations found in the traffic.
 */
public final class GraphQlSchemaImporter implements Importer {
  private static final Set<String> SDL_NAMES = Set.of(".graphql", ".graphqls", ".gql");

  @Override
  public String format() {
    return "graphql";
  }

  @Override
  public Set<String> markerKeys() {
    return Set.of("__schema", "data");
  }

  @Override
  public boolean recognizes(Path file, InputSniff sniff) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (SDL_NAMES.stream().anyMatch(name::endsWith)) {
      return true;
    }
    String marker = sniff.marker();
    return "__schema".equals(marker) || ("data".equals(marker) && sniff.head().contains("\"__schema\""));
  }

  /** The schema, read strictly; errors name the file. */
  public GraphQlSchema load(ImportRequest request) {
    try {
      return GraphQlSchema.read(Files.readAllBytes(request.file()), request.displayPath());
    } catch (IOException e) {
      throw new CaskException(request.displayPath(), null, "cannot be read: " + e.getMessage(), "check the file");
    }
  }

  /** The schema as a source of a capture without operations. */
  @Override
  public Capture read(ImportRequest request) {
    GraphQlSchema schema = load(request);
    return Capture.of(List.of(source(schema)), List.of(), null, null, List.of());
  }

  public static CaptureSource source(GraphQlSchema schema) {
    return new CaptureSource(SourceKind.GRAPHQL, schema.source(), schema.sha256(), null, null);
  }
}
