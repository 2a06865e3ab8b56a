package dev.cask.maven.compile;

import dev.cask.runtime.json.CanonicalJson;
import dev.cask.runtime.model.HttpMethod;
import dev.cask.runtime.model.OperationKey;
import dev.cask.runtime.model.capture.CapturedOperation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Gives every operation a unique MCP tool name ({@code [a-z0-9_]{1,64}}).
 *
 * <ol>
 *   <li>Base name: the operationId in snake_case ({@code repos/get} → {@code repos_get}, {@code getUserByID} →
 *       {@code get_user_by_id}); without one, a verb from the method and the path's static segments
 *       ({@code GET /users/{id}/orders} → {@code list_users_orders}).
 *   <li>Longer than 64 characters: cut at a word boundary and suffixed with {@code _} + 6 hex digits of the SHA-256 of
 *       the operation identity.
 *   <li>Several operations with one base name: the one whose identity sorts first keeps it; each other gets
 *       {@code _} + 6 hex digits of its own identity.
 * </ol>
 *
 * A name depends only on the operation itself and on the operations that share its base name, so adding or removing an
 * unrelated operation never renames a tool.
 */
final class ToolNamer {
  static final int MAX_LENGTH = 64;
  static final Pattern VALID = Pattern.compile("[a-z0-9_]{1,64}");
  private static final Pattern VERSION_SEGMENT = Pattern.compile("v\\d+([._-]\\d+)*|\\d{4}-\\d{2}-\\d{2}");

  private ToolNamer() {}

  /** Names for every operation, keyed by identity. */
  static Map<OperationKey, String> name(Collection<CapturedOperation> operations) {
    Map<String, List<OperationKey>> byBase = new TreeMap<>();
    for (CapturedOperation operation : operations) {
      byBase.computeIfAbsent(baseName(operation), k -> new ArrayList<>()).add(operation.key());
    }
    Map<OperationKey, String> names = new TreeMap<>();
    Set<String> taken = new HashSet<>(byBase.keySet());
    for (Map.Entry<String, List<OperationKey>> group : byBase.entrySet()) {
      List<OperationKey> keys = group.getValue().stream().sorted().toList();
      names.put(keys.get(0), group.getKey());
      for (OperationKey key : keys.subList(1, keys.size())) {
        names.put(key, uniqueSuffixed(group.getKey(), key, taken));
      }
    }
    return names;
  }

  static String baseName(CapturedOperation operation) {
    String fromId = snake(operation.operationId());
    String base = fromId.isEmpty() ? verbNoun(operation) : fromId;
    if (Character.isDigit(base.charAt(0))) {
      base = "op_" + base;
    }
    return base.length() <= MAX_LENGTH ? base : withSuffix(base, operation.key(), 6);
  }

  private static String uniqueSuffixed(String base, OperationKey key, Set<String> taken) {
    for (int hexDigits = 6; hexDigits <= 64; hexDigits += 2) {
      String candidate = withSuffix(base, key, hexDigits);
      if (taken.add(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("cannot find a unique tool name for " + key);
  }

  private static String withSuffix(String base, OperationKey key, int hexDigits) {
    String suffix = "_" + CanonicalJson.sha256Hex(key.id()).substring(0, hexDigits);
    int room = MAX_LENGTH - suffix.length();
    String head = base;
    if (head.length() > room) {
      head = head.substring(0, room);
      int lastUnderscore = head.lastIndexOf('_');
      if (lastUnderscore > room / 2) {
        head = head.substring(0, lastUnderscore);
      }
    }
    return head + suffix;
  }

  /** snake_case of an identifier, ASCII letters and digits only; empty when nothing usable remains. */
  static String snake(String identifier) {
    return String.join("_", Words.of(identifier));
  }

  private static String verbNoun(CapturedOperation operation) {
    List<String> segments = List.of(operation.path().split("/"));
    List<String> nouns = new ArrayList<>();
    boolean endsWithParameter = false;
    for (String segment : segments) {
      if (segment.isEmpty()) {
        continue;
      }
      endsWithParameter = segment.startsWith("{");
      if (endsWithParameter || VERSION_SEGMENT.matcher(segment).matches()) {
        continue;
      }
      nouns.addAll(Words.of(segment));
    }
    String verb = verb(operation.method(), endsWithParameter);
    String noun = nouns.isEmpty() ? "root" : String.join("_", nouns);
    return verb + "_" + noun;
  }

  private static String verb(HttpMethod method, boolean onItem) {
    return switch (method) {
      case GET -> onItem ? "get" : "list";
      case HEAD -> "head";
      case OPTIONS -> "options";
      case TRACE -> "trace";
      case POST -> "create";
      case PUT -> "replace";
      case PATCH -> "update";
      case DELETE -> "delete";
      case WEBMCP -> "call"; // never used: a WebMCP tool always has the page's name as operationId
    };
  }
}
