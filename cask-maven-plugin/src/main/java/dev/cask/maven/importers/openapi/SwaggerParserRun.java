package dev.cask.maven.importers.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.maven.importers.ImportSettings;
import dev.cask.runtime.CaskException;
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
 * from the same tree meanwhile, without a copy), and as the converter of Swagger 2.0 to OpenAPI 3.0 (given the
 * location so that relative file references resolve; {@link SpecDocuments#checkAllReferences()} has already approved
 * every one of them).
 *
 * <p>swagger-parser's YAML limits are static settings. They are set here on every run: the code point limit follows
 * {@code maxInputBytes} (its default, 3 MiB, makes larger YAML fail with no message at all); its alias cycle check is
 * off because {@link YamlTrees} already refused recursive aliases (the check makes a 10 MB YAML parse take 28 s
 * instead of 6 s); and its alias limit is Cask's, not unlimited.
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
  static Outcome run(Path file, JsonNode document, String displayPath, SpecVersion version, ImportSettings settings) {
    configureYamlLimits(settings);
    ParseOptions options = new ParseOptions();
    options.setResolve(version == SpecVersion.SWAGGER_20);
    options.setResolveFully(false);
    options.setFlatten(false);
    options.setValidateExternalRefs(false);
    SwaggerParseResult result =
        version == SpecVersion.SWAGGER_20
            ? new SwaggerConverter().readLocation(file.toAbsolutePath().toString(), null, options)
            : new OpenAPIV3Parser().parseJsonNode(displayPath, document, options);
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

  private static synchronized void configureYamlLimits(ImportSettings settings) {
    int codePoints = (int) Math.min(Integer.MAX_VALUE, Math.max(3L * 1024 * 1024, settings.maxInputBytes()));
    var v3 = io.swagger.v3.parser.util.DeserializationUtils.getOptions();
    v3.setMaxYamlCodePoints(codePoints);
    v3.setYamlCycleCheck(false);
    v3.setMaxYamlAliasesForCollections(YamlTrees.MAX_ALIASES);
    var v2 = io.swagger.parser.util.DeserializationUtils.getOptions();
    v2.setMaxYamlCodePoints(codePoints);
    v2.setYamlCycleCheck(false);
    v2.setMaxYamlAliasesForCollections(YamlTrees.MAX_ALIASES);
  }
}
