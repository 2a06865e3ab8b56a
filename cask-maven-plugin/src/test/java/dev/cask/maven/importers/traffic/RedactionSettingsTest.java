package dev.cask.maven.importers.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cask.maven.importers.ImportSettings;
import dev.cask.maven.importers.har.HarImporter;
import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.model.capture.Capture;
import dev.cask.runtime.model.capture.Redaction;
import dev.cask.runtime.redact.RedactionRules;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactionSettingsTest {
  @Test
  void configuredRulesReachTheImport() {
    RedactionRules rules = RedactionSettings.rules(List.of("rating"), List.of("ticket-id=T-\\d{4}"), List.of("email"));
    Capture capture = TrafficFixtures.read(new HarImporter(), "recorded/shop.har", ImportSettings.defaults().withRedaction(rules), BuildLog.silent());
    assertThat(capture.redactions()).extracting(Redaction::rule).contains("ticket-id");
    assertThat(capture.redactions()).extracting(Redaction::location)
        .contains("src/main/cask/shop.har#entries/16/request/body/rating")
        .noneMatch(location -> location.endsWith("/request/body/email"));
  }

  @Test
  void aBadPatternNamesTheSetting() {
    assertThatThrownBy(() -> RedactionSettings.rules(List.of(), List.of("broken=(["), List.of()))
        .isInstanceOf(CaskException.class)
        .hasMessageStartingWith("-Dcask.redact.patterns at 'broken=([': redaction pattern 'broken' is not a valid Java regular expression");
  }
}
