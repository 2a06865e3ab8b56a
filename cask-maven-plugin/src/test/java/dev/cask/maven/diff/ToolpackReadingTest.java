package dev.cask.maven.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cask.maven.compile.CompiledToolpack;
import dev.cask.maven.compile.ToolpackWriter;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.json.CaskFiles;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.model.toolpack.ToolSet;
import dev.cask.runtime.toolpack.HostileToolpacks;
import dev.cask.runtime.toolpack.ToolpackLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * diff, drift and gate-allow's baseline read toolpacks through the runtime's one reader, so they accept and refuse
 * exactly what the gate and the server do: a real compiled toolpack as a directory and as the attached zip, and every
 * hostile directory and zip of {@link HostileToolpacks}, with the same message.
 */
class ToolpackReadingTest {
  @TempDir Path dir;

  @Test
  void aCompiledToolpackReadsTheSameAsADirectoryAsAZipAndForTheGate() throws Exception {
    CompiledToolpack compiled = OrdersExample.compile(OrdersExample.APPROVED);
    Path directory = dir.resolve("target/cask");
    ToolpackWriter.writeDirectory(directory, compiled);
    Path zip = dir.resolve("target/orders-1.0-toolpack.zip");
    ToolpackWriter.writeZip(zip, compiled);

    ToolpackSnapshot fromDirectory = ToolpackSnapshot.load(directory, "target/cask");
    ToolpackSnapshot fromZip = ToolpackSnapshot.load(zip, "dev.example:orders:1.0");
    assertThat(fromDirectory.tools()).isEqualTo(compiled.tools()).isEqualTo(fromZip.tools());
    assertThat(fromDirectory.capture()).isEqualTo(compiled.capture()).isEqualTo(fromZip.capture());
    assertThat(fromDirectory.policyDigest()).isEqualTo(fromZip.policyDigest())
        .isEqualTo(ToolpackLoader.load(directory).policyDigest()).isEqualTo(ToolpackLoader.load(zip).policyDigest());
    assertThat(ToolpackSnapshot.load(directory.resolve("tools.json"), "base/tools.json").tools()).isEqualTo(compiled.tools());
  }

  @Test
  void everyHostileToolpackIsRefusedByDiffWithTheGatesMessage() {
    Path valid = HostileToolpacks.valid(dir);
    List<HostileToolpacks.Case> cases = new ArrayList<>(HostileToolpacks.zipCases(valid, dir));
    cases.addAll(HostileToolpacks.directoryCases(valid, dir));
    assertThat(ToolpackSnapshot.load(valid, "valid").tools()).isEqualTo(ToolpackLoader.load(valid).tools());
    for (HostileToolpacks.Case attack : cases) {
      String label = attack.source().toString();
      CaskException byGate = catchThrowableOfType(CaskException.class, () -> ToolpackLoader.load(attack.source()));
      CaskException byDiff = catchThrowableOfType(CaskException.class, () -> ToolpackSnapshot.load(attack.source(), label));
      assertThat(byGate).as("gate: " + attack).isNotNull().hasMessageContaining(attack.problem());
      assertThat(byDiff).as("diff: " + attack).isNotNull().hasMessage(byGate.getMessage());
    }
  }

  @Test
  void aBaselineToolsJsonWithAnEditedDefinitionIsRefused() throws Exception {
    Path valid = HostileToolpacks.valid(dir);
    ToolSet tools = ToolpackLoader.load(valid).tools();
    Tool first = tools.tools().get(0);
    Tool edited = new Tool(first.digest(), dev.cask.runtime.verification.GateFixture.withDescription(first.definition(),
        "Quietly different."), null);
    Path file = Files.write(dir.resolve("tools.json"), CaskFiles.prettyJson(ToolSet.of(tools.toolpack(),
        List.of(edited))));
    assertThatThrownBy(() -> ToolpackSnapshot.load(file, "base/tools.json")).isInstanceOf(CaskException.class)
        .hasMessageContaining("base/tools.json: 1 tool digest(s) do not match their definitions: [" + first.name() + "]");
    assertThatThrownBy(() -> ToolpackSnapshot.load(dir.resolve("missing"), "missing"))
        .isInstanceOf(CaskException.class).hasMessageContaining("no toolpack here");
  }
}
