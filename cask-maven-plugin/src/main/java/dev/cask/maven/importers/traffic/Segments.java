package dev.cask.maven.importers.traffic;

import dev.cask.runtime.redact.Redactor;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Classifies one path segment of an observed URL: is it a value (an id, a date, personal data) or part of the route?
 * Version segments ({@code v2}, {@code api-v3}, {@code v1beta1}, a date right after {@code /api}) never become
 * parameters.
 */
final class Segments {
  static final Pattern VERSION = Pattern.compile("(?i)(?:api[-_.]?)?v\\d+(?:[._-]?\\d+)*(?:(?:alpha|beta|rc|preview)\\d*)?");
  private static final Pattern INTEGER = Pattern.compile("\\d+");
  private static final Pattern UUID =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern OBJECT_ID = Pattern.compile("[0-9a-fA-F]{24}");
  private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{16,}");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(?:[Tt ][0-9:.]+(?:[Zz]|[+-]\\d{2}:?\\d{2})?)?");
  private static final Pattern PREFIXED_ID = Pattern.compile("[A-Za-z]{2,8}_[A-Za-z0-9]{8,}");
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_\\-.~=+]{20,}");
  private static final Pattern SLUG = Pattern.compile("(?i)[a-z0-9]+(?:[-_.][a-z0-9]+)+");
  private static final Pattern MIXED = Pattern.compile("(?i)(?=[a-z0-9]*[a-z])(?=[a-z0-9]*\\d)[a-z0-9]{2,}");
  private static final Pattern HAS_DIGIT = Pattern.compile(".*\\d.*");
  private static final Pattern HAS_LETTER = Pattern.compile("(?i).*[a-z].*");
  /** Static segments that may precede a date used as an API version ({@code /api/2024-01-01/...}). */
  private static final Set<String> VERSION_CONTAINERS = Set.of("api", "apis", "rest", "service", "services");

  private Segments() {}

  /**
   * Why the segment at {@code index} is a value, or null when it is part of the route.
   *
   * @param decoded the path's segments, percent-decoded (empty first segment excluded)
   */
  static String valueReason(List<String> decoded, int index) {
    String segment = decoded.get(index);
    if (segment.isEmpty()) {
      return null;
    }
    String rule = Redactor.markerRule(segment);
    if (rule != null) {
      return rule; // personal data or a credential in the path: always a parameter
    }
    if (VERSION.matcher(segment).matches()) {
      return null;
    }
    if (INTEGER.matcher(segment).matches()) {
      return "integer";
    }
    if (UUID.matcher(segment).matches()) {
      return "uuid";
    }
    if (DATE.matcher(segment).matches()) {
      return isVersionPrefix(decoded, index) ? null : "date";
    }
    if (OBJECT_ID.matcher(segment).matches()) {
      return "object-id";
    }
    if (HEX.matcher(segment).matches() && HAS_DIGIT.matcher(segment).matches()) {
      return "hex-hash";
    }
    if (segment.indexOf('@') > 0) {
      return "email";
    }
    if (PREFIXED_ID.matcher(segment).matches() && HAS_DIGIT.matcher(segment).matches()) {
      return "prefixed-id";
    }
    if (TOKEN.matcher(segment).matches() && HAS_DIGIT.matcher(segment).matches() && HAS_LETTER.matcher(segment).matches()) {
      return "opaque-token";
    }
    return null;
  }

  static boolean isVersion(String decoded) {
    return VERSION.matcher(decoded).matches();
  }

  /** Whether a route segment could be a value that varies: kebab/snake slugs and letter-digit mixes. */
  static boolean isSlugLike(String decoded) {
    if (decoded.isEmpty() || isVersion(decoded)) {
      return false;
    }
    return SLUG.matcher(decoded).matches() || MIXED.matcher(decoded).matches();
  }

  private static boolean isVersionPrefix(List<String> decoded, int index) {
    for (int i = 0; i < index; i++) {
      if (!VERSION_CONTAINERS.contains(decoded.get(i).toLowerCase(Locale.ROOT))) {
        return false;
      }
    }
    return true;
  }
}
