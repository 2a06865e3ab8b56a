package dev.cask.runtime.repair;

import dev.cask.runtime.text.ControlCharacters;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code repair.md}: the diagnoses for a person (a pull-request comment, a terminal). Text that may carry what an agent
 * or an upstream wrote is escaped twice: control and invisible characters by {@link ControlCharacters}, Markdown by a
 * backslash before every character Markdown acts on; evidence lines are indented code, where nothing is interpreted.
 */
final class RepairMarkdown {
  private RepairMarkdown() {}

  static byte[] render(RepairReport report) {
    StringBuilder md = new StringBuilder();
    md.append("# Cask repair").append(report.toolpack() == null ? "" : ": " + text(report.toolpack() + " "
        + report.version())).append("\n\n");
    if (report.healthy()) {
      md.append("Nothing to repair: no denial, failure, gate problem, drift, failed contract or pending proposal.\n\n");
    } else {
      Map<FixClass, Integer> counts = report.fixCounts();
      md.append(report.diagnoses().size()).append(" diagnosis(es), ")
          .append(report.diagnoses().stream().mapToInt(Diagnosis::count).sum()).append(" audited call(s) explained. Fixes: ")
          .append(counts.get(FixClass.SAFE)).append(" SAFE (read-only, in repair.sh), ")
          .append(counts.get(FixClass.APPROVAL_REQUIRED)).append(" APPROVAL_REQUIRED (grant a capability: review what"
              + " each grants, then sign), ")
          .append(counts.get(FixClass.MANUAL)).append(" MANUAL.\n\n");
      md.append("| id | kind | what | calls | first | last |\n| --- | --- | --- | --- | --- | --- |\n");
      for (Diagnosis d : report.diagnoses()) {
        md.append("| ").append(d.id()).append(" | ").append(d.kind()).append(" | ").append(cell(d.title())).append(" | ")
            .append(d.count()).append(" | ").append(d.firstSeen() == null ? "" : d.firstSeen()).append(" | ")
            .append(d.lastSeen() == null ? "" : d.lastSeen()).append(" |\n");
      }
      md.append('\n');
    }
    for (Diagnosis d : report.diagnoses()) {
      md.append("## ").append(d.id()).append(" ").append(d.kind()).append(": ").append(text(d.title())).append("\n\n");
      md.append(text(d.cause())).append("\n\n");
      if (d.count() > 0) {
        md.append(d.count()).append(" call(s) from ").append(d.firstSeen()).append(" to ").append(d.lastSeen())
            .append(": ").append(text(d.reasons().toString())).append("\n\n");
      }
      md.append("Evidence:\n\n");
      d.evidence().forEach(line -> md.append("    ").append(ControlCharacters.escape(line)).append('\n'));
      md.append('\n');
      for (Fix fix : d.fixes()) {
        md.append("**").append(fix.fixClass().name()).append("**: ").append(text(fix.does())).append("\n\n");
        if (fix.grant() != null) {
          Grant grant = fix.grant();
          md.append("Grants: ").append(text(grant.words())).append(" (tool ").append(code(grant.tool()))
              .append(", ").append(code(grant.method() + " " + grant.host() + grant.path())).append(", risk ")
              .append(code(grant.risk())).append(", effect ").append(code(grant.effect())).append(", calls it would"
                  + " have allowed: ").append(grant.callsAllowed()).append(")\n\n");
        }
        if (!fix.commands().isEmpty()) {
          md.append("```sh\n");
          fix.commands().forEach(command -> md.append(ControlCharacters.escape(command)).append('\n'));
          md.append("```\n\n");
        }
      }
    }
    md.append("## Inputs\n\n");
    report.inputs().forEach(line -> md.append("    ").append(ControlCharacters.escape(line)).append('\n'));
    if (!report.prepared().isEmpty()) {
      md.append("\nPrepared files (used by the fixes above): ");
      md.append(String.join(", ", report.prepared().keySet().stream().map(name -> code("repair/" + name)).toList()));
      md.append('\n');
    }
    return md.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** One line of prose: unsafe characters escaped, then every character Markdown acts on. */
  static String text(String value) {
    String escaped = ControlCharacters.escape(value == null ? "" : value);
    StringBuilder out = new StringBuilder(escaped.length() + 16);
    for (int i = 0; i < escaped.length(); i++) {
      char c = escaped.charAt(i);
      if ("\\`*_{}[]()#+-.!<>|~&\"".indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }

  private static String cell(String value) {
    return text(value);
  }

  /** A code span that no backtick inside can end. */
  static String code(String value) {
    String escaped = ControlCharacters.escape(value == null ? "" : value).replace("`", "'");
    return "`" + escaped + "`";
  }
}
