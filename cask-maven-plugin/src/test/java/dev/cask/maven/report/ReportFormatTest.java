package dev.cask.maven.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.maven.diff.ChangeRule;
import dev.cask.maven.diff.Fixtures;
import dev.cask.maven.diff.ToolDiff;
import dev.cask.maven.diff.ToolpackDiff;
import dev.cask.maven.report.json.JsonReport;
import dev.cask.maven.report.junit.JunitReport;
import dev.cask.maven.report.sarif.SarifReport;
import dev.cask.runtime.json.CaskMappers;
import dev.cask.runtime.schema.JsonSchemas;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The machine formats are what they claim: SARIF 2.1.0 per the OASIS schema, JSON per our schema, JUnit XML parses. */
class ReportFormatTest {
  private static final ToolpackDiff DIFF = Fixtures.goldenDiff();

  static List<String> sarifProblems(byte[] sarif) throws Exception {
    return SarifSchema.problems(sarif);
  }

  @Test
  void sarifIsValidAgainstTheOfficialSarif210Schema() throws Exception {
    byte[] sarif = SarifReport.render(DIFF, ReportContext.of("cask.lock.yaml"));
    assertThat(sarifProblems(sarif)).isEmpty();
  }

  @Test
  void theSarifSchemaCheckCatchesAnInvalidLog() throws Exception {
    String broken = new String(SarifReport.render(DIFF, ReportContext.of("cask.lock.yaml")), java.nio.charset.StandardCharsets.UTF_8)
        .replaceFirst("\"level\": \"error\"", "\"level\": \"fatal\"");
    assertThat(sarifProblems(broken.getBytes(java.nio.charset.StandardCharsets.UTF_8))).isNotEmpty();
  }

  @Test
  void sarifCarriesRuleMetadataLevelsLocationsAndSuppressions() throws Exception {
    Map<String, Integer> lines = new TreeMap<>();
    JsonNode sarif = CaskMappers.json().readTree(SarifReport.render(DIFF, ReportContext.of("cask.lock.yaml").withLines(lines)));
    JsonNode run = sarif.at("/runs/0");
    assertThat(run.at("/tool/driver/rules")).hasSize(ChangeRule.values().length);
    assertThat(run.at("/tool/driver/rules/0/properties/security-severity").asText()).isEqualTo("8.0");
    List<String> levels = new ArrayList<>();
    int suppressed = 0;
    for (JsonNode result : run.get("results")) {
      levels.add(result.get("ruleId").asText() + "=" + result.get("level").asText());
      assertThat(result.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).isEqualTo("cask.lock.yaml");
      assertThat(result.at("/partialFingerprints/caskChange~1v1").asText()).hasSize(32);
      assertThat(run.at("/tool/driver/rules/" + result.get("ruleIndex").asInt() + "/id").asText()).isEqualTo(result.get("ruleId").asText());
      if (result.has("suppressions")) {
        suppressed++;
        assertThat(result.at("/suppressions/0/justification").asText()).startsWith("approved by ");
      }
    }
    assertThat(levels).contains("description-instruction=error", "input-removed=warning", "output-property-added=note");
    assertThat(suppressed).isEqualTo(3);
  }

  @Test
  void jsonMatchesItsPublishedSchema() throws Exception {
    JsonNode schema = CaskMappers.json().readTree(JsonReport.class.getResourceAsStream(JsonReport.SCHEMA_RESOURCE));
    assertThat(JsonSchemas.problems(schema)).isEmpty();
    JsonNode report = CaskMappers.json().readTree(JsonReport.render(DIFF));
    assertThat(JsonSchemas.compile(schema).validate(report)).isEmpty();
    assertThat(report.at("/verdict/failed").asBoolean()).isTrue();
    assertThat(report.at("/verdict/failing").asInt()).isEqualTo(DIFF.failing().size());
  }

  @Test
  void junitXmlParsesWithOneTestcasePerToolAndFailuresForFailingTools() throws Exception {
    Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(JunitReport.render(DIFF)));
    Element suite = (Element) xml.getElementsByTagName("testsuite").item(0);
    NodeList cases = suite.getElementsByTagName("testcase");
    assertThat(cases.getLength()).isEqualTo(DIFF.tools().size() + 1);
    long failingTools = DIFF.tools().stream().filter(tool -> tool.fails(DIFF.threshold())).count() + 1; // + toolpack
    assertThat(suite.getElementsByTagName("failure").getLength()).isEqualTo((int) failingTools);
    assertThat(suite.getAttribute("failures")).isEqualTo(String.valueOf(failingTools));
    Map<String, Boolean> failed = new TreeMap<>();
    for (int i = 0; i < cases.getLength(); i++) {
      Element testCase = (Element) cases.item(i);
      failed.put(testCase.getAttribute("name"), testCase.getElementsByTagName("failure").getLength() > 0);
    }
    for (ToolDiff tool : DIFF.tools()) {
      assertThat(failed.get(tool.name())).as(tool.name()).isEqualTo(tool.fails(DIFF.threshold()));
    }
    assertThat(failed).containsEntry("get_health", false).containsEntry("admin_impersonate", true);
  }

  @Test
  void junitXmlSurvivesControlCharactersInUntrustedText() throws Exception {
    String nasty = "evil\u0001\u001b[31m <b>&";
    assertThat(junitClean(nasty)).doesNotContain("\u0001").doesNotContain("\u001b");
  }

  private static String junitClean(String text) throws Exception {
    java.lang.reflect.Method clean = JunitReport.class.getDeclaredMethod("clean", String.class);
    clean.setAccessible(true);
    return (String) clean.invoke(null, text);
  }
}
