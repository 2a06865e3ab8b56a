package dev.cask.maven.compile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.json.CaskMappers;
import dev.cask.runtime.model.HttpMethod;
import dev.cask.runtime.model.ParameterLocation;
import dev.cask.runtime.model.capture.Capture;
import dev.cask.runtime.model.capture.CaptureSource;
import dev.cask.runtime.model.capture.CapturedOperation;
import dev.cask.runtime.model.capture.MediaContent;
import dev.cask.runtime.model.capture.Parameter;
import dev.cask.runtime.model.capture.RequestBody;
import dev.cask.runtime.model.capture.Response;
import dev.cask.runtime.model.capture.SecurityRequirement;
import dev.cask.runtime.model.capture.SecurityScheme;
import dev.cask.runtime.model.capture.SourceKind;
import dev.cask.runtime.model.capture.SourceRef;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Small builders for captured operations in compiler tests (no importer involved). */
final class Ops {
  private Ops() {}

  static JsonNode json(String text) {
    try {
      return CaskMappers.json().readTree(text.replace('\'', '"'));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Builder op(String method, String path) {
    return new Builder(HttpMethod.parse(method), path);
  }

  static Capture capture(CapturedOperation... operations) {
    return capture(new TreeMap<>(), operations);
  }

  static Capture capture(SortedMap<String, JsonNode> schemas, CapturedOperation... operations) {
    return Capture.of(
        List.of(new CaptureSource(SourceKind.OPENAPI, "src/main/cask/api.yaml", "00", "Test API", "1")),
        List.of(operations),
        schemas,
        new TreeMap<>(Map.of(
            "key", new SecurityScheme("apiKey", null, "header", "X-Api-Key", null, null),
            "oauth", new SecurityScheme("oauth2", null, null, null, List.of("admin:org", "read:user"), null))),
        List.of());
  }

  static final class Builder {
    private final HttpMethod method;
    private final String path;
    private String baseUrl = "https://api.example.com/v1";
    private String operationId;
    private String summary;
    private String description;
    private boolean deprecated;
    private final List<Parameter> parameters = new ArrayList<>();
    private RequestBody body;
    private final List<Response> responses = new ArrayList<>();
    private final List<SecurityRequirement> security = new ArrayList<>();

    Builder(HttpMethod method, String path) {
      this.method = method;
      this.path = path;
    }

    Builder baseUrl(String value) {
      baseUrl = value;
      return this;
    }

    Builder id(String value) {
      operationId = value;
      return this;
    }

    Builder summary(String value) {
      summary = value;
      return this;
    }

    Builder description(String value) {
      description = value;
      return this;
    }

    Builder deprecated() {
      deprecated = true;
      return this;
    }

    Builder param(String in, String name, boolean required, String schema) {
      parameters.add(new Parameter(name, ParameterLocation.parse(in), required, json(schema), null, null, null, false));
      return this;
    }

    Builder body(String mediaType, String schema, boolean required) {
      body = new RequestBody(required, null, List.of(new MediaContent(mediaType, json(schema))));
      return this;
    }

    Builder response(String status, String schema) {
      responses.add(new Response(status, null, List.of(new MediaContent("application/json", json(schema)))));
      return this;
    }

    Builder response(String status, String mediaType, String schema) {
      responses.add(new Response(status, null, List.of(new MediaContent(mediaType, schema == null ? null : json(schema)))));
      return this;
    }

    Builder responseWithoutBody(String status) {
      responses.add(new Response(status, null, List.of()));
      return this;
    }

    Builder security(String scheme, String... scopes) {
      security.add(new SecurityRequirement(new TreeMap<>(Map.of(scheme, List.of(scopes)))));
      return this;
    }

    CapturedOperation build() {
      return new CapturedOperation(
          method, baseUrl, path, operationId, summary, description, List.of(), deprecated, parameters, body,
          responses, security, new SourceRef("src/main/cask/api.yaml", "/paths/" + path.replace("/", "~1") + "/" + method.name().toLowerCase(java.util.Locale.ROOT)), null);
    }
  }
}
