package dev.cask.maven.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cask.runtime.CaskException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** cask:init's pom edit: the plugin goes in, nothing else of the user's pom moves. */
class PomSetupTest {
  private static final PomSetup.Plugin PLUGIN = new PomSetup.Plugin("dev.cask", "cask-maven-plugin", "0.1.0-SNAPSHOT");

  /** A hand-kept pom: tabs, comments in odd places, attributes across lines, a build with another plugin, CRLF. */
  private static final String POM = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
      + "<!-- Orders service: keep this comment -->\r\n"
      + "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"\r\n"
      + "\txmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"   xsi:schemaLocation=\"http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd\">\r\n"
      + "\t<modelVersion>4.0.0</modelVersion>\r\n"
      + "\t<groupId>com.example</groupId>   <!-- ours -->\r\n"
      + "\t<artifactId>orders</artifactId>\r\n"
      + "\t<version>1.0</version>\r\n\r\n"
      + "\t<build>\r\n"
      + "\t\t<plugins>\r\n"
      + "\t\t\t<plugin><artifactId>maven-surefire-plugin</artifactId><version>3.5.4</version></plugin>\r\n"
      + "\t\t</plugins>\r\n"
      + "\t</build>\r\n"
      + "</project>\r\n";

  @Test
  void addsThePluginAndKeepsEveryOtherByte() {
    String edited = PomSetup.withPlugin(POM, PLUGIN, "pom.xml").orElseThrow();
    int start = edited.indexOf("<plugin>\r\n");
    assertThat(start).as(edited).isPositive();
    int end = edited.indexOf("</plugin>", start) + "</plugin>".length();
    String added = edited.substring(start, end);
    assertThat(added).contains("<groupId>dev.cask</groupId>", "<artifactId>cask-maven-plugin</artifactId>",
        "<version>0.1.0-SNAPSHOT</version>", "<goal>capture-import</goal>", "<goal>compile</goal>", "<goal>gate-check</goal>");
    // Remove what was added (the new plugin and the line break and indentation before it): the original is left.
    String prefix = edited.substring(0, start);
    String withoutIndent = prefix.substring(0, prefix.lastIndexOf("\r\n"));
    assertThat(withoutIndent + edited.substring(end)).isEqualTo(POM);
    assertThat(added).contains("\r\n\t\t\t\t<groupId>").doesNotContain("\n    ");
  }

  @Test
  void isIdempotentAndRecognisesThePluginHoweverItIsWritten() {
    String once = PomSetup.withPlugin(POM, PLUGIN, "pom.xml").orElseThrow();
    assertThat(PomSetup.withPlugin(once, PLUGIN, "pom.xml")).isEmpty();
    String declared = POM.replace("<plugins>\r\n", "<plugins>\r\n<plugin>\r\n<!-- Cask -->\r\n<groupId> dev.cask </groupId>"
        + "<artifactId>cask-maven-plugin</artifactId></plugin>\r\n");
    assertThat(PomSetup.withPlugin(declared, PLUGIN, "pom.xml")).isEqualTo(Optional.empty());
  }

  @Test
  void createsBuildAndPluginsWhereThePomHasNone() {
    String bare = "<project>\n  <modelVersion>4.0.0</modelVersion>\n  <groupId>g</groupId>\n  <artifactId>a</artifactId>\n"
        + "  <version>1</version>\n</project>\n";
    String edited = PomSetup.withPlugin(bare, PLUGIN, "pom.xml").orElseThrow();
    assertThat(edited).startsWith("<project>\n  <modelVersion>4.0.0</modelVersion>\n  <groupId>g</groupId>\n")
        .contains("  <build>\n    <plugins>\n      <plugin>\n        <groupId>dev.cask</groupId>");
  }

  @Test
  void aNewPomIsNamedAfterItsDirectory() {
    String pom = PomSetup.newPom("My Orders API", PLUGIN);
    assertThat(pom).contains("<artifactId>my-orders-api</artifactId>", "<packaging>pom</packaging>",
        "<artifactId>cask-maven-plugin</artifactId>", "<goal>gate-check</goal>");
    assertThat(PomSetup.withPlugin(pom, PLUGIN, "pom.xml")).isEmpty();
  }

  @Test
  void refusesWhatIsNotAPom() {
    assertThatThrownBy(() -> PomSetup.withPlugin("<settings/>", PLUGIN, "pom.xml"))
        .isInstanceOf(CaskException.class).hasMessageContaining("is not a Maven pom");
    assertThatThrownBy(() -> PomSetup.withPlugin("<project><build></project>", PLUGIN, "pom.xml"))
        .isInstanceOf(CaskException.class).hasMessageContaining("cannot be read as XML");
  }
}
