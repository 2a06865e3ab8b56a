package dev.cask.runtime.server.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * A read-only {@code Map} view of a JSON object whose values stay {@link JsonNode}s. The SDK wants schemas as
 * {@code Map<String, Object>}; Jackson writes a {@code JsonNode} value exactly as the node, so this view serializes
 * byte-for-byte like a converted map, without converting 1,223 schemas at start-up (start-up is measured to
 * {@code tools/list}). The node is not copied: {@link dev.cask.runtime.model.toolpack.ToolDefinition} already holds
 * its own copy and never exposes a mutable one to the agent.
 */
final class JsonObjectMap extends AbstractMap<String, Object> {
  private final ObjectNode node;

  JsonObjectMap(ObjectNode node) {
    this.node = node;
  }

  ObjectNode node() {
    return node;
  }

  @Override
  public int size() {
    return node.size();
  }

  @Override
  public boolean containsKey(Object key) {
    return key instanceof String name && node.has(name);
  }

  @Override
  public Object get(Object key) {
    return key instanceof String name ? node.get(name) : null;
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Entry<String, Object>> iterator() {
        Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
        return new Iterator<>() {
          @Override
          public boolean hasNext() {
            return fields.hasNext();
          }

          @Override
          public Entry<String, Object> next() {
            Map.Entry<String, JsonNode> field = fields.next();
            return new SimpleImmutableEntry<>(field.getKey(), field.getValue());
          }
        };
      }

      @Override
      public int size() {
        return node.size();
      }
    };
  }
}
