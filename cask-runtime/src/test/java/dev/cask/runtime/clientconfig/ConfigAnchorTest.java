package dev.cask.runtime.clientconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cask.runtime.CaskException;
import dev.cask.runtime.crypto.Ed25519Keys;
import dev.cask.runtime.verification.GateFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trust anchor a client configuration starts {@code serve} with ({@code serve} refuses to start without one): the
 * operator's, as given; else the signers version the project holds now, pinned by digest and said loudly.
 */
class ConfigAnchorTest {
  @TempDir Path dir;

  ServeArguments serve(String anchor) {
    return ServeArguments.forProject(dir, dir.resolve("target/cask"), dir.resolve("cask.lock.yaml"),
        dir.resolve("cask.signers.yaml"), "--trust-anchor", anchor);
  }

  List<String> warnings(ServeArguments serve) throws Exception {
    Path jar = Files.writeString(dir.resolve("cask-runtime.jar"), "jar");
    ConfigRequest request = new ConfigRequest(List.of(ClientKind.CLAUDE_CODE), "cask", serve, Path.of("/opt/jdk/bin/java"),
        jar, null, null, null, false, null, dir, dir.resolve("home"), Map.of(), "Linux");
    List<String> warnings = new ArrayList<>();
    ClientConfigurator.run(request, line -> { }, warnings::add);
    return warnings;
  }

  @Test
  void withoutAnAnchorTheProjectsSignersVersionIsPinnedAndSaidLoudly() throws Exception {
    GateFixture fixture = new GateFixture(dir);
    fixture.rotate(fixture.signers.withSigner("carol", GateFixture.signer("Carol", fixture.carol, null)), "alice", "bob");
    Files.writeString(dir.resolve("cask.signers.yaml"), fixture.signersYaml());

    ServeArguments serve = serve(null);

    assertThat(serve.toList()).endsWith("--trust-anchor", fixture.signersDigest());
    assertThat(serve.trust().pinnedFromProject()).isTrue();
    assertThat(warnings(serve)).anySatisfy(line -> assertThat(line).startsWith("TRUST ON FIRST USE: no trust anchor was "
        + "given, so the server is pinned to the signers as this project holds them now: version 2 of "
        + dir.resolve("cask.signers.yaml") + " (" + fixture.signersDigest() + ")"))
        .anySatisfy(line -> assertThat(line).contains("mvn cask:gate-status").contains("--trust-anchor sha256:<digest>"));
  }

  @Test
  void theOperatorsAnchorIsWrittenAsGivenAFileByItsAbsolutePath() throws Exception {
    String alice = Ed25519Keys.fingerprint(new GateFixture(dir).alice.publicKey());
    ServeArguments byKey = serve(" " + alice + " ");
    assertThat(byKey.toList()).endsWith("--trust-anchor", alice);
    assertThat(byKey.trust().pinnedFromProject()).isFalse();
    assertThat(warnings(byKey)).noneMatch(line -> line.contains("TRUST ON FIRST USE"));

    Files.createDirectories(dir.resolve("ops"));
    Files.writeString(dir.resolve("ops/anchor"), "# reviewed\n" + alice + "\n");
    assertThat(serve("ops/anchor").toList()).endsWith("--trust-anchor", dir.resolve("ops/anchor").toString());
  }

  @Test
  void anAnchorThatIsNoneOrAnUnreadableSignersFileIsRefusedNamingIt() throws Exception {
    assertThatThrownBy(() -> serve("sha256:1234")).isInstanceOf(CaskException.class)
        .hasMessageStartingWith("--trust-anchor").hasMessageContaining("is not an anchor token");
    assertThatThrownBy(() -> serve("missing/anchor")).isInstanceOf(CaskException.class)
        .hasMessageStartingWith("--trust-anchor").hasMessageContaining(dir.resolve("missing/anchor") + ", which does not exist");

    Files.writeString(dir.resolve("cask.signers.yaml"), "formatVersion: 1\nsigners: {}\n");
    assertThatThrownBy(() -> serve(null)).isInstanceOf(CaskException.class)
        .hasMessageStartingWith(dir.resolve("cask.signers.yaml").toString()).hasMessageContaining("formatVersion");
  }

  @Test
  void withoutASignersFileThereIsNothingToPinAndConfigSaysTheServerWillRefuse() throws Exception {
    ServeArguments serve = serve(null);
    assertThat(serve.trust()).isNull();
    assertThat(serve.toList()).doesNotContain("--trust-anchor");
    assertThat(warnings(serve)).anySatisfy(line -> assertThat(line).startsWith("no trust anchor: "
        + dir.resolve("cask.signers.yaml") + " does not exist yet").contains("refuses to start without one"));
  }
}
