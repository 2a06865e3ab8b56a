package dev.cask.maven.importers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cask.runtime.CaskException;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostPatternsTest {
  @Test
  void exactHostMatchesAnyPortAndIgnoresCase() {
    HostPatterns patterns = HostPatterns.of(List.of("API.example.com"));
    assertThat(patterns.allows("https://api.example.com/v1")).isTrue();
    assertThat(patterns.allows("http://api.example.com:8080")).isTrue();
    assertThat(patterns.allows("https://evil-api.example.com")).isFalse();
    assertThat(patterns.allows("https://api.example.com.evil.net")).isFalse();
  }

  @Test
  void wildcardMatchesSubdomainsOnly() {
    HostPatterns patterns = HostPatterns.of(List.of("*.example.com"));
    assertThat(patterns.allows("https://a.example.com")).isTrue();
    assertThat(patterns.allows("https://a.b.example.com")).isTrue();
    assertThat(patterns.allows("https://example.com")).isFalse();
    assertThat(patterns.allows("https://notexample.com")).isFalse();
  }

  @Test
  void portMustMatchTheEffectivePort() {
    HostPatterns patterns = HostPatterns.of(List.of("api.example.com:443"));
    assertThat(patterns.allows("https://api.example.com")).isTrue();
    assertThat(patterns.allows("http://api.example.com")).isFalse();
    assertThat(patterns.allows("https://api.example.com:8443")).isFalse();
  }

  @Test
  void emptyAllowsEverything() {
    assertThat(HostPatterns.of(List.of()).isEmpty()).isTrue();
    assertThat(HostPatterns.of(List.of()).allows("https://anything.example")).isTrue();
  }

  @Test
  void invalidPatternNamesTheSetting() {
    assertThatThrownBy(() -> HostPatterns.of(List.of("https://api.example.com/v1")))
        .isInstanceOf(CaskException.class)
        .hasMessage("-Dcask.allowHosts: 'https://api.example.com/v1' is not a host pattern. Fix: write hosts as"
            + " api.example.com, *.example.com or api.example.com:8443 (no scheme, no path)");
  }
}
