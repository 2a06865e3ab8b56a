package dev.cask.runtime.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cask.runtime.CaskException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyDirectoryTest {
  @TempDir Path dir;

  @Test
  void keysAreOwnerOnlyAndNeverOverwritten() throws Exception {
    KeyDirectory keys = new KeyDirectory(dir.resolve("keys"));
    Path file = keys.write("alice", "-----BEGIN ENCRYPTED PRIVATE KEY-----\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("keys")))).isEqualTo("rwx------");
    assertThatThrownBy(() -> keys.write("alice", "other")).isInstanceOf(CaskException.class).hasMessageContaining("never overwrites");
    assertThat(keys.select(null)).isEqualTo(file);
    assertThat(keys.select("alice")).isEqualTo(file);
    keys.write("bob", "x");
    assertThatThrownBy(() -> keys.select(null)).isInstanceOf(CaskException.class).hasMessageContaining("-Dcask.signer=ID");
  }

  @Test
  void aKeyOthersCanReadIsRefused() throws Exception {
    Path file = Files.writeString(dir.resolve("k.pem"), "x");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> KeyDirectory.readPrivate(file)).isInstanceOf(CaskException.class).hasMessageContaining("chmod 600");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    assertThat(KeyDirectory.readPrivate(file)).isEqualTo("x");
  }

  @Test
  void keyPathsInsideTheProjectAreRefusedEvenThroughSymlinks() throws Exception {
    Path project = Files.createDirectories(dir.resolve("project"));
    assertThatThrownBy(() -> KeyDirectory.refuseInsideProject(project.resolve("keys/a.pem"), project, "-Dcask.keyDirectory"))
        .isInstanceOf(CaskException.class).hasMessageContaining("inside the project");
    Path link = Files.createSymbolicLink(dir.resolve("link"), project);
    assertThatThrownBy(() -> KeyDirectory.refuseInsideProject(link.resolve("a.pem"), project, "-Dcask.keyDirectory"))
        .isInstanceOf(CaskException.class);
    KeyDirectory.refuseInsideProject(dir.resolve("keys"), project, "-Dcask.keyDirectory");
  }

  @Test
  void passphraseComesFromTheEnvironmentOrFailsClearlyWithoutConsole() {
    assertThat(Passphrases.from(Map.of(Passphrases.ENV, "pw"), null).get("k.pem")).containsExactly('p', 'w');
    assertThatThrownBy(() -> Passphrases.from(Map.of(), null).get("k.pem"))
        .isInstanceOf(CaskException.class).hasMessageContaining("CASK_KEY_PASSPHRASE").hasMessageContaining("no console");
  }

  @Test
  void base64IsAcceptedInExactlyOneSpelling() {
    byte[] bytes = new byte[64];
    java.util.Arrays.fill(bytes, (byte) 0xfb); // encodes with both '+' and '/'
    String sig = java.util.Base64.getEncoder().encodeToString(bytes);
    assertThat(sig).contains("+").contains("/");
    assertThat(Base64Strict.decode(sig, 64, "signature")).hasSize(64);
    assertThatThrownBy(() -> Base64Strict.decode(sig + "\n", 64, "signature")).hasMessageContaining("not valid base64");
    assertThatThrownBy(() -> Base64Strict.decode(sig.substring(0, 84), 64, "signature")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Base64Strict.decode(sig.replace('+', '-').replace('/', '_'), 64, "signature"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
