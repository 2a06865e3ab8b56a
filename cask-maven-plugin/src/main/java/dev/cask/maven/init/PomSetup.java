package dev.cask.maven.init;

import dev.cask.runtime.CaskException;
import eu.maveniverse.domtrip.Document;
import eu.maveniverse.domtrip.DomTripException;
import eu.maveniverse.domtrip.Element;
import eu.maveniverse.domtrip.maven.PomEditor;
import java.util.List;
import java.util.Locale;

/**
 * Adds the Cask plugin, its goals bound to their phases, to a pom: edited with DomTrip, a lossless XML editor, so
 * the rest of the file (formatting, comments, order, blank lines) stays byte for byte as it was. A pom that already
 * has the plugin is left alone, which makes {@code cask:init} idempotent.
 */
public final class PomSetup {
  /** The goals {@code cask:init} binds: import and compile while building, the gate at {@code verify}. */
  static final List<String> GOALS = List.of("capture-import", "compile", "gate-check");


  private PomSetup() {}

  /** The plugin's coordinates. */
  public record Plugin(String groupId, String artifactId, String version) {}

  /** A pom for a directory without one: packaging {@code pom}, artifactId from the directory's name. */
  static String newPom(String directoryName, Plugin plugin) {
    String artifactId = directoryName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^[^a-z0-9]+", "");
    try {
      Document doc = Document.of(Resources.text("pom-skeleton.xml"));
      PomEditor editor = new PomEditor(doc);
      editor.updateOrCreateChildElement(editor.root(), "artifactId", artifactId.isEmpty() ? "tools" : artifactId);
      return withPlugin(doc.toXml(), plugin, "new pom").orElseThrow();
    } catch (DomTripException e) {
      throw new IllegalStateException("the pom skeleton does not parse", e);
    }
  }

  /**
   * @return the pom with the plugin added, or empty when it already declares the plugin in {@code build/plugins}
   */
  static java.util.Optional<String> withPlugin(String pom, Plugin plugin, String displayName) {
    try {
      Document doc = Document.of(pom);
      PomEditor editor = new PomEditor(doc);
      Element root = editor.root();
      if (root == null || !root.name().equals("project")) {
        throw new CaskException(displayName, null, "is not a Maven pom (its root element is not <project>)",
            "run cask:init in the project's directory");
      }
      Element build = editor.findChildElement(root, "build");
      Element plugins = build == null ? null : editor.findChildElement(build, "plugins");
      if (plugins != null && plugins.childElements("plugin").anyMatch(p -> declares(editor, p, plugin))) {
        return java.util.Optional.empty();
      }
      if (build == null) {
        build = editor.insertMavenElement(root, "build");
      }
      if (plugins == null) {
        plugins = editor.insertMavenElement(build, "plugins");
      }
      Element added = editor.plugins().addPlugin(plugins, plugin.groupId(), plugin.artifactId(), plugin.version());
      Element goals = editor.insertMavenElement(editor.insertMavenElement(editor.insertMavenElement(added, "executions"),
          "execution"), "goals");
      for (String goal : GOALS) {
        editor.addElement(goals, "goal", goal);
      }
      return java.util.Optional.of(doc.toXml());
    } catch (DomTripException e) {
      throw new CaskException(displayName, null, "cannot be read as XML: " + e.getMessage(), "fix the pom, then run cask:init again");
    }
  }

  private static boolean declares(PomEditor editor, Element candidate, Plugin plugin) {
    String groupId = editor.getChildElementText(candidate, "groupId");
    return plugin.artifactId().equals(editor.getChildElementText(candidate, "artifactId"))
        && plugin.groupId().equals(groupId == null ? "org.apache.maven.plugins" : groupId.trim());
  }
}
