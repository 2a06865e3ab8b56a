package dev.cask.maven.importers.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.CaskException;
import io.swagger.parser.Swagger20Parser;
import io.swagger.parser.SwaggerResolver;
import io.swagger.parser.util.SwaggerDeserializationResult;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.converter.SwaggerConverter;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs swagger-parser: as a validator of OpenAPI 3 documents (given the parsed tree, never the location, and with
 * reference resolution off, so it reads no file and no URL; it only reads the tree, so the importer reads operations
 * from the same tree meanwhile, without a copy), and as the converter of Swagger 2.0 to OpenAPI 3.0 (given the same
 * tree, and the location only so that relative file references resolve; {@link SpecDocuments#checkAllReferences()}
 * has already approved every one of them).
 *
 * <p>swagger-parser never parses the input document's text: its YAML limits are static, process-wide settings (a
 * 3 MiB code point limit that makes larger YAML fail with no message at all, a slow alias cycle check), and changing
 * them inside a goal Maven may run on several threads at once would race. Cask's own parser ({@link SpecTreeReader})
 * reads the text under Cask's limits; swagger-parser gets the tree. Only files a Swagger 2.0 document refers to are
 * read by swagger-parser's resolver, with its defaults.
 */
final class SwaggerParserRun {
  /**
   * @param tree the Swagger 2.0 document converted to OpenAPI 3.0, or null for OpenAPI 3 input
   * @param warnings messages that do not stop the import
   */
  record Outcome(JsonNode tree, List<String> warnings) {}

  private SwaggerParserRun() {}

  /**
   * @param document the document as Cask read it: for OpenAPI 3 swagger-parser checks this tree instead of
   *     parsing the text again (for a 13 MB document that second parse was a third of its time)
   */
  static Outcome run(Path file, JsonNode document, String displayPath, SpecVersion version) {
    SwaggerParseResult result =
        version == SpecVersion.SWAGGER_20 ? convertSwagger2(file, document) : validateOpenApi3(document, displayPath);
    List<String> messages = result.getMessages() == null ? List.of() : result.getMessages();
    List<String> fatal = messages.stream().filter(ParserMessages::isFatal).toList();
    if (result.getOpenAPI() == null || !fatal.isEmpty()) {
      List<String> shown = fatal.isEmpty() ? messages : fatal;
      throw new CaskException(
          displayPath,
          null,
          "swagger-parser cannot read it: " + (shown.isEmpty() ? "no reason given" : String.join("; ", shown)),
          "correct the document (an OpenAPI validator such as the Swagger Editor shows the same problems)");
    }
    List<String> warnings = new ArrayList<>(messages);
    if (version == SpecVersion.OPENAPI_31) {
      // OpenAPI 3.1 made responses optional; swagger-parser still reports them as missing.
      warnings.removeIf(message -> message.endsWith(".responses is missing"));
    }
    JsonNode tree = version == SpecVersion.SWAGGER_20 ? Json.mapper().valueToTree(result.getOpenAPI()) : null;
    return new Outcome(tree, warnings);
  }

  private static SwaggerParseResult validateOpenApi3(JsonNode document, String displayPath) {
    ParseOptions options = new ParseOptions();
    options.setResolve(false);
    options.setResolveFully(false);
    options.setFlatten(false);
    options.setValidateExternalRefs(false);
    return new OpenAPIV3Parser().parseJsonNode(displayPath, document, options);
  }

  /** What swagger-parser's converter does with a location, from the tree instead: read, resolve, convert. */
  private static SwaggerParseResult convertSwagger2(Path file, JsonNode document) {
    SwaggerDeserializationResult read = new Swagger20Parser().readWithInfo(document.deepCopy());
    if (read != null && read.getSwagger() != null) {
      String location = file.toAbsolutePath().toString().replace('\\', '/');
      read.setSwagger(new SwaggerResolver(read.getSwagger(), new ArrayList<>(), location).resolve());
    }
    return new SwaggerConverter().convert(read);
  }
}
