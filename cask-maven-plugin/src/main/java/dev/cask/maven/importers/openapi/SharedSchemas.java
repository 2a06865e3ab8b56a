package dev.cask.maven.importers.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Gives every schema that a {@code $ref} points to one named entry of {@code Capture.schemas()} and rewrites the
 * reference to {@code #/$defs/<Name>}.
 *
 * <p>References are never followed while converting a schema: a target is queued and converted later, once, by {@link
 * #drain()}. So a schema that contains itself (a tree node whose children are tree nodes) neither overflows the stack
 * nor is dropped. The input document's component schemas keep their names (made safe: letters, digits, {@code .},
 * {@code _}, {@code -}); other targets (a file, a schema inside another schema) are named after the last token of
 * their pointer or the file name, with {@code _2}, {@code _3}... on a clash. Only schemas the kept operations reach
 * are included, in a deterministic order that depends only on the document.
 */
final class SharedSchemas {
  private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9._-]+");
  private static final Pattern UNSAFE_CHAR = Pattern.compile("[^A-Za-z0-9._-]");

  private final SpecDocuments documents;
  private final boolean openApi30;
  private final Map<String, String> nameByTarget = new HashMap<>();
  private final Set<String> takenNames = new HashSet<>();
  private final Map<String, String> reservedNames = new HashMap<>();
  private final Deque<RefTarget> pending = new ArrayDeque<>();
  private final SortedMap<String, JsonNode> converted = new TreeMap<>();
  /** Targets and names given since the start, in order: what {@link #rollback} takes back. */
  private final List<String> targetsGiven = new ArrayList<>();
  private final List<String> namesTaken = new ArrayList<>();

  /** A point to go back to when an operation turns out not to be sound: its schemas must not stay behind. */
  record Mark(int targets, int names, int pending) {}

  SharedSchemas(SpecDocuments documents, boolean openApi30) {
    this.documents = documents;
    this.openApi30 = openApi30;
    reserveComponentNames();
  }

  private void reserveComponentNames() {
    SpecDocument root = documents.root();
    String base = "/components/schemas";
    root.root().path("components").path("schemas").fieldNames().forEachRemaining(name -> {
      String safe = unique(safeName(name));
      takenNames.add(safe);
      reservedNames.put(root.id() + "#" + Pointers.append(base, name), safe);
    });
  }

  /** Converts a schema found in {@code document} at {@code pointer}; its references are queued. */
  JsonNode convert(SpecDocument document, JsonNode schema, String pointer) {
    return converterFor(document).convert(schema, pointer);
  }

  Mark mark() {
    return new Mark(targetsGiven.size(), namesTaken.size(), pending.size());
  }

  /** Forgets every target named and queued since the mark (nothing is converted before {@link #drain()}). */
  void rollback(Mark mark) {
    while (targetsGiven.size() > mark.targets()) {
      nameByTarget.remove(targetsGiven.remove(targetsGiven.size() - 1));
    }
    while (namesTaken.size() > mark.names()) {
      takenNames.remove(namesTaken.remove(namesTaken.size() - 1));
    }
    while (pending.size() > mark.pending()) {
      pending.removeLast();
    }
  }

  /** Converts every queued target and whatever they reach in turn; returns all named schemas. */
  SortedMap<String, JsonNode> drain() {
    while (!pending.isEmpty()) {
      RefTarget target = pending.poll();
      String name = nameByTarget.get(target.key());
      converted.put(name, converterFor(target.document()).convert(target.node(), target.pointer()));
    }
    return converted;
  }

  private SchemaConverter converterFor(SpecDocument document) {
    return new SchemaConverter(openApi30, new SchemaConverter.RefRewriter() {
      @Override
      public String rewrite(String ref, String pointer) {
        return "#/$defs/" + Pointers.escape(nameFor(document, ref, pointer));
      }

      @Override
      public String rewriteSchemaName(String name, String pointer) {
        // discriminator mapping: a bare name means the component schema of that name, when there is one
        boolean component = document.root().path("components").path("schemas").has(name);
        return component ? rewrite("#/components/schemas/" + Pointers.escape(name), pointer) : name;
      }
    });
  }

  private String nameFor(SpecDocument from, String ref, String pointer) {
    RefTarget target = documents.resolve(from, ref, pointer);
    String known = nameByTarget.get(target.key());
    if (known != null) {
      return known;
    }
    String name = reservedNames.get(target.key());
    if (name == null) {
      name = unique(safeName(baseName(target)));
      takenNames.add(name);
      namesTaken.add(name);
    }
    nameByTarget.put(target.key(), name);
    targetsGiven.add(target.key());
    pending.add(target);
    return name;
  }

  private static String baseName(RefTarget target) {
    String token = Pointers.lastToken(target.pointer());
    if (!token.isEmpty()) {
      return token;
    }
    String display = target.document().displayPath();
    String file = display.substring(display.lastIndexOf('/') + 1);
    int dot = file.indexOf('.');
    return dot > 0 ? file.substring(0, dot) : file;
  }

  static String safeName(String name) {
    if (SAFE_NAME.matcher(name).matches()) {
      return name;
    }
    String safe = UNSAFE_CHAR.matcher(name).replaceAll("_");
    return safe.isEmpty() ? "schema" : safe;
  }

  private String unique(String name) {
    if (!takenNames.contains(name)) {
      return name;
    }
    int suffix = 2;
    while (takenNames.contains(name + "_" + suffix)) {
      suffix++;
    }
    return name + "_" + suffix;
  }
}
