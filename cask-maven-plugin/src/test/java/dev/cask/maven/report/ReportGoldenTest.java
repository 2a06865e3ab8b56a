package dev.cask.maven.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cask.maven.diff.Fixtures;
import dev.cask.maven.diff.ToolpackDiff;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/** Every report format of the v1 → v2 fixture diff (every diff rule) against its golden file. */
class ReportGoldenTest {
  static final ReportContext CONTEXT = ReportContext.of("cask.lock.yaml");

  @Test
  void everyFormatMatchesItsGoldenFile() {
    Map<String, byte[]> files = Reports.render(Fixtures.goldenDiff(), CONTEXT);
    assertThat(files.keySet()).containsExactly("diff.md", "diff.json", "diff.sarif", "diff-junit.xml");
    files.forEach((name, bytes) -> Golden.assertMatches("diff/golden/" + name, bytes));
    Golden.assertMatches("diff/golden/console.txt",
        (String.join("\n", ConsoleTable.lines(Fixtures.goldenDiff(), 200)) + "\n").getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void reportsAreByteIdenticalUnderAHostileLocaleAndTimeZone() {
    Map<String, byte[]> reference = Reports.render(Fixtures.goldenDiff(), CONTEXT);
    Locale locale = Locale.getDefault();
    TimeZone zone = TimeZone.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag("tr-TR"));
      TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
      Map<String, byte[]> again = Reports.render(Fixtures.goldenDiff(), CONTEXT);
      reference.forEach((name, bytes) -> assertThat(again.get(name)).as(name).isEqualTo(bytes));
    } finally {
      Locale.setDefault(locale);
      TimeZone.setDefault(zone);
    }
  }

  @Test
  void theMarkdownSummaryFitsOneScreenAndTheCommentLimit() {
    ToolpackDiff diff = Fixtures.goldenDiff();
    String md = new String(Reports.render(diff, CONTEXT).get("diff.md"), StandardCharsets.UTF_8);
    assertThat(md).startsWith("<!-- cask:diff -->\n## ❌ Cask diff:");
    String summary = md.substring(0, md.indexOf("### Details"));
    assertThat(summary.lines().count()).as("summary lines").isLessThan(40);
    assertThat(md.length()).isLessThan(65_536);
    assertThat(md).contains("accepted (alice)").contains("<details>").contains("[-newest first.-]{+oldest first, including suspended accounts.+}");
  }
}
