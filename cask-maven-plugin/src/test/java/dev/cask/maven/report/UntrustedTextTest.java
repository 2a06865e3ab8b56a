package dev.cask.maven.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.maven.diff.Fixtures;
import dev.cask.maven.diff.Severity;
import dev.cask.maven.diff.ToolpackDiff;
import dev.cask.maven.diff.ToolpackDiffer;
import dev.cask.maven.diff.ToolpackSnapshot;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import dev.cask.runtime.text.ControlCharacters;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every place the plugin shows untrusted text applies the one control-character rule: a description and a property
 * name carrying a terminal escape, a bidi override, a zero-width space and a Unicode tag reach the console table, the
 * Markdown comment, SARIF and JUnit with each of them escaped (visible, not dropped), and no raw one anywhere. diff.json
 * is data and keeps the exact values (JSON escapes its own control characters).
 */
class UntrustedTextTest {
  private static final String HOSTILE = "x\u001b[2J\u202Eevil\u200B\uDB40\uDC41y";

  static ToolpackDiff hostileDiff() {
    List<ToolDefinition> v2 = new ArrayList<>(Fixtures.definitions("diff/v2-tools.yaml"));
    ToolDefinition d = v2.get(0);
    ObjectNode input = d.inputSchema().deepCopy();
    input.with("properties").putObject(HOSTILE).put("type", "string");
    v2.set(0, new ToolDefinition(d.name(), "Fine. " + HOSTILE, d.method(), d.baseUrl(), d.path(), input,
        d.outputSchema(), d.risk(), d.annotations(), d.binding(), d.security(), d.deprecated()));
    ToolpackSnapshot current = new ToolpackSnapshot("pr", Fixtures.toolSet(v2), null, null, null);
    return ToolpackDiffer.diff(Fixtures.snapshot("v1"), current, null, Severity.HIGH);
  }

  @Test
  void everyHumanFacingOutputShowsUnsafeCharactersEscaped() {
    ToolpackDiff diff = hostileDiff();
    String escaped = ControlCharacters.escape(HOSTILE);
    assertThat(escaped).isEqualTo("x\\u001b[2J\\u202eevil\\u200b\\udb40\\udc41y");

    List<String> console = ConsoleTable.lines(diff, 100);
    assertThat(String.join("\n", console)).contains(escaped);
    console.forEach(line -> assertThat(unsafe(line, false)).as(line).isEmpty());

    Map<String, byte[]> reports = Reports.render(diff, ReportContext.of("cask.lock.yaml"));
    for (String name : List.of("diff.md", "diff.sarif", "diff-junit.xml")) {
      String text = new String(reports.get(name), StandardCharsets.UTF_8);
      assertThat(text).as(name).contains("\\u001b[2J");
      assertThat(unsafe(text, true)).as(name).isEmpty();
    }
    assertThat(new String(reports.get("diff.json"), StandardCharsets.UTF_8)).contains("\u202E");
  }

  /** The unsafe code points in the text (line feeds and tabs allowed where the format has lines). */
  private static List<String> unsafe(String text, boolean lines) {
    List<String> found = new ArrayList<>();
    text.codePoints()
        .filter(cp -> ControlCharacters.isUnsafe(cp) && !(lines && (cp == '\n' || cp == '\t')))
        .forEach(cp -> found.add(String.format("U+%04X", cp)));
    return found;
  }
}
