package dev.cask.maven.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cask.maven.bench.CompileToolpack;
import dev.cask.maven.importers.CaptureImporter;
import dev.cask.maven.importers.GeneratedShapes;
import dev.cask.maven.importers.ImportSettings;
import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.model.capture.Capture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Swagger 2.0 goes through swagger-parser's typed model on its way to OpenAPI 3.0 (OpenAPI 3 documents do not), so it
 * gets its own check: the same multi-file Swagger 2.0 description gives byte-identical toolpack files in another
 * directory, under another locale and time zone, and in a fresh JVM (hash orders and class initialisation differ).
 */
class SwaggerToolpackDeterminismTest {
  private static final List<String> FILES = List.of("toolpack.yaml", "tools.json", "policy.yaml", "capture.json");

  @TempDir Path temp;

  @Test
  void theSameSwagger2DescriptionGivesTheSameToolpackBytesEverywhere() throws Exception {
    Path first = writeDescription(temp.resolve("checkout-one"));
    Path second = writeDescription(temp.resolve("somewhere/else/two"));
    Path third = writeDescription(temp.resolve("third"));

    Map<String, byte[]> reference = compile(first);
    Map<String, byte[]> turkish;
    Locale locale = Locale.getDefault();
    TimeZone zone = TimeZone.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag("tr-TR"));
      TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati")); // UTC+14: a date moved by a zone shows here
      turkish = compile(second);
    } finally {
      Locale.setDefault(locale);
      TimeZone.setDefault(zone);
    }
    Path freshOut = compileInFreshJvm(third, "America/St_Johns", "de", "DE"); // UTC-3:30

    assertThat(turkish.keySet()).isEqualTo(reference.keySet());
    for (String file : FILES) {
      assertThat(new String(turkish.get(file), StandardCharsets.UTF_8)).as(file + " under tr-TR, UTC+14")
          .isEqualTo(new String(reference.get(file), StandardCharsets.UTF_8));
      assertThat(Files.readAllBytes(freshOut.resolve(file))).as(file + " in a fresh JVM under de-DE, UTC-3:30")
          .isEqualTo(reference.get(file));
    }
    String capture = new String(reference.get("capture.json"), StandardCharsets.UTF_8);
    assertThat(capture).contains("\"2020-12-31\"", "\"2021-02-03T04:05:06.789+01:00\"", "\"Owner\"");
  }

  private static Map<String, byte[]> compile(Path dir) {
    Path input = dir.resolve("api.yaml");
    Capture capture = CaptureImporter.standard().importAll(dir, List.of(input), ImportSettings.defaults(), BuildLog.silent());
    return new ToolpackCompiler(CompileSettings.of("swagger-two", "1.0.0"), BuildLog.silent()).compile(capture).files();
  }

  private Path compileInFreshJvm(Path dir, String zone, String language, String country)
      throws IOException, InterruptedException {
    Path out = temp.resolve("fresh-out");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Duser.timezone=" + zone, "-Duser.language=" + language, "-Duser.country=" + country,
        "-cp", System.getProperty("java.class.path"),
        CompileToolpack.class.getName(), "swagger-two", dir.resolve("api.yaml").toString(), out.toString()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("the fresh JVM finished").isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return out;
  }

  /** A Swagger 2.0 description in three files, full of what a typed model could reorder or reinterpret. */
  static Path writeDescription(Path dir) {
    GeneratedShapes.write(dir.resolve("definitions/owner.yaml"), """
        Owner:
          type: object
          required: [id, since]
          properties:
            id: {type: integer, format: int64, maximum: 9223372036854775807}
            since: {type: string, format: date, default: "2020-01-01"}
            seen: {type: string, format: date-time, example: "2021-02-03T04:05:06.789+01:00"}
            ratio: {type: number, multipleOf: 0.01, minimum: 0.5}
            tags: {type: object, additionalProperties: {type: string}}
        """);
    GeneratedShapes.write(dir.resolve("parameters.yaml"), """
        limit: {name: limit, in: query, type: integer, minimum: 1, maximum: 500, default: 50}
        day: {name: day, in: query, type: string, format: date, enum: ["2020-01-01", "2020-12-31"]}
        """);
    return GeneratedShapes.write(dir.resolve("api.yaml"), """
        swagger: "2.0"
        info: {title: Swagger two, version: "2.4"}
        host: pets.example.com
        basePath: /v2
        schemes: [https]
        consumes: [application/json]
        produces: [application/json, application/xml]
        securityDefinitions:
          zeta: {type: apiKey, in: header, name: X-Zeta-Key}
          alpha: {type: basic}
          oauth:
            type: oauth2
            flow: implicit
            authorizationUrl: https://auth.example.com/authorize
            scopes: {write:pets: modify pets, read:pets: read pets, admin: everything}
        security: [{zeta: []}, {oauth: [read:pets]}]
        paths:
          /pets:
            get:
              operationId: listPets
              parameters:
                - $ref: 'parameters.yaml#/limit'
                - $ref: 'parameters.yaml#/day'
                - {name: status, in: query, type: array, items: {type: string, enum: [sold, available]}, collectionFormat: multi}
              responses:
                "200":
                  description: Pets.
                  schema: {type: array, items: {$ref: '#/definitions/Pet'}}
                  examples:
                    application/json: [{"id": 1, "born": "2020-01-01"}]
            post:
              operationId: addPet
              parameters:
                - {name: body, in: body, required: true, schema: {$ref: '#/definitions/Pet'}}
              responses:
                "201": {description: Added., schema: {$ref: '#/definitions/Pet'}}
          /pets/{petId}/photo:
            post:
              operationId: uploadPhoto
              consumes: [multipart/form-data]
              parameters:
                - {name: petId, in: path, required: true, type: integer, format: int64}
                - {name: file, in: formData, type: file, required: true}
                - {name: caption, in: formData, type: string, maxLength: 140}
              responses:
                "204": {description: Stored.}
        definitions:
          Pet:
            type: object
            discriminator: kind
            required: [id, kind]
            properties:
              kind: {type: string}
              id: {type: integer, format: int64}
              born: {type: string, format: date, example: "2019-12-31"}
              price: {type: number, format: double, default: 10.50}
              owner: {$ref: 'definitions/owner.yaml#/Owner'}
              nicknames: {type: array, items: {type: string}, uniqueItems: true}
          Cat:
            allOf:
              - $ref: '#/definitions/Pet'
              - {type: object, properties: {indoor: {type: boolean, default: true}}}
        """).getParent();
  }
}
