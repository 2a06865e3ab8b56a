package dev.cask.maven.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cask.maven.importers.RecordingLog;
import dev.cask.runtime.CaskException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cask:init in a directory: what it prints, what it writes, and that a second run changes nothing. */
class ProjectInitTest {
  private static final PomSetup.Plugin PLUGIN = new PomSetup.Plugin("dev.cask", "cask-maven-plugin", "0.1.0-SNAPSHOT");

  @TempDir Path dir;

  private ProjectInit.Settings settings(Path project, boolean write, String from, boolean key) {
    return new ProjectInit.Settings(project, write, from, 1 << 20, key, "alice", "Alice", dir.resolve("keys"), PLUGIN);
  }

  private ProjectInit init(RecordingLog log) {
    return new ProjectInit(Clock.systemUTC(), log, "init-passphrase"::toCharArray, new InputSource(1 << 20));
  }

  private static List<String> files(Path root) throws Exception {
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
    }
  }

  @Test
  void withoutWriteItOnlySaysWhatItWouldDo() throws Exception {
    Path project = Files.createDirectories(dir.resolve("orders"));
    Files.writeString(dir.resolve("orders.yaml"), "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n");
    RecordingLog log = new RecordingLog();
    String next = init(log).run(settings(project, false, "../orders.yaml", true));
    assertThat(files(project)).isEmpty();
    assertThat(log.infos).contains("cask:init would create pom.xml:",
        "cask:init would create src/main/cask/README.md (what goes into src/main/cask)",
        "cask:init: nothing written; run again with -Dcask.write=true to do this");
    assertThat(log.infos).anyMatch(l -> l.startsWith("cask:init would store OpenAPI 3.0.3 from ") && l.contains("orders.yaml"));
    assertThat(log.infos).anyMatch(l -> l.startsWith("cask:init would make the signing key alice"));
    assertThat(next).startsWith("mvn verify");
  }

  @Test
  void writesTheProjectOnceAndASecondRunChangesNothing() throws Exception {
    Path project = Files.createDirectories(dir.resolve("orders"));
    Files.writeString(dir.resolve("orders.yaml"), "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n");
    String next = init(new RecordingLog()).run(settings(project, true, "../orders.yaml", true));
    assertThat(files(project)).containsExactly("cask.signers.history.yaml", "cask.signers.yaml", "pom.xml",
        "src/main/cask/README.md", "src/main/cask/orders.yaml");
    assertThat(Files.readString(project.resolve("pom.xml"))).contains("<artifactId>orders</artifactId>", "<goal>gate-check</goal>");
    assertThat(Files.readString(project.resolve("cask.signers.yaml"))).contains("alice:", "name: Alice", "version: 1");
    // version 1 of the signers chain: the history holds exactly the signers file (serve needs it from version 2 on)
    assertThat(dev.cask.runtime.verification.GateFiles.parseSignersHistory(
        Files.readAllBytes(project.resolve("cask.signers.history.yaml")), "cask.signers.history.yaml").versions())
        .containsExactly(dev.cask.runtime.verification.GateFiles.parseSigners(
            Files.readAllBytes(project.resolve("cask.signers.yaml")), "cask.signers.yaml"));
    assertThat(dir.resolve("keys/alice.pem")).isRegularFile();
    assertThat(next).startsWith("mvn verify");

    byte[] pom = Files.readAllBytes(project.resolve("pom.xml"));
    byte[] signers = Files.readAllBytes(project.resolve("cask.signers.yaml"));
    byte[] history = Files.readAllBytes(project.resolve("cask.signers.history.yaml"));
    RecordingLog again = new RecordingLog();
    init(again).run(settings(project, true, "../orders.yaml", true));
    assertThat(Files.readAllBytes(project.resolve("pom.xml"))).isEqualTo(pom);
    assertThat(Files.readAllBytes(project.resolve("cask.signers.yaml"))).isEqualTo(signers);
    assertThat(Files.readAllBytes(project.resolve("cask.signers.history.yaml"))).isEqualTo(history);
    assertThat(again.infos).contains("cask:init: pom.xml already has the Cask plugin; unchanged",
        "cask:init: src/main/cask/orders.yaml is already this OpenAPI 3.0.3; unchanged",
        "cask:init: cask.signers.yaml exists; no key made (a new signer is added with mvn cask:keygen)");
    assertThat(files(dir.resolve("keys"))).containsExactly("alice.pem");
  }

  @Test
  void namesTheNextStepForWhatIsMissing() throws Exception {
    Path project = Files.createDirectories(dir.resolve("empty"));
    assertThat(init(new RecordingLog()).run(settings(project, true, null, false)))
        .startsWith("put the API's OpenAPI document, HAR recordings or OTLP/JSON traces in src/main/cask/");
    Files.writeString(project.resolve("src/main/cask/api.json"), "{\"openapi\": \"3.1.0\"}");
    assertThat(init(new RecordingLog()).run(settings(project, true, null, false)))
        .startsWith("mvn cask:keygen -Dcask.bootstrapSigners=true");
  }

  @Test
  void neverOverwritesAnInputWithOtherContent() throws Exception {
    Path project = Files.createDirectories(dir.resolve("p"));
    Files.createDirectories(project.resolve("src/main/cask"));
    Files.writeString(project.resolve("src/main/cask/api.json"), "{\"openapi\": \"3.1.0\", \"mine\": true}");
    Files.writeString(dir.resolve("api.json"), "{\"openapi\": \"3.1.0\"}");
    assertThatThrownBy(() -> init(new RecordingLog()).run(settings(project, true, "../api.json", false)))
        .isInstanceOf(CaskException.class).hasMessageContaining("src/main/cask/api.json").hasMessageContaining("already exists with other content");
    assertThat(project.resolve("pom.xml")).doesNotExist();
  }
}
