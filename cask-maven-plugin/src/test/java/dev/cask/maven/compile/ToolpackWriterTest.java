package dev.cask.maven.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cask.maven.log.BuildLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TimeZone;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolpackWriterTest {
  @TempDir Path temp;

  private static CompiledToolpack toolpack() {
    return new ToolpackCompiler(CompileSettings.of("demo", "1.0.0"), BuildLog.silent()).compile(ToolpackCompilerTest.sample());
  }

  @Test
  void directoryHoldsExactlyTheFilesAndNoTemporaries() throws Exception {
    Path out = temp.resolve("cask");
    ToolpackWriter.writeDirectory(out, toolpack());
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("tools.json", "policy.yaml", "capture.json", "toolpack.yaml", "toolsets.yaml");
    }
    assertThat(Files.readAllBytes(out.resolve("tools.json"))).isEqualTo(toolpack().files().get("tools.json"));
    if (out.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertThat(Files.getPosixFilePermissions(out.resolve("tools.json")))
          .as("artifacts are readable like any build output, not owner-only like temporary files")
          .contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ);
    }
  }

  @Test
  void zipIsByteIdenticalInAnyTimeZoneAndHoldsSortedEntries() throws Exception {
    Path first = temp.resolve("a/demo-toolpack.zip");
    Path second = temp.resolve("b/demo-toolpack.zip");
    TimeZone zone = TimeZone.getDefault();
    try {
      TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
      ToolpackWriter.writeZip(first, toolpack());
      TimeZone.setDefault(TimeZone.getTimeZone("America/St_Johns"));
      ToolpackWriter.writeZip(second, toolpack());
    } finally {
      TimeZone.setDefault(zone);
    }
    assertThat(Files.readAllBytes(first)).isEqualTo(Files.readAllBytes(second));
    try (ZipFile zip = new ZipFile(first.toFile())) {
      assertThat(zip.stream().map(e -> e.getName()))
          .containsExactly("capture.json", "policy.yaml", "toolpack.yaml", "tools.json", "toolsets.yaml");
    }
    try (Stream<Path> files = Files.list(first.getParent())) {
      assertThat(files).hasSize(1);
    }
  }
}
