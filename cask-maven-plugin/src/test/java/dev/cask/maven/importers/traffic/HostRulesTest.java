package dev.cask.maven.importers.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cask.runtime.CaskException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostRulesTest {
  @Test
  void allowListMatchesExactSuffixAndPort() {
    HostRules rules = HostRules.allowList(List.of("api.example.com", "*.internal.example.org", "localhost:8080"));
    assertThat(rules.allows("api.example.com", 443)).isTrue();
    assertThat(rules.allows("api.example.com.evil.net", 443)).isFalse();
    assertThat(rules.allows("www.example.com", 443)).isFalse();
    assertThat(rules.allows("a.b.internal.example.org", 80)).isTrue();
    assertThat(rules.allows("internal.example.org", 80)).as("*.suffix is subdomains only").isFalse();
    assertThat(rules.allows("evilinternal.example.org", 80)).isFalse();
    assertThat(rules.allows("localhost", 8080)).isTrue();
    assertThat(rules.allows("localhost", 8081)).isFalse();
    assertThatThrownBy(() -> HostRules.allowList(List.of("*.")))
        .isInstanceOf(CaskException.class).hasMessageContaining("-Dcask.allowHosts");
  }

  @Test
  void firstPartySiteIsDerived() {
    assertThat(HostRules.siteOf("www.example.com")).isEqualTo("example.com");
    assertThat(HostRules.siteOf("shop.example.co.uk")).isEqualTo("example.co.uk");
    assertThat(HostRules.siteOf("127.0.0.1")).isEqualTo("127.0.0.1");
    HostRules rules = HostRules.firstParty("app.example.com");
    assertThat(rules.allows("api.example.com", 443)).isTrue();
    assertThat(rules.allows("example.com.attacker.io", 443)).isFalse();
    assertThat(rules.allows("www.google-analytics.com", 443)).isFalse();
    assertThat(HostRules.deriveHost(null, Map.of("b.example", 3, "a.example", 3, "c.example", 1))).isEqualTo("a.example");
    assertThat(HostRules.deriveHost("page.example", Map.of("b.example", 9))).isEqualTo("page.example");
  }
}
