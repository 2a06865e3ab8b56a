package dev.cask.maven.compile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.schema.SchemaWalker;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
  /**
   * Shared schema name → the {@code #/$defs/} references written in it. Worked out once per schema: Microsoft Graph's
   * tools reach 32 shared schemas each on average (578 at most), walking them again for every tool cost minutes.
   */
  private final Map<String, List<String>> directRefs = new ConcurrentHashMap<>();
  private final SchemaCopies copies;

  SchemaDefs(SortedMap<String, JsonNode> shared) {
    this(shared, new SchemaCopies());
  }

  SchemaDefs(SortedMap<String, JsonNode> shared, SchemaCopies copies) {
    this.shared = shared;
    this.copies = copies;
  }

  /** What the tools' {@code $defs} copy of the shared schemas so far. */
  SchemaCopies copies() {
    return copies;
  }

  /** The shared definitions reachable from the given schemas, sorted by name. */
  SortedMap<String, JsonNode> closure(Iterable<JsonNode> roots) {
    SortedMap<String, JsonNode> reached = new TreeMap<>();
    Deque<String> pending = new ArrayDeque<>();
    roots.forEach(root -> pending.addAll(refsIn(root)));
    while (!pending.isEmpty()) {
      String ref = pending.pop();
      String name = unescape(ref.substring(PREFIX.length()));
      if (!reached.containsKey(name)) {
        JsonNode target = shared.get(name);
        if (target == null) {
          throw new IllegalArgumentException("reference '" + ref + "' names no shared schema");
        }
        reached.put(name, target);
        pending.addAll(directRefs.computeIfAbsent(name, known -> refsIn(target)));
      }
    }
    return reached;
  }

  /** The {@code #/$defs/} references a schema holds, in document order. */
  private static List<String> refsIn(JsonNode schema) {
    Set<String> refs = new LinkedHashSet<>();
    SchemaWalker.visit(schema, node -> {
      JsonNode ref = node.get("$ref");
      if (ref != null && ref.isTextual() && ref.asText().startsWith(PREFIX)) {
        refs.add(ref.asText());
      }
    });
    return List.copyOf(refs);
  }

  /** Adds {@code $defs} to a root schema object when anything is reachable from it. */
  void attach(ObjectNode root, Iterable<JsonNode> reachableFrom) {
    SortedMap<String, JsonNode> defs = closure(reachableFrom);
    if (!defs.isEmpty()) {
      ObjectNode holder = root.putObject("$defs");
      defs.forEach((name, schema) -> {
        copies.input(name, schema);
        holder.set(name, schema.deepCopy());
      });
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
