package dev.cask.maven.report.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cask.maven.diff.Fixtures;
import dev.cask.maven.diff.Severity;
import dev.cask.maven.diff.ToolpackDiff;
import dev.cask.maven.diff.ToolpackDiffer;
import dev.cask.maven.diff.ToolpackSnapshot;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hostile text from specs and traffic cannot break out of the Markdown it is shown in. */
class MarkdownSafetyTest {
  @Test
  void codeSpansNeutraliseMarkdownHtmlPipesAndBackticks() {
    assertThat(Md.code("a|b")).isEqualTo("`a\\|b`");
    assertThat(Md.code("x ` y")).isEqualTo("`` x ` y ``");
    assertThat(Md.code("line\nbreak\u202Ehidden")).isEqualTo("`line break\\u202ehidden`");
    assertThat(Md.block("```\n</details>\n@team")).isEqualTo("````text\n```\n</details>\n@team\n````\n");
  }

  @Test
  void aPoisonedDescriptionAndHostilePropertyNamesStayInsideCode() {
    List<ToolDefinition> v2 = new ArrayList<>(Fixtures.definitions("diff/v2-tools.yaml"));
    ToolDefinition first = v2.get(0);
    String hostile = "Fine.\n</details>\n\n# Approved by security ![x](https://evil.example/p.png) @org/security-team"
        + " <img src=x onerror=alert(1)> | ``` |";
    v2.set(0, new ToolDefinition(first.name(), hostile, first.method(), first.baseUrl(), first.path(),
        first.inputSchema(), first.outputSchema(), first.risk(), first.annotations(), first.binding(), first.security(),
        first.deprecated()));
    ToolpackSnapshot current = new ToolpackSnapshot("pr", Fixtures.toolSet(v2), null, null, null);
    ToolpackDiff diff = ToolpackDiffer.diff(Fixtures.snapshot("v1"), current, null, Severity.HIGH);
    String md = MarkdownReport.render(diff);
    String fence = null;
    int hostileLines = 0;
    int opened = 0;
    int closed = 0;
    for (String line : md.split("\n")) {
      if (fence == null && line.matches("`{3,}text")) {
        fence = line.substring(0, line.length() - 4);
        continue;
      }
      if (fence != null && line.equals(fence)) {
        fence = null;
        continue;
      }
      if (fence == null) {
        opened += line.startsWith("<details>") ? 1 : 0;
        closed += line.equals("</details>") ? 1 : 0;
        assertThat(line).as("no heading from untrusted text").doesNotStartWith("# ");
      }
      if (line.contains("evil.example") || line.contains("onerror")) {
        hostileLines++;
        boolean inCodeSpan = line.startsWith("| ") && line.contains("`");
        assertThat(fence != null || inCodeSpan).as("hostile text outside code: %s", line).isTrue();
      }
    }
    assertThat(fence).as("every fence is closed").isNull();
    assertThat(hostileLines).isPositive();
    assertThat(opened).as("<details> blocks outside code").isEqualTo(closed).isPositive();
  }

  @Test
  void longReportsAreCutBelowTheCommentLimitWithAPointer() {
    ToolpackDiff diff = Fixtures.goldenDiff();
    String md = MarkdownReport.render(diff, 4_000);
    assertThat(md.length()).isLessThan(4_000);
    assertThat(md).contains("not shown here to keep the comment short: see diff.json or diff.sarif");
  }
}
