package dev.cask.maven.verify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.model.capture.Capture;
import dev.cask.runtime.model.capture.CapturedOperation;
import dev.cask.runtime.model.capture.RecordedExchange;
import dev.cask.runtime.model.capture.SecurityScheme;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every call kept as evidence in {@code capture.json}, resolved from the call alone to the one approved tool it
 * belongs to, with the arguments that tool would need to make it. Both the replay and the outcome contract work from
 * these.
 */
final class RecordedCalls {
  /**
   * @param exchange the recorded call
   * @param url its URL taken apart
   * @param tool the approved tool it belongs to, or null (see {@code problem})
   * @param arguments the recovered arguments, or null
   * @param problem why the call belongs to no tool, or null
   */
  record Call(RecordedExchange exchange, Urls url, ToolDefinition tool, ObjectNode arguments, String problem) {
    String source() {
      return exchange.source().toString();
    }
  }

  private final List<Call> calls;
  private final Set<String> credentialQueryNames;

  private RecordedCalls(List<Call> calls, Set<String> credentialQueryNames) {
    this.calls = List.copyOf(calls);
    this.credentialQueryNames = Set.copyOf(credentialQueryNames);
  }

  static RecordedCalls resolve(Capture capture, List<ToolDefinition> approved) {
    ToolIndex index = new ToolIndex(approved);
    List<Call> calls = new ArrayList<>();
    for (CapturedOperation operation : capture.operations()) {
      if (operation.evidence() == null) {
        continue;
      }
      for (RecordedExchange exchange : operation.evidence().recorded()) {
        calls.add(resolve(index, operation, exchange));
      }
    }
    return new RecordedCalls(calls, credentialQueryNames(capture));
  }

  private static Call resolve(ToolIndex index, CapturedOperation operation, RecordedExchange exchange) {
    Urls url;
    try {
      url = Urls.parse(exchange.request().url());
    } catch (IllegalArgumentException e) {
      return new Call(exchange, null, null, null, e.getMessage());
    }
    ToolIndex.Resolution resolution = index.resolve(exchange.request().method(), url, exchange.request().body());
    if (resolution.problem() != null) {
      return new Call(exchange, url, null, null, resolution.problem());
    }
    ToolDefinition tool = resolution.tool();
    if (!tool.operation().id().equals(operation.key().id())) {
      return new Call(exchange, url, null, null, "it is kept as evidence of " + operation.key().id()
          + ", but the call fits the approved tool " + tool.name() + " (" + tool.operation().id() + ")");
    }
    return new Call(exchange, url, tool, ArgumentRecovery.recover(tool, url, resolution.pathValues(), exchange.request()),
        null);
  }

  /** Query parameters that carry a credential (they become the operator's, never a tool argument), lower case. */
  private static Set<String> credentialQueryNames(Capture capture) {
    Set<String> names = new TreeSet<>();
    for (SecurityScheme scheme : capture.securitySchemes().values()) {
      if ("apiKey".equals(scheme.type()) && "query".equals(scheme.in()) && scheme.name() != null) {
        names.add(scheme.name().toLowerCase(Locale.ROOT));
      }
    }
    return names;
  }

  List<Call> all() {
    return calls;
  }

  List<Call> of(String tool) {
    return calls.stream().filter(call -> call.tool() != null && call.tool().name().equals(tool)).toList();
  }

  Set<String> credentialQueryNames() {
    return credentialQueryNames;
  }
}
