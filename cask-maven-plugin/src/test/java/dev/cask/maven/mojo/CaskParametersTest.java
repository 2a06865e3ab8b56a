package dev.cask.maven.mojo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * One property, one default, in every goal: read from the plugin descriptor Maven itself uses (built before the tests
 * run), so a parameter declared again with another default or type (as cask.toolpack once was: target/cask for diff,
 * the output directory for the gate) fails the build.
 */
class CaskParametersTest {
  private static final Path DESCRIPTOR = Path.of("target/classes/META-INF/maven/plugin.xml");

  /** A parameter of one goal as the descriptor declares it. */
  record Declared(String goal, String name, String property, String type, String defaultValue) {}

  static List<Declared> declared() throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document document = factory.newDocumentBuilder().parse(DESCRIPTOR.toFile());
    List<Declared> all = new ArrayList<>();
    NodeList mojos = document.getElementsByTagName("mojo");
    for (int i = 0; i < mojos.getLength(); i++) {
      Element mojo = (Element) mojos.item(i);
      String goal = mojo.getElementsByTagName("goal").item(0).getTextContent();
      Element configuration = (Element) mojo.getElementsByTagName("configuration").item(0);
      for (Node node = configuration.getFirstChild(); node != null; node = node.getNextSibling()) {
        if (node instanceof Element parameter) {
          String expression = parameter.getTextContent().trim();
          String property = expression.startsWith("${cask.") ? expression.substring(2, expression.length() - 1) : null;
          String defaultValue = parameter.hasAttribute("default-value") ? parameter.getAttribute("default-value") : null;
          all.add(new Declared(goal, parameter.getTagName(), property, parameter.getAttribute("implementation"), defaultValue));
        }
      }
    }
    return all;
  }

  @Test
  void everyPropertyHasOneDefaultAndOneTypeInEveryGoal() throws Exception {
    List<Declared> all = declared();
    assertThat(all).extracting(Declared::goal).contains("diff", "diff-report", "drift", "gate-check", "gate-allow");
    Map<String, TreeSet<String>> variants = new TreeMap<>();
    for (Declared parameter : all) {
      if (parameter.property() != null) {
        variants.computeIfAbsent(parameter.property(), p -> new TreeSet<>())
            .add(parameter.type() + " default " + parameter.defaultValue());
      }
    }
    assertThat(variants).isNotEmpty().allSatisfy((property, seen) ->
        assertThat(seen).as("%s is declared with different types or defaults in different goals", property).hasSize(1));
  }

  @Test
  void theToolpackHasNoDefaultOfItsOwnAndFollowsTheOutputDirectory() throws Exception {
    List<Declared> toolpack = declared().stream().filter(p -> CaskParameters.TOOLPACK.equals(p.property())).toList();
    assertThat(toolpack).extracting(Declared::goal)
        .contains("diff", "diff-report", "drift", "gate-check", "gate-allow", "gate-block", "gate-status");
    assertThat(toolpack).allSatisfy(p -> assertThat(p.defaultValue()).as(p.goal()).isNull());
    // Every goal that reads the toolpack also knows the output directory it falls back to.
    for (Declared parameter : toolpack) {
      assertThat(declared()).as(parameter.goal())
          .anyMatch(p -> p.goal().equals(parameter.goal()) && CaskParameters.OUTPUT_DIRECTORY.equals(p.property()));
    }
    File output = new File("target/elsewhere");
    assertThat(CaskParameters.toolpack(null, output)).isEqualTo(output.toPath());
    assertThat(CaskParameters.toolpack(new File("pack.zip"), output)).isEqualTo(Path.of("pack.zip"));
  }
}
