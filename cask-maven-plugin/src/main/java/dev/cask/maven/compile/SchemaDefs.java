package dev.cask.maven.compile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.schema.SchemaWalker;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Makes a tool schema self-contained: copies into its {@code $defs} exactly the shared capture schemas it reaches
 * through {@code #/$defs/Name} references, transitively. Recursive schemas stay references, so nothing is expanded
 * without bound and nothing is dropped.
 */
final class SchemaDefs {
  static final String PREFIX = "#/$defs/";

  private final SortedMap<String, JsonNode> shared;

  SchemaDefs(SortedMap<String, JsonNode> shared) {
    this.shared = shared;
  }

  /** The shared definitions reachable from the given schemas, sorted by name. */
  SortedMap<String, JsonNode> closure(Iterable<JsonNode> roots) {
    SortedMap<String, JsonNode> reached = new TreeMap<>();
    Deque<JsonNode> pending = new ArrayDeque<>();
    roots.forEach(pending::push);
    while (!pending.isEmpty()) {
      SchemaWalker.walk(pending.pop(), (pointer, schema) -> {
        JsonNode ref = schema.get("$ref");
        if (ref != null && ref.isTextual() && ref.asText().startsWith(PREFIX)) {
          String name = unescape(ref.asText().substring(PREFIX.length()));
          if (!reached.containsKey(name)) {
            JsonNode target = shared.get(name);
            if (target == null) {
              throw new IllegalArgumentException("reference '" + ref.asText() + "' names no shared schema");
            }
            reached.put(name, target);
            pending.push(target);
          }
        }
      });
    }
    return reached;
  }

  /** Adds {@code $defs} to a root schema object when anything is reachable from it. */
  void attach(ObjectNode root, Iterable<JsonNode> reachableFrom) {
    SortedMap<String, JsonNode> defs = closure(reachableFrom);
    if (!defs.isEmpty()) {
      ObjectNode holder = root.putObject("$defs");
      defs.forEach((name, schema) -> holder.set(name, schema.deepCopy()));
    }
  }

  /** The shared schema a {@code #/$defs/Name} reference names, or null. */
  JsonNode lookup(String ref) {
    return ref.startsWith(PREFIX) ? shared.get(unescape(ref.substring(PREFIX.length()))) : null;
  }

  private static String unescape(String pointerToken) {
    return pointerToken.replace("~1", "/").replace("~0", "~");
  }
}
