package dev.cask.runtime.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.model.HttpMethod;
import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.policy.Effect;
import dev.cask.runtime.model.policy.Limit;
import dev.cask.runtime.model.policy.Match;
import dev.cask.runtime.model.policy.Policy;
import dev.cask.runtime.model.policy.PolicyRule;
import dev.cask.runtime.model.policy.RateLimits;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CaskMappersTest {

  private static Policy samplePolicy() {
    return new Policy(
        Policy.FORMAT_VERSION,
        Effect.DENY,
        List.of(
            new PolicyRule("confirm-write", 100, Effect.CONFIRM, Match.risk(RiskTier.WRITE), null, "writes need a person"),
            new PolicyRule("allow-read", 100, Effect.ALLOW, Match.risk(RiskTier.READ), null, null),
            new PolicyRule("budget-read", 200, Effect.BUDGET, Match.risk(RiskTier.READ), new Limit(1000, 3600), null)),
        new RateLimits(new Limit(600, 60), new TreeMap<>(Map.of("read", new Limit(120, 60))), null));
  }

  @Test
  void yamlUsesLowerCaseWireNamesAndRoundTrips() {
    Policy policy = samplePolicy();
    String yaml = new String(CaskFiles.yaml(policy), StandardCharsets.UTF_8);

    assertThat(yaml).contains("defaultEffect: deny").contains("- read").doesNotContain("READ").doesNotContain("---");
    Policy back = CaskFiles.parse(CaskMappers.yaml(), yaml.getBytes(StandardCharsets.UTF_8), "policy.yaml", Policy.class, null);
    assertThat(back).isEqualTo(policy);
  }

  @Test
  void rulesAreKeptInEvaluationOrderWhateverTheFileOrder() {
    assertThat(samplePolicy().rules()).extracting(PolicyRule::id)
        .containsExactly("budget-read", "allow-read", "confirm-write");
  }

  @Test
  void unknownFieldIsAnErrorNamingFileFieldAndLine() {
    String yaml = "formatVersion: 1\ndefaultEffect: deny\nrules: []\nallowEverything: true\n";
    assertThatThrownBy(() -> CaskFiles.parse(CaskMappers.yaml(), yaml.getBytes(StandardCharsets.UTF_8), "policy.yaml", Policy.class, "remove it"))
        .isInstanceOf(CaskException.class)
        .hasMessageContaining("policy.yaml")
        .hasMessageContaining("unknown field 'allowEverything'")
        .hasMessageContaining("line 4")
        .hasMessageContaining("Fix: remove it");
  }

  @Test
  void duplicateKeyIsAnError() {
    String yaml = "formatVersion: 1\ndefaultEffect: deny\ndefaultEffect: allow\n";
    assertThatThrownBy(() -> CaskFiles.parse(CaskMappers.yaml(), yaml.getBytes(StandardCharsets.UTF_8), "policy.yaml", Policy.class, null))
        .isInstanceOf(CaskException.class)
        .hasMessageContaining("policy.yaml");
  }

  @Test
  void invalidEnumValueNamesTheAllowedValues() {
    String yaml = "formatVersion: 1\ndefaultEffect: maybe\n";
    assertThatThrownBy(() -> CaskFiles.parse(CaskMappers.yaml(), yaml.getBytes(StandardCharsets.UTF_8), "policy.yaml", Policy.class, null))
        .isInstanceOf(CaskException.class)
        .hasMessageContaining("unknown policy effect 'maybe'");
  }

  @Test
  void prettyJsonUsesUnixNewlinesAndNoSpaceBeforeColon() {
    byte[] bytes = CaskFiles.prettyJson(Map.of("b", 1, "a", List.of()));
    assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("{\n  \"a\": [],\n  \"b\": 1\n}\n");
  }

  @Test
  void canonicalJsonSortsKeysAndFormatsNumbersPerRfc8785() throws Exception {
    JsonNode node = CaskMappers.json().readTree("{\"b\":1.0,\"a\":\"\\u00e9\",\"c\":1e21,\"d\":[true,null]}");
    assertThat(new String(CanonicalJson.canonicalBytes(node), StandardCharsets.UTF_8))
        .isEqualTo("{\"a\":\"é\",\"b\":1,\"c\":1e+21,\"d\":[true,null]}");
  }

  @Test
  void digestChangesWithAnyByteOfContent() {
    String a = CanonicalJson.digest(Map.of("description", "List users"));
    String b = CanonicalJson.digest(Map.of("description", "List users."));
    assertThat(a).startsWith("sha256:").hasSize(7 + 64).isNotEqualTo(b);
    assertThat(CanonicalJson.digest(Map.of("description", "List users"))).isEqualTo(a);
  }

  @Test
  void httpMethodParsingIsLocaleIndependent() {
    java.util.Locale saved = java.util.Locale.getDefault();
    try {
      java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr-TR"));
      assertThat(HttpMethod.parse("patch")).isEqualTo(HttpMethod.PATCH);
      assertThat(HttpMethod.parse("list".replace("l", "g").replace("ist", "et"))).isEqualTo(HttpMethod.GET);
      assertThat(RiskTier.SENSITIVE.wireName()).isEqualTo("sensitive");
    } finally {
      java.util.Locale.setDefault(saved);
    }
  }
}
