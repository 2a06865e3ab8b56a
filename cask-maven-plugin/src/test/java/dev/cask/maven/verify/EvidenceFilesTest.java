package dev.cask.maven.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cask.runtime.evidence.EvidenceBundle;
import dev.cask.runtime.evidence.EvidenceVerifier;
import dev.cask.runtime.verification.TrustAnchors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundle {@code cask:verify} writes carries the signers file and its history exactly as the build verified them,
 * so an auditor's {@code evidence verify} can walk the chain from the signers they trust.
 */
class EvidenceFilesTest {
  static final EvidenceBundle.Versions VERSIONS = new EvidenceBundle.Versions("0.1.0-test", "17.0.15", "3.9.16");

  @TempDir Path dir;

  static TrustAnchors trusting(Path signers) {
    return new TrustAnchors(List.of(EvidenceVerifier.trustedSigners(signers)), null, false);
  }

  @Test
  void theBundleCarriesTheSignersHistoryAndVerifiesFromTheTrustedSignersFile() throws IOException {
    VerifyProject shop = new VerifyProject(dir).build(VerificationTest.SHOP, "traffic/recorded/shop.har");
    Path zip = EvidenceFiles.write(VerifySettings.of(dir), shop.verify(), VERSIONS, null);

    try (ZipFile bundle = new ZipFile(zip.toFile())) {
      for (String file : List.of("cask.signers.yaml", "cask.signers.history.yaml", "cask.lock.yaml")) {
        assertThat(bundle.getInputStream(bundle.getEntry(file)).readAllBytes()).as(file)
            .isEqualTo(Files.readAllBytes(dir.resolve(file)));
      }
    }
    EvidenceVerifier.Result result = new EvidenceVerifier(VerifyProject.CLOCK).verify(zip,
        trusting(dir.resolve("cask.signers.yaml")));
    assertThat(result.anchored()).isTrue();
    assertThat(result.trust().pinnedBy()).containsExactly("--signers " + dir.resolve("cask.signers.yaml"));
  }

  @Test
  void aVersionOneSignersFileWithoutHistoryIsBundledAlone() throws IOException {
    VerifyProject shop = new VerifyProject(dir).build(VerificationTest.SHOP, "traffic/recorded/shop.har");
    Files.delete(dir.resolve("cask.signers.history.yaml"));
    Path zip = EvidenceFiles.write(VerifySettings.of(dir), shop.verify(), VERSIONS, null);

    try (ZipFile bundle = new ZipFile(zip.toFile())) {
      assertThat(bundle.getEntry("cask.signers.history.yaml")).isNull();
    }
    assertThat(new EvidenceVerifier(VerifyProject.CLOCK).verify(zip, trusting(dir.resolve("cask.signers.yaml")))
        .anchored()).isTrue();
  }
}
