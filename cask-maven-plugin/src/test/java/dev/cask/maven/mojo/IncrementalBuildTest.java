package dev.cask.maven.mojo;

import static dev.cask.maven.mojo.SkipTest.set;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cask.maven.diff.OrdersExample;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code mvn verify} twice with nothing changed: the second capture-import and compile are skipped, and the toolpack
 * stays exactly as the first run wrote it. Every change that could change the toolpack runs them again: the source
 * document, a setting, the policy, another build of the plugin, and an output that was deleted or edited (which the
 * run then restores). The goals run on a real project, configured as Maven would.
 */
class IncrementalBuildTest {
  private static final String UP_TO_DATE = "Cask compile: up to date";

  @TempDir Path project;
  private Path spec;
  private Path jar;

  @BeforeEach
  void setUp() throws Exception {
    spec = Files.createDirectories(project.resolve("src/main/cask")).resolve("orders.yaml");
    Files.copy(OrdersExample.APPROVED.resolve("src/main/cask/orders.yaml"), spec);
    jar = project.resolve("plugin/cask-maven-plugin.jar");
  }

  private List<String> compile(Map<String, Object> settings) throws Exception {
    CompileMojo mojo = new CompileMojo();
    mojo.project = SkipTest.mavenProject(project);
    mojo.outputDirectory = project.resolve("target/cask").toFile();
    Map<String, Object> values = new TreeMap<>();
    values.put("inputs", List.of(project.resolve("src/main/cask").toFile()));
    values.put("maxInputBytes", 83_886_080L);
    values.put("plugin", TestPlugin.descriptor(jar));
    values.put("toolpackName", "orders");
    values.put("toolpackVersion", "1.0.0");
    values.put("descriptionMaxLength", 1024);
    values.put("policyFile", project.resolve("src/main/cask/policy.yaml").toFile());
    values.put("toolsetsFile", project.resolve("src/main/cask/toolsets.yaml").toFile());
    values.put("attach", false);
    values.putAll(settings);
    values.forEach((name, value) -> set(mojo, name, value));
    SkipTest.Lines log = new SkipTest.Lines();
    mojo.setLog(log);
    mojo.execute();
    return log.infos;
  }

  private List<String> compile() throws Exception {
    return compile(Map.of());
  }

  private Map<String, String> toolpack() throws Exception {
    Map<String, String> files = new TreeMap<>();
    for (String name : List.of("target/cask/toolpack.yaml", "target/cask/tools.json", "target/cask/policy.yaml",
        "target/cask/capture.json", "target/cask/toolsets.yaml", "target/orders-1.0.0-toolpack.zip")) {
      files.put(name, dev.cask.runtime.json.CanonicalJson.sha256Hex(Files.readAllBytes(project.resolve(name))));
    }
    return files;
  }

  @Test
  void secondRunWithNothingChangedIsSkippedAndLeavesTheToolpackAsItWas() throws Exception {
    List<String> first = compile();
    assertThat(first).contains("Cask compile: running (no record of an earlier run)");
    Map<String, String> written = toolpack();
    long modified = Files.getLastModifiedTime(project.resolve("target/cask/tools.json")).toMillis();

    List<String> second = compile();
    assertThat(second).hasSize(1);
    assertThat(second.get(0)).startsWith(UP_TO_DATE + " (inputs, settings, plugin and outputs unchanged; checked in ");
    assertThat(toolpack()).isEqualTo(written);
    assertThat(Files.getLastModifiedTime(project.resolve("target/cask/tools.json")).toMillis()).isEqualTo(modified);
  }

  @Test
  void changedSourceRuns() throws Exception {
    compile();
    Files.writeString(spec, Files.readString(spec).replace("Orders API", "Orders API, second edition"));
    assertThat(compile()).contains("Cask compile: running (src/main/cask/orders.yaml changed)");
    assertThat(compile()).first().asString().startsWith(UP_TO_DATE);
  }

  @Test
  void addedPolicyRunsAndIsUsed() throws Exception {
    compile();
    Files.copy(project.resolve("target/cask/policy.yaml"), project.resolve("src/main/cask/policy.yaml"));
    assertThat(compile()).contains("Cask compile: running (src/main/cask/policy.yaml changed)");
  }

  @Test
  void addedToolsetsFileRunsAndIsUsed() throws Exception {
    compile();
    Files.writeString(project.resolve("src/main/cask/toolsets.yaml"),
        "formatVersion: 1\ntoolsets:\n  reads:\n    include:\n      - risk: [read]\n");
    assertThat(compile()).contains("Cask compile: running (src/main/cask/toolsets.yaml changed)");
    assertThat(project.resolve("target/cask/toolsets.yaml")).content().contains("reads");
  }

  @Test
  void changedSettingRuns() throws Exception {
    compile();
    assertThat(compile(Map.of("descriptionMaxLength", 200)))
        .contains("Cask compile: running (the settings changed (cask.descriptionMaxLength))");
    assertThat(compile(Map.of("descriptionMaxLength", 200))).first().asString().startsWith(UP_TO_DATE);
    assertThat(compile(Map.of("descriptionMaxLength", 200, "strict", true))).contains("Cask compile: running (the settings changed (cask.strict))");
  }

  @Test
  void anotherBuildOfThePluginRuns() throws Exception {
    compile();
    Files.writeString(jar, "cask-maven-plugin code, build 2");
    assertThat(compile()).anyMatch(line -> line.startsWith("Cask compile: running (the plugin changed"));
  }

  @Test
  void editedOrDeletedOutputRunsAndIsRestored() throws Exception {
    compile();
    Map<String, String> written = toolpack();
    Path tools = project.resolve("target/cask/tools.json");
    Files.writeString(tools, Files.readString(tools).replace("\"description\"", "\"description\" "));
    assertThat(compile()).contains("Cask compile: running (target/cask/tools.json is missing or not as the last run wrote it)");
    assertThat(toolpack()).isEqualTo(written);

    Files.delete(project.resolve("target/orders-1.0.0-toolpack.zip"));
    assertThat(compile()).contains("Cask compile: running (target/orders-1.0.0-toolpack.zip is missing or not as the last run wrote it)");
    assertThat(toolpack()).isEqualTo(written);
  }

  @Test
  void forceAndRemoteReferencesAlwaysRun() throws Exception {
    compile();
    assertThat(compile(Map.of("force", true))).contains("Cask compile: running (-Dcask.force=true)");
    assertThat(compile()).first().asString().startsWith(UP_TO_DATE); // a forced run is recorded like any other
    assertThat(compile(Map.of("remoteRefs", true))).contains("Cask compile: running (remote references are allowed)");
    assertThat(compile(Map.of("remoteRefs", true))).contains("Cask compile: running (remote references are allowed)");
    assertThat(compile()).contains("Cask compile: running (no record of an earlier run)"); // never recorded
  }

  /**
   * Every parameter of capture-import and compile (as the generated plugin descriptor lists them) is part of the
   * record, except those that cannot change what the goals write: a parameter added later without being recorded would
   * let a build skip a compile whose output it changes.
   */
  @Test
  void everyParameterThatCanChangeTheOutputsIsRecorded() throws Exception {
    compile();
    Set<String> recorded = new TreeSet<>();
    for (String line : Files.readAllLines(project.resolve("target/cask-build-stamps/compile.txt"))) {
      if (line.startsWith("input\tsetting:")) {
        recorded.add(line.split("\t")[1].substring("setting:".length()));
      }
    }
    Set<String> exempt = Set.of("cask.skip", "cask.force", "cask.summary", "cask.attach"); // log, attach, or not run
    Document descriptor;
    try (InputStream xml = getClass().getResourceAsStream("/META-INF/maven/plugin.xml")) {
      descriptor = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml);
    }
    NodeList mojos = descriptor.getElementsByTagName("mojo");
    int checked = 0;
    for (int i = 0; i < mojos.getLength(); i++) {
      Element mojo = (Element) mojos.item(i);
      String goal = mojo.getElementsByTagName("goal").item(0).getTextContent();
      if (!goal.equals("compile") && !goal.equals("capture-import")) {
        continue;
      }
      NodeList configured = ((Element) mojo.getElementsByTagName("configuration").item(0)).getChildNodes();
      for (int j = 0; j < configured.getLength(); j++) {
        String expression = configured.item(j).getTextContent().trim();
        if (configured.item(j) instanceof Element && expression.startsWith("${cask.")) {
          String property = expression.substring(2, expression.length() - 1);
          assertThat(recorded.contains(property) || exempt.contains(property))
              .as("%s's parameter %s is in the up-to-date record (or cannot change the outputs)", goal, property)
              .isTrue();
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThan(20);
  }

  @Test
  void captureImportIsSkippedTheSameWay() throws Exception {
    CaptureImportMojo first = captureImport();
    SkipTest.Lines log = new SkipTest.Lines();
    first.setLog(log);
    first.execute();
    assertThat(log.infos).contains("Cask capture-import: running (no record of an earlier run)");
    CaptureImportMojo second = captureImport();
    SkipTest.Lines again = new SkipTest.Lines();
    second.setLog(again);
    second.execute();
    assertThat(again.infos).singleElement().asString().startsWith("Cask capture-import: up to date");
  }

  private CaptureImportMojo captureImport() {
    CaptureImportMojo mojo = new CaptureImportMojo();
    mojo.project = SkipTest.mavenProject(project);
    mojo.outputDirectory = project.resolve("target/cask").toFile();
    set(mojo, "inputs", List.of(project.resolve("src/main/cask").toFile()));
    set(mojo, "maxInputBytes", 83_886_080L);
    set(mojo, "plugin", TestPlugin.descriptor(jar));
    return mojo;
  }
}
