package dev.cask.maven.drift;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.maven.compile.CompileSettings;
import dev.cask.maven.compile.CompiledToolpack;
import dev.cask.maven.compile.ToolpackCompiler;
import dev.cask.maven.diff.ToolpackSnapshot;
import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.json.CaskMappers;
import dev.cask.runtime.model.HttpMethod;
import dev.cask.runtime.model.ParameterLocation;
import dev.cask.runtime.model.capture.Capture;
import dev.cask.runtime.model.capture.CaptureSource;
import dev.cask.runtime.model.capture.CapturedOperation;
import dev.cask.runtime.model.capture.Evidence;
import dev.cask.runtime.model.capture.MediaContent;
import dev.cask.runtime.model.capture.Parameter;
import dev.cask.runtime.model.capture.RequestBody;
import dev.cask.runtime.model.capture.Response;
import dev.cask.runtime.model.capture.SecurityRequirement;
import dev.cask.runtime.model.capture.SecurityScheme;
import dev.cask.runtime.model.capture.SourceKind;
import dev.cask.runtime.model.capture.SourceRef;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The drift fixture: an approved "shop" toolpack compiled from a spec capture, and a traffic capture of the same API
 * that drifted in every way drift reports.
 */
final class DriftFixtures {
  static final String BASE = "https://api.shop.example/v1";

  private DriftFixtures() {}

  static JsonNode json(String text) {
    try {
      return CaskMappers.json().readTree(text.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** The approved toolpack, compiled by the real compiler from the spec capture. */
  static ToolpackSnapshot baseline() {
    CompiledToolpack compiled =
        new ToolpackCompiler(CompileSettings.of("shop", "1.0.0"), BuildLog.silent()).compile(specCapture());
    return new ToolpackSnapshot("target/cask", compiled.tools(), compiled.policy(), null, compiled.capture());
  }

  static Capture specCapture() {
    TreeMap<String, JsonNode> schemas = new TreeMap<>();
    schemas.put("LineItem", json("{'type':'object','properties':{'sku':{'type':'string'},'qty':{'type':'integer'}},'required':['sku','qty']}"));
    schemas.put("Order", json("{'type':'object','properties':{'id':{'type':'integer'},'items':{'type':'array','items':{'$ref':'#/$defs/LineItem'}},'total':{'type':'number'}},'required':['id','items']}"));
    List<CapturedOperation> operations = List.of(
        op(HttpMethod.GET, BASE, "/orders/{orderId}", "spec",
            List.of(param("orderId", ParameterLocation.PATH, true, "{'type':'integer'}"),
                param("expand", ParameterLocation.QUERY, false, "{'type':'string','enum':['items']}")),
            null,
            List.of(response("200", "{'$ref':'#/$defs/Order'}"), response("404", null)),
            List.of(bearer())),
        op(HttpMethod.POST, BASE, "/orders", "spec", List.of(),
            new RequestBody(true, null, List.of(new MediaContent("application/json", json("{'$ref':'#/$defs/LineItem'}")))),
            List.of(response("201", "{'type':'object','properties':{'id':{'type':'integer'}}}")),
            List.of(bearer())),
        op(HttpMethod.GET, BASE, "/health", "spec", List.of(), null, List.of(response("200", null)), List.of()));
    return Capture.of(
        List.of(new CaptureSource(SourceKind.OPENAPI, "src/main/cask/shop.yaml", "00", "Shop", "1")),
        operations, schemas,
        new TreeMap<>(Map.of("bearer", new SecurityScheme("http", "bearer", null, null, null, null))), List.of());
  }

  /** What a HAR of the app showed a month later. */
  static Capture trafficCapture() {
    List<CapturedOperation> operations = List.of(
        observed(op(HttpMethod.GET, BASE, "/orders/{orderId}", "har",
            List.of(param("orderId", ParameterLocation.PATH, true, "{'type':'integer'}"),
                param("expand", ParameterLocation.QUERY, false, "{'type':'string'}"),
                param("debug", ParameterLocation.QUERY, false, "{'type':'boolean'}")),
            null,
            List.of(response("200", "{'type':'object','properties':{'id':{'type':'integer'},'items':{'type':'array','items':{'type':'object','properties':{'sku':{'type':'string'},'qty':{'type':'string'}},'required':['sku','qty']}},'total':{'type':'integer'},'coupon':{'type':'string'}},'required':['id','items','total']}"),
                response("500", null)),
            List.of(apiKey())), Map.of("200", 12, "500", 1)),
        observed(op(HttpMethod.POST, BASE, "/orders", "har", List.of(),
            new RequestBody(true, null, List.of(new MediaContent("application/json",
                json("{'type':'object','properties':{'sku':{'type':'string'}},'required':['sku']}")))),
            List.of(response("201", "{'type':'object','properties':{'id':{'type':'integer'}}}")),
            List.of(bearer())), Map.of("201", 3)),
        observed(op(HttpMethod.DELETE, BASE, "/orders/{orderId}", "har",
            List.of(param("orderId", ParameterLocation.PATH, true, "{'type':'integer'}")), null,
            List.of(response("204", null)), List.of(bearer())), Map.of("204", 2)),
        observed(op(HttpMethod.POST, "https://tracker.example.net", "/collect", "har", List.of(), null,
            List.of(response("204", null)), List.of()), Map.of("204", 40)));
    return Capture.of(
        List.of(new CaptureSource(SourceKind.HAR, "captures/shop.har", "11", null, null)),
        operations, new TreeMap<>(),
        new TreeMap<>(Map.of(
            "bearer", new SecurityScheme("http", "bearer", null, null, null, null),
            "apiKeyHeader", new SecurityScheme("apiKey", null, "header", "X-Api-Key", null, null))),
        List.of());
  }

  static CapturedOperation op(
      HttpMethod method, String baseUrl, String path, String kind, List<Parameter> parameters, RequestBody body,
      List<Response> responses, List<SecurityRequirement> security) {
    String source = kind.equals("spec") ? "src/main/cask/shop.yaml" : "captures/shop.har";
    String locator = kind.equals("spec")
        ? "/paths/" + path.replace("/", "~1") + "/" + method.name().toLowerCase(java.util.Locale.ROOT) : "entries/0";
    return new CapturedOperation(method, baseUrl, path, null, path, null, List.of(), false, parameters, body, responses,
        security, new SourceRef(source, locator), null);
  }

  static CapturedOperation observed(CapturedOperation op, Map<String, Integer> statuses) {
    return new CapturedOperation(op.method(), op.baseUrl(), op.path(), op.operationId(), op.summary(), op.description(),
        op.tags(), op.deprecated(), op.parameters(), op.requestBody(), op.responses(), op.security(), op.origin(),
        new Evidence(statuses.values().stream().mapToInt(Integer::intValue).sum(), new TreeMap<>(statuses),
            List.of("application/json"), List.of(op.origin()), 0, 0, List.of(), List.of()));
  }

  static Parameter param(String name, ParameterLocation in, boolean required, String schema) {
    return new Parameter(name, in, required, json(schema), null, null, null, false);
  }

  static Response response(String status, String schema) {
    return new Response(status, null, schema == null ? List.of() : List.of(new MediaContent("application/json", json(schema))));
  }

  static SecurityRequirement bearer() {
    return new SecurityRequirement(new TreeMap<>(Map.of("bearer", List.of())));
  }

  static SecurityRequirement apiKey() {
    return new SecurityRequirement(new TreeMap<>(Map.of("apiKeyHeader", List.of())));
  }
}
