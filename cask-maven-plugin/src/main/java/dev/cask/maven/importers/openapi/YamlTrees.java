package dev.cask.maven.importers.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.CaskException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * YAML text to a Jackson tree through SnakeYAML's node graph. Jackson's own YAML reader does not expand aliases of
 * mappings (it returns the anchor name as a string), which would silently change what a document means; SnakeYAML's
 * graph expands them, and this class bounds the expansion: an alias that contains itself is an error, and so is a
 * document whose aliases expand to more than {@link #MAX_EXPANDED_NODES} values ("billion laughs").
 */
final class YamlTrees {
  static final long MAX_EXPANDED_NODES = 5_000_000;
  static final int MAX_ALIASES = 1_000;
  private static final int MAX_DEPTH = 1_000;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String FIX = "correct the YAML at that place";

  private final String displayPath;
  private final Map<Node, JsonNode> converted = new IdentityHashMap<>();
  private final Map<Node, Long> expandedSizes = new IdentityHashMap<>();
  private final Map<Node, Boolean> inProgress = new IdentityHashMap<>();

  private YamlTrees(String displayPath) {
    this.displayPath = displayPath;
  }

  static JsonNode read(String text, String displayPath) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setAllowRecursiveKeys(false);
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setNestingDepthLimit(MAX_DEPTH);
    options.setCodePointLimit(Integer.MAX_VALUE); // the importer limits the file size before reading
    Node root;
    try {
      root = new Yaml(options).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String problem = (e.getContext() == null ? "" : e.getContext() + ": ") + e.getProblem();
      throw new CaskException(displayPath, where(mark), "is not well-formed YAML: " + problem, FIX, e);
    } catch (YAMLException e) {
      throw new CaskException(displayPath, null, "is not well-formed YAML: " + e.getMessage(), FIX, e);
    }
    if (root == null) {
      throw new CaskException(displayPath, null, "is empty", "point the input at an OpenAPI or Swagger document");
    }
    YamlTrees trees = new YamlTrees(displayPath);
    long size = trees.expandedSize(root);
    if (size > MAX_EXPANDED_NODES) {
      throw new CaskException(
          displayPath,
          null,
          "its YAML aliases expand to " + size + " values, more than the limit of " + MAX_EXPANDED_NODES,
          "replace the aliases (*name) with plain content");
    }
    return trees.convert(root);
  }

  private static String where(Mark mark) {
    return mark == null ? null : "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
  }

  /** Counts values as if every alias were copied out; detects aliases that contain themselves. */
  private long expandedSize(Node node) {
    Long known = expandedSizes.get(node);
    if (known != null) {
      return known;
    }
    if (inProgress.put(node, Boolean.TRUE) != null) {
      throw new CaskException(
          displayPath, where(node.getStartMark()), "a YAML alias contains itself", "remove the recursive alias");
    }
    long size = 1;
    if (node instanceof SequenceNode sequence) {
      for (Node item : sequence.getValue()) {
        size = Math.addExact(size, expandedSize(item));
      }
    } else if (node instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        size = Math.addExact(size, expandedSize(tuple.getValueNode()));
      }
    }
    size = Math.min(size, MAX_EXPANDED_NODES + 1);
    inProgress.remove(node);
    expandedSizes.put(node, size);
    return size;
  }

  /** Shares the tree of an aliased node between its uses: the tree is only read afterwards. */
  private JsonNode convert(Node node) {
    JsonNode done = converted.get(node);
    if (done != null) {
      return done;
    }
    JsonNode result;
    if (node instanceof ScalarNode scalar) {
      result = scalar(scalar);
    } else if (node instanceof SequenceNode sequence) {
      ArrayNode array = NODES.arrayNode();
      sequence.getValue().forEach(item -> array.add(convert(item)));
      result = array;
    } else {
      result = mapping((MappingNode) node);
    }
    converted.put(node, result);
    return result;
  }

  private ObjectNode mapping(MappingNode mapping) {
    ObjectNode object = NODES.objectNode();
    ObjectNode merged = NODES.objectNode();
    for (NodeTuple tuple : mapping.getValue()) {
      Node keyNode = tuple.getKeyNode();
      if (Tag.MERGE.equals(keyNode.getTag())) {
        mergeInto(merged, tuple.getValueNode());
        continue;
      }
      if (!(keyNode instanceof ScalarNode key)) {
        throw new CaskException(
            displayPath, where(keyNode.getStartMark()), "has a mapping key that is not a plain value", FIX);
      }
      if (object.has(key.getValue())) {
        throw new CaskException(
            displayPath, where(keyNode.getStartMark()), "has the key '" + key.getValue() + "' twice", FIX);
      }
      object.set(key.getValue(), convert(tuple.getValueNode()));
    }
    // YAML merge keys (<<): explicit keys win over merged ones.
    merged.fieldNames().forEachRemaining(name -> {
      if (!object.has(name)) {
        object.set(name, merged.get(name));
      }
    });
    return object;
  }

  private void mergeInto(ObjectNode merged, Node source) {
    if (source instanceof SequenceNode sequence) {
      sequence.getValue().forEach(item -> mergeInto(merged, item));
      return;
    }
    JsonNode value = convert(source);
    if (!value.isObject()) {
      throw new CaskException(displayPath, where(source.getStartMark()), "merges (<<) a value that is not a mapping", FIX);
    }
    value.properties().forEach(field -> {
      if (!merged.has(field.getKey())) {
        merged.set(field.getKey(), field.getValue());
      }
    });
  }

  private static JsonNode scalar(ScalarNode scalar) {
    String value = scalar.getValue();
    Tag tag = scalar.getTag();
    if (Tag.NULL.equals(tag)) {
      return NODES.nullNode();
    }
    if (Tag.BOOL.equals(tag)) {
      String lower = value.toLowerCase(Locale.ROOT);
      return NODES.booleanNode(lower.equals("true") || lower.equals("yes") || lower.equals("on"));
    }
    if (Tag.INT.equals(tag)) {
      BigInteger integer = integer(value);
      if (integer != null) {
        // The same node types Jackson's JSON parser makes, so a YAML and a JSON copy of a document are equal trees.
        if (integer.bitLength() < 32) {
          return NODES.numberNode(integer.intValue());
        }
        return integer.bitLength() < 64 ? NODES.numberNode(integer.longValue()) : NODES.numberNode(integer);
      }
    }
    if (Tag.FLOAT.equals(tag)) {
      try {
        return NODES.numberNode(new BigDecimal(value.replace("_", "")));
      } catch (NumberFormatException e) {
        return NODES.textNode(value); // .inf and .nan have no JSON form
      }
    }
    return NODES.textNode(value); // strings, timestamps (kept as written), binary and custom tags
  }

  private static BigInteger integer(String text) {
    String digits = text.replace("_", "");
    boolean negative = digits.startsWith("-");
    if (negative || digits.startsWith("+")) {
      digits = digits.substring(1);
    }
    int radix = 10;
    if (digits.startsWith("0x")) {
      radix = 16;
      digits = digits.substring(2);
    } else if (digits.startsWith("0o")) {
      radix = 8;
      digits = digits.substring(2);
    } else if (digits.startsWith("0b")) {
      radix = 2;
      digits = digits.substring(2);
    } else if (digits.length() > 1 && digits.startsWith("0")) {
      radix = 8; // YAML 1.1 octal
    }
    try {
      BigInteger value = new BigInteger(digits, radix);
      return negative ? value.negate() : value;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
