package dev.cask.maven.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.model.GraphQlOperations;
import dev.cask.runtime.model.HttpMethod;
import dev.cask.runtime.model.toolpack.GraphQlBinding;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds the tool a recorded call belongs to, from the call alone: same method, same host (and port), and a path its
 * template fits. When two templates fit ({@code /users/me} and {@code /users/{id}}) the more literal one is meant, as
 * at import; two equally literal fits are ambiguous.
 */
final class ToolIndex {
  private record Candidate(ToolDefinition tool, PathTemplate path) {}

  /** The tool a call belongs to and the raw text of its path placeholders; or why there is none. */
  record Resolution(ToolDefinition tool, Map<String, String> pathValues, String problem) {}

  private final Map<String, List<Candidate>> byMethodAndHost = new HashMap<>();

  ToolIndex(List<ToolDefinition> tools) {
    for (ToolDefinition tool : tools) {
      byMethodAndHost.computeIfAbsent(key(tool.method(), tool.host().toLowerCase(Locale.ROOT)), k -> new ArrayList<>())
          .add(new Candidate(tool, PathTemplate.of(tool)));
    }
  }

  /**
   * @param body the recorded request body (JSON), or null: a GraphQL operation's tool fits only the calls that ran
   *     its operation (the identity of the body's {@code operationName} and {@code query})
   */
  Resolution resolve(HttpMethod method, Urls url, JsonNode body) {
    List<Candidate> candidates = byMethodAndHost.getOrDefault(key(method, url.hostKey()), List.of());
    Candidate best = null;
    Map<String, String> bestValues = null;
    String tie = null;
    for (Candidate candidate : candidates) {
      Map<String, String> values = candidate.path().match(url.segments());
      if (values == null || !sameGraphQlOperation(candidate.tool(), body)) {
        continue;
      }
      if (best == null || candidate.path().literals() > best.path().literals()) {
        best = candidate;
        bestValues = values;
        tie = null;
      } else if (candidate.path().literals() == best.path().literals()) {
        tie = candidate.tool().name();
      }
    }
    if (best == null) {
      return new Resolution(null, null, "no approved tool covers " + method + " " + url.hostKey() + "/"
          + String.join("/", url.segments()));
    }
    if (tie != null) {
      return new Resolution(null, null, "the call fits two approved tools equally well: " + best.tool().name()
          + " and " + tie);
    }
    return new Resolution(best.tool(), bestValues, null);
  }

  /** True for a tool that is not GraphQL; for one that is, whether the body runs its operation. */
  private static boolean sameGraphQlOperation(ToolDefinition tool, JsonNode body) {
    GraphQlBinding graphql = tool.binding().graphql();
    if (graphql == null) {
      return true;
    }
    if (body == null || !body.path("query").isTextual()) {
      return false;
    }
    JsonNode name = body.path("operationName");
    try {
      return graphql.identity().equals(GraphQlOperations.identity(name.isTextual() ? name.textValue() : null,
          body.path("query").textValue()));
    } catch (IllegalArgumentException notAName) {
      return false;
    }
  }

  private static String key(HttpMethod method, String hostKey) {
    return method + " " + hostKey;
  }
}
