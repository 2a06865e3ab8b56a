package dev.cask.runtime.redact;

import dev.cask.runtime.model.capture.Redaction;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Collects what a {@link Redactor} removed: the place and the rule, never the value.
 *
 * <p>Each distinct place is kept once, at its first occurrence: the key ignores numeric path steps, so the e-mail in
 * {@code entries/3/response/body/users/0/email} and in {@code entries/9/response/body/users/4/email} count twice but are
 * listed once (as the first). A capture of a million calls therefore lists what kinds of values were removed where,
 * without growing with the traffic. A caller may set a {@linkplain #scope scope} (an importer sets the operation a call
 * belongs to), so that the same field of two different operations is listed for each. At most {@value #MAX_LISTED}
 * places are listed; {@link #total()} counts all.
 */
public final class RedactionLog {
  static final int MAX_LISTED = 10_000;
  private static final Pattern INDEX = Pattern.compile("/(?:\\d+|[0-9a-f]{8,})(?=/|$)");

  private final List<Redaction> listed = new ArrayList<>();
  private final Set<String> seen = new HashSet<>();
  private long total;
  private String scope = "";

  /** Sets the scope of the next records (part of the listing key, never written); null or empty for none. */
  public void scope(String newScope) {
    scope = newScope == null ? "" : newScope;
  }

  public void record(String location, String rule) {
    total++;
    String key = scope + "\n" + INDEX.matcher(location).replaceAll("/*") + "\n" + rule;
    if (listed.size() < MAX_LISTED && seen.add(key)) {
      listed.add(new Redaction(location, rule));
    }
  }

  /** The listed redactions, in the order first seen. */
  public List<Redaction> redactions() {
    return List.copyOf(listed);
  }

  /** How many values were redacted in all. */
  public long total() {
    return total;
  }

  /** Adds everything another log holds. */
  public void addAll(RedactionLog other) {
    for (Redaction redaction : other.listed) {
      if (listed.size() < MAX_LISTED && seen.add("\n" + INDEX.matcher(redaction.location()).replaceAll("/*") + "\n" + redaction.rule())) {
        listed.add(redaction);
      }
    }
    total += other.total;
  }
}
