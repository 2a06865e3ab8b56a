package dev.cask.maven.importers.openapi;

import java.util.List;
import java.util.Locale;

/**
 * Sorts swagger-parser's messages (plain strings) into fatal problems and warnings.
 *
 * <p>Fatal: a reference swagger-parser could not load or find ("Unable to load ... ref", "Could not find ... in
 * contents", "unable to resolve"), and any message that reports an exception. Cask checks every reference itself
 * before swagger-parser runs, so these should not happen; if one does, the capture would miss part of the document.
 * Everything else is a warning: unexpected extra fields ("... is unexpected"), missing fields Cask does not need or
 * checks itself ("... is missing"), values of the wrong type for their format ("... is not of type ..."), duplicates.
 * Cask's own reading fails on what it cannot do without (no operations, a parameter without name, an undeclared
 * security scheme, a bad server URL).
 */
final class ParserMessages {
  private static final List<String> FATAL_MARKERS =
      List.of("unable to load", "could not find", "unable to resolve", "exception", "unable to read", "unable to parse");

  private ParserMessages() {}

  static boolean isFatal(String message) {
    String lower = message.toLowerCase(Locale.ROOT);
    return FATAL_MARKERS.stream().anyMatch(lower::contains)
        || (lower.contains("ref") && (lower.contains("not found") || lower.contains("invalid")));
  }
}
