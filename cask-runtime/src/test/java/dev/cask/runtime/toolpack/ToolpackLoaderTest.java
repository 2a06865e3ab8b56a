package dev.cask.runtime.toolpack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cask.runtime.CaskException;
import dev.cask.runtime.json.CanonicalJson;
import dev.cask.runtime.verification.GateFixture;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolpackLoaderTest {
  @TempDir Path dir;

  private Path toolpack() {
    GateFixture fixture = new GateFixture(dir);
    return GateFixture.writeToolpack(dir.resolve("tp"), "demo", fixture.tools, fixture.policy);
  }

  @Test
  void loadsADirectoryAndTheSameFilesAsAZip() throws Exception {
    Path tp = toolpack();
    LoadedToolpack fromDir = ToolpackLoader.load(tp);
    assertThat(fromDir.name()).isEqualTo("demo");
    assertThat(fromDir.tools().tools()).hasSize(4);
    assertThat(fromDir.policyDigest()).isEqualTo(CanonicalJson.digest(fromDir.policy()));
    Path zip = zip(tp, List.of("toolpack.yaml", "tools.json", "policy.yaml", "capture.json"), null);
    LoadedToolpack fromZip = ToolpackLoader.load(zip);
    assertThat(fromZip.tools()).isEqualTo(fromDir.tools());
    assertThat(fromZip.policyDigest()).isEqualTo(fromDir.policyDigest());
  }

  @Test
  void policyCommentsDoNotChangeItsDigestButRulesDo() throws Exception {
    Path tp = toolpack();
    String before = ToolpackLoader.load(tp).policyDigest();
    Path policy = tp.resolve("policy.yaml");
    Files.writeString(policy, "# a reviewer's note\n" + Files.readString(policy));
    rehash(tp);
    assertThat(ToolpackLoader.load(tp).policyDigest()).isEqualTo(before);
    Files.writeString(policy, Files.readString(policy).replace("priority: 100", "priority: 101"));
    rehash(tp);
    assertThat(ToolpackLoader.load(tp).policyDigest()).isNotEqualTo(before);
  }

  @Test
  void aToolWhoseDigestDoesNotMatchItsDefinitionIsNamed() throws Exception {
    Path tp = toolpack();
    Path tools = tp.resolve("tools.json");
    Files.writeString(tools, Files.readString(tools).replace("Delete a user.", "Delete all users."));
    rehash(tp);
    assertThatThrownBy(() -> ToolpackLoader.load(tp)).isInstanceOf(CaskException.class)
        .hasMessageContaining("tool digest(s) do not match").hasMessageContaining("delete_user");
  }

  @Test
  void zipsWithPathsOrMissingFilesAreRefused() throws Exception {
    Path tp = toolpack();
    assertThatThrownBy(() -> ToolpackLoader.load(zip(tp, List.of("toolpack.yaml", "tools.json", "policy.yaml", "capture.json"), "../evil")))
        .isInstanceOf(CaskException.class).hasMessageContaining("not a toolpack file");
    assertThatThrownBy(() -> ToolpackLoader.load(zip(tp, List.of("toolpack.yaml", "tools.json", "capture.json"), null)))
        .isInstanceOf(CaskException.class).hasMessageContaining("policy.yaml").hasMessageContaining("not found");
    assertThatThrownBy(() -> ToolpackLoader.load(dir.resolve("nothing"))).isInstanceOf(CaskException.class)
        .hasMessageContaining("mvn cask:compile");
  }

  @Test
  void everyAttackOnAZipIsRefusedWithItsProblem() {
    Path valid = HostileToolpacks.valid(dir);
    List<HostileToolpacks.Case> cases = HostileToolpacks.zipCases(valid, dir);
    assertThat(cases).hasSizeGreaterThan(15);
    for (HostileToolpacks.Case attack : cases) {
      assertThatThrownBy(() -> ToolpackLoader.load(attack.source())).as(attack.attack())
          .isInstanceOf(CaskException.class).hasMessageContaining(attack.problem())
          .hasMessageStartingWith(attack.source().toString());
    }
    assertThat(ToolpackLoader.load(HostileToolpacks.zip(valid, dir.resolve("valid.zip"))).tools())
        .isEqualTo(ToolpackLoader.load(valid).tools());
  }

  @Test
  void everyAttackOnADirectoryIsRefusedWithItsProblem() {
    Path valid = HostileToolpacks.valid(dir);
    for (HostileToolpacks.Case attack : HostileToolpacks.directoryCases(valid, dir)) {
      assertThatThrownBy(() -> ToolpackLoader.load(attack.source())).as(attack.attack())
          .isInstanceOf(CaskException.class).hasMessageContaining(attack.problem());
    }
  }

  @Test
  void aFileIsReadOnlyUpToTheLimitWhateverItsHeadersSay() throws Exception {
    Path valid = HostileToolpacks.valid(dir);
    byte[] zeros = new byte[64 * 1024];
    Path bomb = HostileToolpacks.zip(valid, dir.resolve("bomb.zip"), List.of("capture.json", "policy.yaml", "toolpack.yaml"),
        out -> {
          try {
            out.putNextEntry(new ZipEntry("tools.json"));
            out.write(zeros);
            out.closeEntry();
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
    assertThat(Files.size(bomb)).isLessThan(4096);
    assertThatThrownBy(() -> ToolpackSource.open(bomb, "bomb.zip", "fix", 4096)).isInstanceOf(CaskException.class)
        .hasMessageStartingWith("bomb.zip!tools.json: is larger than 4096 bytes");
    Files.write(valid.resolve("capture.json"), zeros);
    ToolpackSource directory = ToolpackSource.open(valid, "target/cask", "fix", 4096);
    assertThatThrownBy(() -> directory.require("capture.json", "fix")).isInstanceOf(CaskException.class)
        .hasMessageStartingWith("target/cask/capture.json: is larger than 4096 bytes");
    assertThat(directory.require("policy.yaml", "fix")).isNotEmpty();
  }

  @Test
  void theCaptureIsParsedOnlyWhenAskedFor() {
    Path valid = HostileToolpacks.valid(dir);
    assertThat(ToolpackLoader.load(valid).capture()).isNull();
    LoadedToolpack withCapture = ToolpackLoader.loadWithCapture(valid, "target/cask");
    assertThat(withCapture.capture()).isNotNull();
    assertThat(withCapture.source()).isEqualTo("target/cask");
  }

  @Test
  void aLoneToolsJsonGetsTheSameChecksOfItsTools() throws Exception {
    Path valid = HostileToolpacks.valid(dir);
    assertThat(ToolpackLoader.loadToolSet(valid.resolve("tools.json"), "base/tools.json"))
        .isEqualTo(ToolpackLoader.load(valid).tools());
    Path edited = Files.writeString(dir.resolve("edited.json"),
        Files.readString(valid.resolve("tools.json")).replace("Delete a user.", "Delete all users."));
    assertThatThrownBy(() -> ToolpackLoader.loadToolSet(edited, "edited.json")).isInstanceOf(CaskException.class)
        .hasMessageContaining("edited.json: 1 tool digest(s) do not match their definitions: [delete_user]");
    Path twice = Files.writeString(dir.resolve("twice.json"), Files.readString(valid.resolve("tools.json"))
        .replace("\"create_user\"", "\"get_user\""));
    assertThatThrownBy(() -> ToolpackLoader.loadToolSet(twice, "twice.json")).isInstanceOf(CaskException.class)
        .hasMessageContaining("the name is used twice");
    assertThatThrownBy(() -> ToolpackLoader.loadToolSet(dir.resolve("none.json"), "none.json"))
        .isInstanceOf(CaskException.class).hasMessageStartingWith("none.json: file not found");
  }

  @Test
  void unknownFieldsInTheManifestAreRefusedWithTheirLine() throws Exception {
    Path tp = toolpack();
    Path manifest = tp.resolve("toolpack.yaml");
    Files.writeString(manifest, Files.readString(manifest).replace("version: 1.0.0\n", "version: 1.0.0\napproved: true\n"));
    assertThatThrownBy(() -> ToolpackLoader.load(tp)).isInstanceOf(CaskException.class)
        .hasMessageContaining("unknown field 'approved'").hasMessageContaining("line 4");
  }

  private static void rehash(Path tp) throws Exception {
    Path manifest = tp.resolve("toolpack.yaml");
    String text = Files.readString(manifest);
    for (String file : List.of("tools.json", "policy.yaml", "capture.json")) {
      text = text.replaceAll("(" + java.util.regex.Pattern.quote(file) + ": )sha256:[0-9a-f]{64}",
          "$1" + CanonicalJson.digestBytes(Files.readAllBytes(tp.resolve(file))));
    }
    Files.writeString(manifest, text);
  }

  private Path zip(Path tp, List<String> files, String extra) throws Exception {
    Path zip = Files.createTempFile(dir, "tp", ".zip");
    try (OutputStream out = Files.newOutputStream(zip);
        ZipOutputStream z = new ZipOutputStream(out)) {
      for (String file : files) {
        z.putNextEntry(new ZipEntry(file));
        z.write(Files.readAllBytes(tp.resolve(file)));
        z.closeEntry();
      }
      if (extra != null) {
        z.putNextEntry(new ZipEntry(extra));
        z.closeEntry();
      }
    }
    return zip;
  }
}
