package dev.cask.maven.verify;

import dev.cask.maven.gate.GateSettings;
import dev.cask.runtime.model.RiskTier;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What {@code cask:verify} checks and against what.
 *
 * @param gate the toolpack, lockfile and signers (verified exactly as {@code gate-check} verifies them)
 * @param reports where {@code verify.json}, {@code verify.md} and {@code verify-junit.xml} go
 * @param baseUrl {@code cask.verify.baseUrl}: null for the offline replay upstream; else the live base URL (or
 *     {@code FROM=TO} pairs, comma-separated, when the tools call several base URLs)
 * @param tiers {@code cask.verify.tiers}: the risk tiers called live (read only by default)
 * @param upstreamConfig the runtime's upstream credentials file for live calls ({@code cask.verify.upstreamConfig}),
 *     or null; credentials never come from the pom
 * @param allowNetworks private ranges live calls may reach ({@code cask.verify.allowNetworks})
 * @param environment where the credentials file's variables are read
 * @param failOnNoEvidence whether a tool without evidence fails the build
 */
public record VerifySettings(
    GateSettings gate,
    Path reports,
    String baseUrl,
    Set<RiskTier> tiers,
    Path upstreamConfig,
    List<String> allowNetworks,
    Map<String, String> environment,
    boolean failOnNoEvidence) {
  public VerifySettings {
    Objects.requireNonNull(gate, "gate");
    Objects.requireNonNull(reports, "reports");
    baseUrl = baseUrl == null || baseUrl.isBlank() ? null : baseUrl.trim();
    tiers = tiers == null || tiers.isEmpty() ? Set.of(RiskTier.READ) : Set.copyOf(tiers);
    allowNetworks = List.copyOf(allowNetworks);
    environment = Map.copyOf(environment);
  }

  /** Offline defaults for a project ({@code target/cask}, the project's lockfile and signers file). */
  public static VerifySettings of(Path project) {
    return new VerifySettings(GateSettings.of(project), project.resolve("target/cask"), null, Set.of(), null, List.of(),
        Map.of(), false);
  }

  public boolean live() {
    return baseUrl != null;
  }

  public VerifySettings withBaseUrl(String value) {
    return new VerifySettings(gate, reports, value, tiers, upstreamConfig, allowNetworks, environment, failOnNoEvidence);
  }
}
