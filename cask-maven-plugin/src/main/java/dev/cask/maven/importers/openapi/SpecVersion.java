package dev.cask.maven.importers.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.CaskException;
import java.util.regex.Pattern;

/** The description formats the importer reads, told apart by the document's own version field. */
enum SpecVersion {
  SWAGGER_20,
  OPENAPI_30,
  OPENAPI_31;

  private static final Pattern OPENAPI_30_VERSION = Pattern.compile("3\\.0\\.\\d+(-.+)?");
  private static final Pattern OPENAPI_31_VERSION = Pattern.compile("3\\.1\\.\\d+(-.+)?");
  private static final String SUPPORTED = "Cask reads Swagger 2.0, OpenAPI 3.0.x and OpenAPI 3.1.x";

  /** Whether schemas follow OpenAPI 3.0's JSON Schema dialect (nullable, boolean exclusive bounds, example). */
  boolean hasOpenApi30Schemas() {
    return this != OPENAPI_31;
  }

  static SpecVersion detect(JsonNode root, String displayPath) {
    if (!root.isObject()) {
      throw notOpenApi(displayPath, "its top level is " + (root.isArray() ? "a list" : "a single value"));
    }
    JsonNode swagger = root.get("swagger");
    JsonNode openapi = root.get("openapi");
    if (swagger != null && openapi != null) {
      throw new CaskException(
          displayPath, "/", "has both 'swagger' and 'openapi' fields", "keep only the one that matches the document");
    }
    if (swagger != null) {
      if (swagger.isValueNode() && swagger.asText().equals("2.0")) {
        return SWAGGER_20;
      }
      throw unsupported(displayPath, "/swagger", "swagger: " + swagger.asText(),
          "convert it to OpenAPI 3 (for example with the Swagger Editor or swagger2openapi)");
    }
    if (openapi != null) {
      String text = openapi.isTextual() ? openapi.asText() : "";
      if (OPENAPI_30_VERSION.matcher(text).matches()) {
        return OPENAPI_30;
      }
      if (OPENAPI_31_VERSION.matcher(text).matches()) {
        return OPENAPI_31;
      }
      throw unsupported(displayPath, "/openapi", "openapi: " + openapi.asText()
          + (openapi.isTextual() ? "" : " (the version must be a quoted string)"),
          "use an OpenAPI 3.0.x or 3.1.x document");
    }
    throw notOpenApi(displayPath, "it has no 'openapi' or 'swagger' field");
  }

  private static CaskException notOpenApi(String displayPath, String why) {
    return new CaskException(
        displayPath,
        null,
        "is not an OpenAPI or Swagger document: " + why,
        "point the input at an OpenAPI 3.x or Swagger 2.0 description, or remove the file from the inputs");
  }

  private static CaskException unsupported(String displayPath, String pointer, String found, String fix) {
    return new CaskException(displayPath, pointer, "unsupported version " + found + " (" + SUPPORTED + ")", fix);
  }
}
