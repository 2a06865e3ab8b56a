package dev.cask.maven.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The site page's rule table is the catalog's own output, so documentation cannot drift from the code. */
class RulesDocumentationTest {
  private static final Path PAGE = Path.of("../src/site/markdown/diff.md");
  private static final String START = "<!-- rules-table:start -->\n";
  private static final String END = "<!-- rules-table:end -->";

  @Test
  void theSitePageTableEqualsTheCatalog() throws Exception {
    String page = Files.readString(PAGE, StandardCharsets.UTF_8);
    int start = page.indexOf(START);
    int end = page.indexOf(END);
    assertThat(start).as("rules-table markers in %s", PAGE).isPositive();
    String expected = ChangeRule.markdownTable();
    if (Boolean.getBoolean("cask.updateGolden")) {
      page = page.substring(0, start + START.length()) + expected + page.substring(end);
      Files.writeString(PAGE, page, StandardCharsets.UTF_8);
      end = page.indexOf(END);
    }
    assertThat(page.substring(start + START.length(), end))
        .as("the rules table of %s (rerun with -Dcask.updateGolden=true to regenerate it)", PAGE)
        .isEqualTo(expected);
  }

  @Test
  void ruleIdsAreUniqueKebabCaseAndResolvable() {
    Set<String> ids = new HashSet<>();
    for (ChangeRule rule : ChangeRule.values()) {
      assertThat(rule.id()).matches("[a-z]+(-[a-z]+)*");
      assertThat(ids.add(rule.id())).as(rule.id()).isTrue();
      assertThat(ChangeRule.byId(rule.id())).contains(rule);
      assertThat(rule.explanation()).endsWith(".");
    }
    assertThat(ChangeRule.markdownTable().lines().count()).isEqualTo(ChangeRule.values().length + 2L);
    assertThat(ChangeRule.markdownTable()).contains("&lt;IMPORTANT&gt;").doesNotContain("<IMPORTANT>");
  }
}
