package dev.cask.runtime.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.cask.runtime.CaskException;
import dev.cask.runtime.json.CanonicalJson;
import dev.cask.runtime.model.lockfile.LockDecision;
import dev.cask.runtime.verification.SignedPayloads;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys and signatures interoperate with the real openssl binary, both ways: keys openssl makes (plain and encrypted)
 * sign for Cask, keys Cask writes open in openssl, and a third party verifies a lockfile signature with openssl alone.
 */
class OpensslInteropTest {
  @TempDir Path dir;

  private final byte[] payload = SignedPayloads.tool("demo", "GET api.example.com/users/{}", CanonicalJson.digestBytes(new byte[0]),
      LockDecision.APPROVED, "reviewed", "ed25519:0123456789abcdef", "2026-03-01T12:00:00Z");

  @Test
  void plainOpensslKeySignsAndOpensslVerifiesCaskSignatures() throws Exception {
    Path pem = dir.resolve("plain.pem");
    openssl("genpkey", "-algorithm", "ed25519", "-out", pem.toString());
    SigningKey key = PemKeys.read(Files.readString(pem), name -> fail("a plain key needs no passphrase"), "plain.pem");

    assertThat(key.keyId()).isEqualTo("ed25519:" + CanonicalJson.sha256Hex(rawPublicFromOpenssl(pem, null)).substring(0, 16));
    Path pub = Files.writeString(dir.resolve("pub.pem"), Ed25519Keys.publicPem(key.publicKey()));
    Path message = Files.write(dir.resolve("payload.json"), payload);
    Path signature = Files.write(dir.resolve("sig.bin"), Base64.getDecoder().decode(key.sign(payload)));
    assertThat(openssl("pkeyutl", "-verify", "-pubin", "-inkey", pub.toString(), "-rawin", "-in", message.toString(),
        "-sigfile", signature.toString())).contains("Signature Verified Successfully");

    Files.write(dir.resolve("payload.json"), (new String(payload, StandardCharsets.UTF_8) + " ").getBytes(StandardCharsets.UTF_8));
    assertThat(run(List.of("openssl", "pkeyutl", "-verify", "-pubin", "-inkey", pub.toString(), "-rawin", "-in",
        message.toString(), "-sigfile", signature.toString())).exitCode).as("one added byte breaks it").isNotZero();
  }

  @Test
  void opensslSignaturesAreByteIdenticalToCasksAndVerify() throws Exception {
    Path pem = dir.resolve("k.pem");
    openssl("genpkey", "-algorithm", "ed25519", "-out", pem.toString());
    SigningKey key = PemKeys.read(Files.readString(pem), name -> null, "k.pem");
    Path message = Files.write(dir.resolve("payload.json"), payload);
    Path sig = dir.resolve("openssl.sig");
    openssl("pkeyutl", "-sign", "-inkey", pem.toString(), "-rawin", "-in", message.toString(), "-out", sig.toString());
    byte[] opensslSignature = Files.readAllBytes(sig);
    assertThat(Base64.getEncoder().encodeToString(opensslSignature)).isEqualTo(key.sign(payload));
    assertThat(Ed25519Verifier.verify(key.publicKey(), payload, opensslSignature)).isTrue();
    opensslSignature[10] ^= 1;
    assertThat(Ed25519Verifier.verify(key.publicKey(), payload, opensslSignature)).isFalse();
  }

  @Test
  void encryptedOpensslKeyNeedsItsPassphrase() throws Exception {
    Path pem = dir.resolve("enc.pem");
    openssl("genpkey", "-algorithm", "ed25519", "-aes-256-cbc", "-pass", "pass:correct horse", "-out", pem.toString());
    String text = Files.readString(pem);
    assertThat(text).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
    SigningKey key = PemKeys.read(text, name -> "correct horse".toCharArray(), "enc.pem");
    assertThat(key.publicKey()).isEqualTo(rawPublicFromOpenssl(pem, "correct horse"));
    assertThatThrownBy(() -> PemKeys.read(text, name -> "wrong".toCharArray(), "enc.pem"))
        .isInstanceOf(CaskException.class).hasMessageContaining("enc.pem").hasMessageContaining("wrong passphrase");
  }

  @Test
  void keysCaskWritesOpenInOpenssl() throws Exception {
    SigningKey key = Ed25519Keys.generate();
    String pem = PemKeys.writeEncrypted(key, "s3cret pass".toCharArray());
    assertThat(pem).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----").doesNotContain("PRIVATE KEY-----\nMC4CAQ");
    Path file = Files.writeString(dir.resolve("cask.pem"), pem);
    assertThat(openssl("asn1parse", "-in", file.toString())).contains("PBES2").contains("PBKDF2").contains("aes-256-cbc")
        .contains("hmacWithSHA256");
    assertThat(rawPublicFromOpenssl(file, "s3cret pass")).isEqualTo(key.publicKey());
    assertThat(openssl("pkey", "-in", file.toString(), "-passin", "pass:s3cret pass", "-pubout"))
        .isEqualTo(Ed25519Keys.publicPem(key.publicKey()));
    assertThat(run(List.of("openssl", "pkey", "-in", file.toString(), "-passin", "pass:nope", "-noout")).exitCode).isNotZero();
    SigningKey back = PemKeys.read(pem, name -> "s3cret pass".toCharArray(), "cask.pem");
    assertThat(back.keyId()).isEqualTo(key.keyId());
  }

  @Test
  void nonEd25519KeysAreRefused() throws Exception {
    Path pem = dir.resolve("ec.pem");
    openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", pem.toString());
    assertThatThrownBy(() -> PemKeys.read(Files.readString(pem), name -> null, "ec.pem"))
        .isInstanceOf(CaskException.class).hasMessageContaining("not an Ed25519 key");
  }

  private byte[] rawPublicFromOpenssl(Path pem, String passphrase) throws Exception {
    Path der = dir.resolve("pub-" + System.nanoTime() + ".der");
    List<String> args = new ArrayList<>(List.of("pkey", "-in", pem.toString(), "-pubout", "-outform", "DER", "-out", der.toString()));
    if (passphrase != null) {
      args.addAll(List.of("-passin", "pass:" + passphrase));
    }
    openssl(args.toArray(String[]::new));
    byte[] bytes = Files.readAllBytes(der);
    return Arrays.copyOfRange(bytes, bytes.length - 32, bytes.length);
  }

  private record Result(int exitCode, String output) {}

  static String openssl(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Result result = run(command);
    assertThat(result.exitCode).as(String.join(" ", command) + "\n" + result.output).isZero();
    return result.output;
  }

  private static Result run(List<String> command) throws Exception {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError("openssl is required for the key interoperability tests and was not found on PATH: "
          + "install it (apt-get install -y openssl)", e);
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(process.waitFor(), output);
  }
}
