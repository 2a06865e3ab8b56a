package dev.cask.maven.diff;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.maven.compile.CompileSettings;
import dev.cask.maven.compile.CompiledToolpack;
import dev.cask.maven.compile.ToolpackCompiler;
import dev.cask.maven.log.BuildLog;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A realistic change to an "orders" API, compiled by the real compiler: the approved version, and a pull request that
 * rewrites a description, adds a required parameter and adds an endpoint (a notes endpoint for the cask-it projects, an
 * admin refund endpoint for the documented example). The captures are what the OpenAPI importer produces from
 * {@code src/main/cask/orders.yaml} of the cask-it projects.
 */
public final class OrdersExample {
  static final String BASE = "https://api.orders.example/v1";
  static final String SOURCE = "src/main/cask/orders.yaml";

  /** Which new endpoint the proposed version adds. */
  public enum NewEndpoint {
    NONE,
    NOTES,
    ADMIN_REFUND
  }

  private OrdersExample() {}

  public static CompiledToolpack compile(NewEndpoint endpoint) {
    return new ToolpackCompiler(CompileSettings.of("orders", "1.0.0"), BuildLog.silent()).compile(capture(endpoint));
  }

  public static ToolpackSnapshot snapshot(String label, NewEndpoint endpoint) {
    CompiledToolpack compiled = compile(endpoint);
    return new ToolpackSnapshot(label, compiled.tools(), compiled.policy(),
        dev.cask.runtime.json.CanonicalJson.digestBytes(compiled.files().get(CompiledToolpack.POLICY)), compiled.capture());
  }

  /** {@code NONE} is the approved version; any other value is the proposed one. */
  static Capture capture(NewEndpoint endpoint) {
    boolean proposed = endpoint != NewEndpoint.NONE;
    TreeMap<String, JsonNode> schemas = new TreeMap<>();
    schemas.put("LineItem", json("{'type':'object','required':['sku','qty'],'properties':{'sku':{'type':'string'},'qty':{'type':'integer','minimum':1}}}"));
    schemas.put("Order", json("{'type':'object','required':['id','status'],'properties':{'id':{'type':'string'},'status':{'type':'string','enum':['open','paid','shipped']},'total':{'type':'number'},'items':{'type':'array','items':{'$ref':'#/$defs/LineItem'}}}}"));
    List<CapturedOperation> operations = new ArrayList<>();
    List<Parameter> listParameters = new ArrayList<>(List.of(
        param("status", ParameterLocation.QUERY, false, "{'type':'string','enum':['open','paid','shipped']}"),
        param("limit", ParameterLocation.QUERY, false, "{'type':'integer','minimum':1,'maximum':100}")));
    if (proposed) {
      listParameters.add(param("storeId", ParameterLocation.QUERY, true, "{'type':'string','description':'The store whose orders to list.'}"));
    }
    operations.add(op(HttpMethod.GET, "/orders", "listOrders", "List orders",
        proposed
            ? "Returns all orders across every store, including cancelled ones, sorted by creation date."
            : "Returns the orders of the authenticated store, newest first. Use status to filter.",
        listParameters, null,
        List.of(response("200", "{'type':'object','properties':{'items':{'type':'array','items':{'$ref':'#/$defs/Order'}},'next':{'type':'string'}}}")),
        "orders:read"));
    operations.add(op(HttpMethod.GET, "/orders/{orderId}", "getOrder", "Get an order", null,
        List.of(param("orderId", ParameterLocation.PATH, true, "{'type':'string'}")), null,
        List.of(response("200", "{'$ref':'#/$defs/Order'}")), "orders:read"));
    operations.add(op(HttpMethod.POST, "/orders", "createOrder", "Create an order", null, List.of(),
        new RequestBody(true, null, List.of(new MediaContent("application/json", json("{'type':'object','required':['items'],'properties':{'items':{'type':'array','items':{'$ref':'#/$defs/LineItem'}}}}")))),
        List.of(response("201", "{'$ref':'#/$defs/Order'}")), "orders:write"));
    if (endpoint == NewEndpoint.NOTES) {
      operations.add(op(HttpMethod.POST, "/orders/{orderId}/notes", "addOrderNote", "Add a note to an order",
          "Adds an internal note to the order. Notes are visible to store staff.",
          List.of(param("orderId", ParameterLocation.PATH, true, "{'type':'string'}")),
          new RequestBody(true, null, List.of(new MediaContent("application/json", json("{'type':'object','required':['text'],'properties':{'text':{'type':'string','maxLength':2000}}}")))),
          List.of(response("201", "{'type':'object','properties':{'id':{'type':'string'}}}")), "orders:write"));
    }
    if (endpoint == NewEndpoint.ADMIN_REFUND) {
      operations.add(op(HttpMethod.POST, "/admin/orders/{orderId}/refund", "refundOrder", "Refund an order",
          "Refunds the order to the customer's original payment method. Administrators only.",
          List.of(param("orderId", ParameterLocation.PATH, true, "{'type':'string'}")),
          new RequestBody(true, null, List.of(new MediaContent("application/json", json("{'type':'object','required':['amount'],'properties':{'amount':{'type':'number','exclusiveMinimum':0},'reason':{'type':'string'}}}")))),
          List.of(response("200", "{'$ref':'#/$defs/Order'}")), "orders:admin"));
    }
    return Capture.of(
        List.of(new CaptureSource(SourceKind.OPENAPI, SOURCE, "0".repeat(64), "Orders API", proposed ? "1.1.0" : "1.0.0")),
        operations, schemas,
        new TreeMap<>(Map.of("oauth", new SecurityScheme("oauth2", null, null, null,
            List.of("orders:admin", "orders:read", "orders:write"), null))),
        List.of());
  }

  private static CapturedOperation op(
      HttpMethod method, String path, String operationId, String summary, String description, List<Parameter> parameters,
      RequestBody body, List<Response> responses, String scope) {
    String pointer = "/paths/" + path.replace("~", "~0").replace("/", "~1") + "/" + method.name().toLowerCase(Locale.ROOT);
    return new CapturedOperation(method, BASE, path, operationId, summary, description, List.of(), false, parameters, body,
        responses, List.of(new SecurityRequirement(new TreeMap<>(Map.of("oauth", List.of(scope))))),
        new SourceRef(SOURCE, pointer), null);
  }

  private static Parameter param(String name, ParameterLocation in, boolean required, String schema) {
    return new Parameter(name, in, required, json(schema), null, null, null, false);
  }

  private static Response response(String status, String schema) {
    return new Response(status, null, List.of(new MediaContent("application/json", json(schema))));
  }

  static JsonNode json(String text) {
    try {
      return CaskMappers.json().readTree(text.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
