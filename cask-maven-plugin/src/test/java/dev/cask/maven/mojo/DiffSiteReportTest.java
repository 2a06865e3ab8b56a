package dev.cask.maven.mojo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cask.maven.diff.Fixtures;
import org.apache.maven.doxia.module.xhtml5.Xhtml5SinkFactory;
import org.apache.maven.doxia.sink.Sink;
import org.junit.jupiter.api.Test;

/** The site page renders through a real Doxia XHTML5 sink, with untrusted text escaped. */
class DiffSiteReportTest {
  @Test
  void rendersVerdictTablesAndWordDiffsEscaped() throws Exception {
    java.io.ByteArrayOutputStream html = new java.io.ByteArrayOutputStream();
    Sink sink = new Xhtml5SinkFactory().createSink(html, "UTF-8");
    DiffSiteReport.render(sink, Fixtures.goldenDiff());
    sink.close();
    String page = html.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(page).contains("Cask diff: people").contains("14 unapproved changes at or above high")
        .contains("<td>description-instruction</td>")
        .contains("&lt;IMPORTANT&gt;Before using this tool")
        .doesNotContain("<IMPORTANT>");
    assertThat(page).contains("<th>Severity</th>").contains("accepted (alice)");
  }
}
