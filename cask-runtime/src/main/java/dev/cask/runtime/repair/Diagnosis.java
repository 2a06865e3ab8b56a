package dev.cask.runtime.repair;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One root cause, with every finding it explains: 500 denials of one blocked tool are one diagnosis with a count and a
 * time range.
 *
 * @param id {@code d1}, {@code d2} ... in report order
 * @param kind the stable kind ({@code tool-blocked}, {@code policy-deny}, {@code drift} ..., listed on the site page)
 * @param title one line
 * @param cause why it happens, in words
 * @param tool the tool it is about (escaped when the agent named it), or null
 * @param count how many audited calls it explains (0 when it comes from a report only)
 * @param firstSeen the first of those calls, or null
 * @param lastSeen the last of those calls, or null
 * @param reasons how many calls per reason code
 * @param evidence what it was found in: audit records, report findings, gate problems, proposals
 * @param fixes the ways to repair it, safest first
 */
public record Diagnosis(
    String id,
    String kind,
    String title,
    String cause,
    String tool,
    int count,
    Instant firstSeen,
    Instant lastSeen,
    SortedMap<String, Integer> reasons,
    List<String> evidence,
    List<Fix> fixes) {
  public Diagnosis {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(cause, "cause");
    reasons = new TreeMap<>(reasons);
    evidence = List.copyOf(evidence);
    fixes = List.copyOf(fixes);
  }

  Diagnosis withId(String newId) {
    return new Diagnosis(newId, kind, title, cause, tool, count, firstSeen, lastSeen, reasons, evidence, fixes);
  }

  /** The reasons as a map for reports. */
  public Map<String, Integer> reasonCounts() {
    return reasons;
  }
}
