package dev.cask.maven.diff;

import java.util.Comparator;
import java.util.Objects;

/**
 * One classified change.
 *
 * @param rule the catalog rule
 * @param severity the severity in context (often the rule's default)
 * @param tool the tool's current name (its baseline name when it was removed); null for toolpack-level changes
 * @param operation the operation identity ({@code OperationKey.id()}), or null for toolpack-level changes
 * @param pointer a JSON pointer into the tool definition ({@code /inputSchema/properties/limit/maximum}) or into the
 *     policy ({@code /rules/allow-read}); empty for the whole tool
 * @param subject what changed, for people: an argument path ({@code body.email}), a host, a policy rule id
 * @param detail a short statement of the change, e.g. {@code 100 → 500}; may be empty
 * @param before the old value as text (canonical JSON for schema values), or null
 * @param after the new value as text, or null
 * @param words the word diff of a changed description, or null
 * @param acceptance the approval that covers the change, or null when it is unapproved
 */
public record Change(
    ChangeRule rule,
    Severity severity,
    String tool,
    String operation,
    String pointer,
    String subject,
    String detail,
    String before,
    String after,
    WordDiff words,
    Acceptance acceptance) {

  /** Report order: most severe first, then catalog order, then place. */
  public static final Comparator<Change> ORDER =
      Comparator.comparing(Change::severity, Comparator.reverseOrder())
          .thenComparing(Change::rule)
          .thenComparing(Change::pointer)
          .thenComparing(Change::subject);

  public Change {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(severity, "severity");
    pointer = pointer == null ? "" : pointer;
    subject = subject == null ? "" : subject;
    detail = detail == null ? "" : detail;
  }

  public static Change of(ChangeRule rule, String pointer, String subject, String detail) {
    return new Change(rule, rule.defaultSeverity(), null, null, pointer, subject, detail, null, null, null, null);
  }

  public Change withSeverity(Severity value) {
    return new Change(rule, value, tool, operation, pointer, subject, detail, before, after, words, acceptance);
  }

  public Change withValues(String beforeText, String afterText) {
    return new Change(rule, severity, tool, operation, pointer, subject, detail, beforeText, afterText, words, acceptance);
  }

  public Change withWords(WordDiff value) {
    return new Change(rule, severity, tool, operation, pointer, subject, detail, before, after, value, acceptance);
  }

  public Change forTool(String toolName, String operationId) {
    return new Change(rule, severity, toolName, operationId, pointer, subject, detail, before, after, words, acceptance);
  }

  public Change accepted(Acceptance value) {
    return new Change(rule, severity, tool, operation, pointer, subject, detail, before, after, words, value);
  }

  public boolean isAccepted() {
    return acceptance != null;
  }

  /** Whether this change fails the build at the given threshold (null threshold: never). */
  public boolean fails(Severity threshold) {
    return threshold != null && acceptance == null && severity.atLeast(threshold);
  }
}
