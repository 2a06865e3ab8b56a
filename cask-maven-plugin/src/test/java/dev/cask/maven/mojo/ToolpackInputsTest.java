package dev.cask.maven.mojo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cask.runtime.CaskException;
import org.eclipse.aether.artifact.Artifact;
import org.junit.jupiter.api.Test;

/** {@code -Dcask.baselineArtifact}: short coordinates mean the toolpack zip; full ones are taken as written. */
class ToolpackInputsTest {
  @Test
  void groupArtifactVersionMeansTheToolpackZip() {
    Artifact artifact = ToolpackInputs.artifact("dev.cask.it:published-tools:1.0.0");
    assertThat(artifact.getGroupId()).isEqualTo("dev.cask.it");
    assertThat(artifact.getArtifactId()).isEqualTo("published-tools");
    assertThat(artifact.getVersion()).isEqualTo("1.0.0");
    assertThat(artifact.getClassifier()).isEqualTo("toolpack");
    assertThat(artifact.getExtension()).isEqualTo("zip");
    assertThat(artifact).hasToString("dev.cask.it:published-tools:zip:toolpack:1.0.0");
  }

  @Test
  void fullCoordinatesAreTakenAsWritten() {
    Artifact artifact = ToolpackInputs.artifact("dev.cask.it:published-tools:zip:tools-v2:2.0.0");
    assertThat(artifact.getClassifier()).isEqualTo("tools-v2");
    assertThat(artifact.getVersion()).isEqualTo("2.0.0");
  }

  @Test
  void somethingElseIsRefusedWithTheFormat() {
    assertThatThrownBy(() -> ToolpackInputs.artifact("published-tools"))
        .isInstanceOf(CaskException.class)
        .hasMessageContaining("-Dcask.baselineArtifact=published-tools")
        .hasMessageContaining("groupId:artifactId:version");
  }

  @Test
  void aFileAndCoordinatesTogetherAreRefused() {
    assertThatThrownBy(() -> ToolpackInputs.baseline(java.nio.file.Path.of("."), new java.io.File("base"), "g:a:1",
        null, null, null, null))
        .isInstanceOf(CaskException.class).hasMessageContaining("both are set");
  }
}
