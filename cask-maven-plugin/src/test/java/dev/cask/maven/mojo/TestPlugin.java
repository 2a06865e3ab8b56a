package dev.cask.maven.mojo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.plugin.descriptor.PluginDescriptor;

/** The plugin descriptor Maven gives a goal ({@code ${plugin}}), for goals run outside Maven in tests. */
final class TestPlugin {
  private TestPlugin() {}

  /** A descriptor of cask-maven-plugin whose jar is {@code jar} (created with fixed bytes when missing). */
  static PluginDescriptor descriptor(Path jar) {
    try {
      if (!Files.exists(jar)) {
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "cask-maven-plugin code, build 1");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    PluginDescriptor plugin = new PluginDescriptor();
    plugin.setGroupId("dev.cask");
    plugin.setArtifactId("cask-maven-plugin");
    plugin.setVersion("0.1.0-SNAPSHOT");
    Artifact artifact = new DefaultArtifact("dev.cask", "cask-maven-plugin", "0.1.0-SNAPSHOT", "runtime", "maven-plugin",
        null, new DefaultArtifactHandler("maven-plugin"));
    artifact.setFile(jar.toFile());
    plugin.setPluginArtifact(artifact);
    plugin.setArtifacts(List.of());
    return plugin;
  }
}
