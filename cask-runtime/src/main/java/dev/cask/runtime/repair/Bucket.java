package dev.cask.runtime.repair;

import java.time.Instant;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** Audit records of one kind of failure of one tool (and rule), counted with their time range. */
final class Bucket {
  final String category;
  final String tool;
  final String rule;
  int count;
  Instant first;
  Instant last;
  final SortedMap<String, Integer> reasons = new TreeMap<>();
  final java.util.Set<String> sessions = new java.util.TreeSet<>();

  Bucket(String category, String tool, String rule) {
    this.category = category;
    this.tool = tool;
    this.rule = rule;
  }

  void add(AuditRecord record) {
    count++;
    first = first == null || record.time().isBefore(first) ? record.time() : first;
    last = last == null || record.time().isAfter(last) ? record.time() : last;
    reasons.merge(record.reason(), 1, Integer::sum);
    if (sessions.size() < 100) {
      sessions.add(record.session());
    }
  }

  /** Merges another bucket's counts (for the diagnosis that sums up many unknown names). */
  void addAll(Bucket other) {
    count += other.count;
    first = first == null || (other.first != null && other.first.isBefore(first)) ? other.first : first;
    last = last == null || (other.last != null && other.last.isAfter(last)) ? other.last : last;
    other.reasons.forEach((reason, n) -> reasons.merge(reason, n, Integer::sum));
  }

  static String key(String category, String tool, String rule) {
    return String.join("\u0000", List.of(category, tool, rule == null ? "" : rule));
  }
}
