package dev.cask.maven.importers.traffic;

import dev.cask.runtime.model.capture.TemplatingDecision;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Concrete URLs → path templates, shared by every traffic importer.
 *
 * <ol>
 *   <li>When the server named its route ({@code http.route}) and the route fits the path (same segment count, same
 *       static segments), the route decides which segments are values (reason {@code http-route}).
 *   <li>Otherwise each segment is classified alone ({@link Segments}): integers, UUIDs, ObjectIds, hex hashes, dates,
 *       e-mails, prefixed ids, long opaque tokens and redacted personal data are values; version segments never are.
 *   <li>Then across samples: a slug-like segment ({@code blue-widget}, {@code sku42}) becomes a value when at least two
 *       different ones appear at the same position of otherwise identical paths ({@code varies-across-samples}). Plain
 *       words ({@code me}, {@code search}) stay literal.
 *   <li>Placeholders are named from the segment before them, singular, plus {@code Id}: {@code /users/{userId}/orders/{orderId}};
 *       {@code id} when no word precedes; a name used twice gets {@code 2}, {@code 3} ...
 *   <li>A version prefix ({@code /api/v1}, {@code /v2}, {@code /api/2024-01-01}) becomes part of the base URL.
 * </ol>
 */
final class PathTemplater {
  private static final Pattern ROUTE_PARAM =
      Pattern.compile("\\{[^/{}]*}|:[A-Za-z_][A-Za-z0-9_]*\\??|\\*|\\*\\*|<[^/<>]*>|\\[[^/\\[\\]]*]|\\$[A-Za-z_][A-Za-z0-9_]*");

  /** A path split into raw segments, with the positions that are values. */
  record Prepared(List<String> tokens, List<Set<String>> reasons, boolean routed) {
    String key() {
      StringBuilder key = new StringBuilder();
      for (String token : tokens) {
        key.append('/').append(token == null ? "{}" : token);
      }
      return key.toString();
    }
  }

  /**
   * The final shape of an operation's path.
   *
   * @param basePath the version prefix that joins the base URL ({@code /api/v1}), or empty
   * @param path the template below it, starting with {@code /}
   * @param decisions why each placeholder is one (segment index within {@code path})
   */
  record Template(String basePath, String path, List<TemplatingDecision> decisions) {}

  private PathTemplater() {}

  static Prepared prepare(String rawPath, String route) {
    List<String> raw = split(rawPath);
    List<String> decoded = raw.stream().map(BodyReader::decode).toList();
    List<String> routeSegments = route == null ? null : split(route.split("\\?")[0]);
    boolean routed = routeSegments != null && fits(routeSegments, decoded);
    List<String> tokens = new ArrayList<>();
    List<Set<String>> reasons = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      Set<String> why = new TreeSet<>();
      String reason = Segments.valueReason(decoded, i);
      if (routed) {
        // The route decides where values are; the value's own class still tells its type (integer, uuid ...).
        if (ROUTE_PARAM.matcher(routeSegments.get(i)).matches()) {
          why.add("http-route");
          if (reason != null) {
            why.add(reason);
          }
        }
      } else if (reason != null) {
        why.add(reason);
      }
      if (!why.isEmpty()) {
        tokens.add(null);
      } else {
        tokens.add(escapeBraces(raw.get(i)));
      }
      reasons.add(why);
    }
    return new Prepared(tokens, reasons, routed);
  }

  /**
   * Positions of slug-like static segments that vary across samples, per group (same host: the caller groups).
   *
   * @return prepared key → positions to turn into values
   */
  static Map<String, Set<Integer>> varyingSlugs(Collection<Prepared> paths) {
    Map<String, Set<String>> valuesByShape = new HashMap<>();
    Map<String, List<String>> shapesOfPath = new HashMap<>();
    for (Prepared path : paths) {
      if (path.routed()) {
        continue;
      }
      List<String> shapes = new ArrayList<>();
      for (int i = 0; i < path.tokens().size(); i++) {
        String token = path.tokens().get(i);
        if (token == null || !Segments.isSlugLike(BodyReader.decode(token))) {
          shapes.add(null);
          continue;
        }
        String shape = shapeKey(path, i);
        valuesByShape.computeIfAbsent(shape, k -> new HashSet<>()).add(token);
        shapes.add(shape);
      }
      shapesOfPath.put(path.key(), shapes);
    }
    Map<String, Set<Integer>> varying = new HashMap<>();
    shapesOfPath.forEach((key, shapes) -> {
      for (int i = 0; i < shapes.size(); i++) {
        if (shapes.get(i) != null && valuesByShape.get(shapes.get(i)).size() >= 2) {
          varying.computeIfAbsent(key, k -> new TreeSet<>()).add(i);
        }
      }
    });
    return varying;
  }

  /** The path with position {@code index} and every other slug-like segment wildcarded. */
  private static String shapeKey(Prepared path, int index) {
    StringBuilder key = new StringBuilder().append(index).append('|');
    for (int i = 0; i < path.tokens().size(); i++) {
      String token = path.tokens().get(i);
      key.append('/');
      if (i == index) {
        key.append('*');
      } else if (token == null) {
        key.append("{}");
      } else if (Segments.isSlugLike(BodyReader.decode(token))) {
        key.append('~');
      } else {
        key.append(token);
      }
    }
    return key.toString();
  }

  /** Names the placeholders of a final token list and splits off the version prefix. */
  static Template name(List<String> tokens, List<Set<String>> reasons) {
    int prefix = versionPrefixLength(tokens);
    List<String> segments = new ArrayList<>();
    List<TemplatingDecision> decisions = new ArrayList<>();
    Set<String> used = new HashSet<>();
    for (int i = 0; i < tokens.size(); i++) {
      String token = tokens.get(i);
      if (token != null) {
        segments.add(token);
        continue;
      }
      String previous = i > 0 ? tokens.get(i - 1) : null;
      String base = previous == null || Segments.isVersion(BodyReader.decode(previous)) ? "id" : idName(previous);
      String name = base;
      for (int n = 2; !used.add(name); n++) {
        name = base + n;
      }
      segments.add("{" + name + "}");
      decisions.add(new TemplatingDecision(i - prefix, name, String.join("+", new LinkedHashSet<>(reasons.get(i)))));
    }
    String basePath = prefix == 0 ? "" : "/" + String.join("/", segments.subList(0, prefix));
    String path = "/" + String.join("/", segments.subList(prefix, segments.size()));
    return new Template(basePath, path, decisions);
  }

  /**
   * How many leading segments form a version prefix: static segments up to and including the first version segment,
   * within the first three, leaving at least one segment for the path.
   */
  static int versionPrefixLength(List<String> tokens) {
    for (int i = 0; i < Math.min(3, tokens.size() - 1); i++) {
      String token = tokens.get(i);
      if (token == null || token.isEmpty()) {
        return 0;
      }
      String decoded = BodyReader.decode(token);
      if (Segments.isVersion(decoded) || decoded.matches("\\d{4}-\\d{2}-\\d{2}")) {
        return i + 1;
      }
    }
    return 0;
  }

  /** {@code orders} → {@code orderId}, {@code order-items} → {@code orderItemId}, {@code categories} → {@code categoryId}. */
  static String idName(String rawSegment) {
    String decoded = BodyReader.decode(rawSegment);
    String[] words = decoded.split("[^A-Za-z0-9]+");
    StringBuilder name = new StringBuilder();
    for (int w = 0; w < words.length; w++) {
      String word = words[w].toLowerCase(Locale.ROOT);
      if (word.isEmpty()) {
        continue;
      }
      if (w == words.length - 1) {
        word = singular(word);
      }
      name.append(name.length() == 0 ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
    }
    if (name.length() == 0 || !Character.isLetter(name.charAt(0))) {
      return "id";
    }
    String base = name.length() > 40 ? name.substring(0, 40) : name.toString();
    return base + "Id";
  }

  static String singular(String word) {
    if (word.length() > 3 && word.endsWith("ies")) {
      return word.substring(0, word.length() - 3) + "y";
    }
    if (word.endsWith("sses") || word.endsWith("xes") || word.endsWith("ches") || word.endsWith("shes")) {
      return word.substring(0, word.length() - 2);
    }
    if (word.length() > 2 && word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us") && !word.endsWith("is")) {
      return word.substring(0, word.length() - 1);
    }
    return word;
  }

  /** Raw segments of a path (the leading slash dropped; empty segments kept). */
  static List<String> split(String path) {
    String body = path.startsWith("/") ? path.substring(1) : path;
    if (body.isEmpty()) {
      return List.of();
    }
    return List.of(body.split("/", -1));
  }

  private static boolean fits(List<String> route, List<String> decoded) {
    if (route.size() != decoded.size() || route.isEmpty()) {
      return false;
    }
    boolean anyParam = false;
    for (int i = 0; i < route.size(); i++) {
      if (ROUTE_PARAM.matcher(route.get(i)).matches()) {
        anyParam = true;
      } else if (!route.get(i).equals(decoded.get(i))) {
        return false;
      }
    }
    return anyParam || route.equals(decoded);
  }

  /** A literal brace in a static segment would read as a placeholder: keep it percent-encoded. */
  private static String escapeBraces(String segment) {
    return segment.replace("{", "%7B").replace("}", "%7D");
  }
}
