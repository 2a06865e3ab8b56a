package dev.cask.maven.mojo;

import dev.cask.maven.log.BuildLog;
import dev.cask.maven.verify.EvidenceFiles;
import dev.cask.maven.verify.Verification;
import dev.cask.maven.verify.VerifyReports;
import dev.cask.maven.verify.VerifySettings;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.crypto.Passphrases;
import dev.cask.runtime.crypto.SigningKey;
import dev.cask.runtime.decision.SignerIdentity;
import dev.cask.runtime.evidence.EvidenceBundle;
import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.verification.GateFiles;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProjectHelper;
import org.apache.maven.rtinfo.RuntimeInformation;

/**
 * Runs the replay, outcome and provenance contracts on the approved tools (the same verification as
 * {@code gate-check} first), writes {@code verify.json}, {@code verify.md} and {@code verify-junit.xml}, prints the
 * table, fails the build on any failed contract, and writes the evidence bundle ({@code evidence.zip}, attached with
 * classifier {@code evidence}).
 */
@Mojo(name = VerifyMojo.GOAL, defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class VerifyMojo extends AbstractGateMojo {
  public static final String GOAL = "verify";
  public static final String CLASSIFIER = "evidence";

  /** Skips this goal only. */
  @Parameter(property = "cask.verify.skip", defaultValue = "false")
  private boolean verifySkip;

  /** Live outcome calls against this base URL (or FROM=TO pairs) instead of the offline replay upstream. */
  @Parameter(property = "cask.verify.baseUrl")
  private String baseUrl;

  /** Risk tiers called live, comma-separated (default: read). */
  @Parameter(property = "cask.verify.tiers", defaultValue = "read")
  private String tiers;

  /** The runtime's upstream credentials file for live calls (secrets come from the environment variables it names). */
  @Parameter(property = "cask.verify.upstreamConfig")
  private File upstreamConfig;

  /** Private networks (CIDR, comma-separated) live calls may reach, as serve --allow-network. */
  @Parameter(property = "cask.verify.allowNetworks")
  private String allowNetworks;

  /** Fail the build when a tool has no evidence for a contract, not only when a contract fails. */
  @Parameter(property = "cask.verify.failOnNoEvidence", defaultValue = "false")
  private boolean failOnNoEvidence;

  /** Signs the evidence bundle's attestation with this key (a signer id or PEM path, as cask.signer for gate-allow). */
  @Parameter(property = "cask.evidence.signer")
  private String evidenceSigner;

  @Parameter(defaultValue = "${plugin.version}", readonly = true)
  private String pluginVersion;

  @Component private MavenProjectHelper projectHelper;

  @Component private RuntimeInformation runtime;

  @Override
  protected String goal() {
    return GOAL;
  }

  @Override
  protected void run(BuildLog log) {
    if (verifySkip) {
      log.info("Cask verify skipped (cask.verify.skip=true)");
      return;
    }
    VerifySettings settings = new VerifySettings(verifyingGateSettings(log), outputPath(), baseUrl, tiers(),
        upstreamConfig == null ? null : upstreamConfig.toPath(), list(allowNetworks), System.getenv(), failOnNoEvidence);
    Verification.Result result = new Verification(clock(), log).run(settings);
    VerifyReports.table(result.report()).forEach(log::info);
    Path zip = outputPath().resolve(EvidenceFiles.BUNDLE);
    if (!result.report().passed()) {
      deleteQuietly(zip);
      List<String> failures = result.report().failures();
      throw new CaskException("cask:verify", null, failures.size() + " check(s) failed:\n  "
          + String.join("\n  ", failures), "see " + basedir().relativize(outputPath()) + "/verify.md");
    }
    EvidenceBundle.Versions versions = new EvidenceBundle.Versions(pluginVersion, System.getProperty("java.version"),
        runtime.getMavenVersion());
    SigningKey key = evidenceKey();
    EvidenceFiles.write(settings, result, versions, key);
    projectHelper.attachArtifact(project, "zip", CLASSIFIER, zip.toFile());
    log.info("Wrote " + basedir().relativize(zip) + " (attestation " + (key == null ? "unsigned" : "signed by " + key.keyId())
        + "); check it with: java -jar cask-runtime.jar evidence verify " + basedir().relativize(zip)
        + " --signers <a signers file you trust>");
  }

  private SigningKey evidenceKey() {
    if (evidenceSigner == null || evidenceSigner.isBlank()) {
      return null;
    }
    try {
      var signers = GateFiles.parseSigners(Files.readAllBytes(signersFile.toPath()), signersFile.toString());
      return SignerIdentity.load(keyDirectoryPath(), evidenceSigner, basedir(), signers,
          gateSettings().display(signersFile.toPath()), Passphrases.standard()).key();
    } catch (IOException e) {
      throw new CaskException(signersFile.toString(), null, "cannot be read: " + e.getMessage(), null);
    }
  }

  private Set<RiskTier> tiers() {
    try {
      return list(tiers).stream().map(RiskTier::parse).collect(Collectors.toSet());
    } catch (IllegalArgumentException e) {
      throw new CaskException("-Dcask.verify.tiers=" + tiers, null, e.getMessage(),
          "name tiers from read, write, destructive, sensitive, comma-separated");
    }
  }

  private static List<String> list(String text) {
    return text == null ? List.of()
        : Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a stale bundle that cannot be deleted is overwritten by the next passing run
    }
  }
}
