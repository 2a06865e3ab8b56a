package dev.cask.runtime.review;

import dev.cask.runtime.model.RiskTier;
import java.util.List;
import java.util.Locale;

/** What every review screen shares: safe text and the filter. */
final class Screens {
  private Screens() {}

  /** Control characters from an API description must not reach the reviewer's terminal (escape sequences). */
  static String safe(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(cp -> out.appendCodePoint(
        cp == '\t' ? ' ' : (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029
            || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)) ? '?' : cp));
    return out.toString();
  }

  /** The tiers cycled through by the tier filter; null means every tier. */
  static final List<RiskTier> TIERS = java.util.Arrays.asList(null, RiskTier.READ, RiskTier.WRITE, RiskTier.DESTRUCTIVE,
      RiskTier.SENSITIVE);

  /** Whether an item passes the filter: tier (null: any), text (in name, call, description), pending only. */
  static boolean matches(ReviewItem item, RiskTier tier, String text, boolean pendingOnly) {
    if (tier != null && (item.isPolicy() || item.tier() != tier)) {
      return false;
    }
    if (pendingOnly && !item.state().pending()) {
      return false;
    }
    if (text == null || text.isBlank()) {
      return true;
    }
    String needle = text.toLowerCase(Locale.ROOT);
    String haystack = (item.name() + " " + item.call() + " "
        + (item.isPolicy() ? "" : item.tool().definition().description())).toLowerCase(Locale.ROOT);
    return haystack.contains(needle);
  }

  static String tierLabel(ReviewItem item) {
    return item.isPolicy() ? "policy" : item.tier().wireName();
  }
}
