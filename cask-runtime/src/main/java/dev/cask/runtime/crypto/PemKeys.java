package dev.cask.runtime.crypto;

import dev.cask.runtime.CaskException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * Ed25519 private keys as PKCS#8 PEM, the format of {@code openssl genpkey -algorithm ed25519}: plain
 * ({@code PRIVATE KEY}) or passphrase-encrypted ({@code ENCRYPTED PRIVATE KEY}, PBES2). BouncyCastle's bcpkix reads
 * and writes these (the JDK has no PEM or PBES2 PKCS#8 support on Java 17). Cask writes only encrypted keys:
 * PBES2 with PBKDF2-HMAC-SHA256 ({@value #ITERATIONS} iterations, OWASP's 2023 figure) and AES-256-CBC, which
 * {@code openssl pkey} reads.
 */
public final class PemKeys {
  /** PBKDF2 iterations for keys Cask writes. */
  public static final int ITERATIONS = 600_000;

  private PemKeys() {}

  /**
   * Reads an Ed25519 private key from PEM text.
   *
   * @param passphrase the passphrase for an encrypted key; may be null for a plain key
   * @param displayName the key file as the user knows it, for errors
   */
  public static SigningKey read(String pem, PassphraseSupplier passphrase, String displayName) {
    Object object;
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      object = parser.readObject();
    } catch (IOException | RuntimeException e) {
      throw new CaskException(displayName, null, "is not a readable PEM file (" + e.getMessage() + ")",
          "use a key written by mvn cask:keygen or openssl genpkey -algorithm ed25519");
    }
    PrivateKeyInfo info;
    if (object instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
      info = decrypt(encrypted, passphrase.get(displayName), displayName);
    } else if (object instanceof PrivateKeyInfo plain) {
      info = plain;
    } else {
      throw new CaskException(displayName, null,
          "holds no PKCS#8 private key (found " + (object == null ? "nothing" : describe(object)) + ")",
          "use a key written by mvn cask:keygen or openssl genpkey -algorithm ed25519");
    }
    if (!EdECObjectIdentifiers.id_Ed25519.equals(info.getPrivateKeyAlgorithm().getAlgorithm())) {
      throw new CaskException(displayName, null,
          "is not an Ed25519 key (algorithm " + info.getPrivateKeyAlgorithm().getAlgorithm() + ")",
          "generate one with mvn cask:keygen or openssl genpkey -algorithm ed25519");
    }
    try {
      AsymmetricKeyParameter parameters = PrivateKeyFactory.createKey(info);
      return new SigningKey((Ed25519PrivateKeyParameters) parameters);
    } catch (IOException | RuntimeException e) {
      throw new CaskException(displayName, null, "holds a damaged Ed25519 key (" + e.getMessage() + ")",
          "generate a new key with mvn cask:keygen");
    }
  }

  /** The key as encrypted PKCS#8 PEM text. */
  public static String writeEncrypted(SigningKey key, char[] passphrase) {
    return writeEncrypted(key, passphrase, ITERATIONS);
  }

  static String writeEncrypted(SigningKey key, char[] passphrase, int iterations) {
    if (passphrase == null || passphrase.length == 0) {
      throw new IllegalArgumentException("an empty passphrase would leave the key unprotected");
    }
    try {
      // RFC 8410 version 1 (no embedded public key, no attributes), as openssl genpkey writes: OpenSSL 3.0 cannot
      // read the version 2 form BouncyCastle's PrivateKeyInfoFactory produces.
      PrivateKeyInfo info = new PrivateKeyInfo(
          new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519), new DEROctetString(key.parameters().getEncoded()));
      OutputEncryptor encryptor =
          new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
              .setProvider(Provider.BC)
              .setPRF(PKCS8Generator.PRF_HMACSHA256)
              .setIterationCount(iterations)
              .setPassword(passphrase)
              .build();
      StringWriter text = new StringWriter();
      try (PemWriter writer = new PemWriter(text)) {
        writer.writeObject(new PKCS8Generator(info, encryptor).generate());
      }
      return text.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("BouncyCastle cannot encrypt PKCS#8 with AES-256-CBC", e);
    }
  }

  private static PrivateKeyInfo decrypt(PKCS8EncryptedPrivateKeyInfo encrypted, char[] passphrase, String displayName) {
    try {
      return encrypted.decryptPrivateKeyInfo(
          new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(Provider.BC).build(passphrase));
    } catch (PKCSException | OperatorCreationException | RuntimeException e) {
      throw new CaskException(displayName, null, "cannot be decrypted: wrong passphrase or unsupported encryption",
          "check CASK_KEY_PASSPHRASE (or the passphrase you typed)");
    }
  }

  private static String describe(Object object) {
    return object.getClass().getSimpleName().replace("PEM", "PEM ").trim();
  }

  /** One BouncyCastle provider instance, never registered globally (no side effect on the host JVM). */
  private static final class Provider {
    static final BouncyCastleProvider BC = new BouncyCastleProvider();
  }

  /** For PEM text from bytes. */
  public static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.US_ASCII);
  }
}
