package dev.cask.maven.mint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cask.maven.importers.HostPatterns;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.browser.BrowserPaths;
import dev.cask.runtime.redact.RedactionRules;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MintSettingsTest {
  private static MintSettings settings(String url, List<String> allowHosts) {
    return new MintSettings(MintSettings.startUrl(url), allowHosts, false, null, true,
        MintSettings.CrawlLimits.DEFAULT, null, new BrowserPaths(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromedriver")),
        List.of(), RedactionRules.defaults(), Path.of("."), Path.of("src/main/cask/minted"), Map.of());
  }

  @Test
  void theStartHostIsRecordedWithItsPortOnlyWhenItIsNotTheDefault() {
    assertThat(settings("https://App.Example.com/start", List.of()).startHost()).isEqualTo("app.example.com");
    assertThat(settings("https://app.example.com:443/", List.of()).startHost()).isEqualTo("app.example.com");
    assertThat(settings("http://127.0.0.1:8080/", List.of()).startHost()).isEqualTo("127.0.0.1:8080");
    assertThat(settings("http://127.0.0.1:8080/", List.of()).startOrigin()).isEqualTo("http://127.0.0.1:8080");
  }

  @Test
  void theRecordedHostsAreTheStartHostAndAllowHostsSoTheImportKeepsBoth() {
    MintSettings settings = settings("https://app.example.com:8443/", List.of("api.example.com", "*.cdn.example.com"));

    assertThat(settings.recordedHosts()).containsExactly("app.example.com:8443", "api.example.com", "*.cdn.example.com");
    HostPatterns imported = HostPatterns.of(settings.recordedHosts());
    assertThat(imported.allows("https://app.example.com:8443/api/todos")).isTrue();
    assertThat(imported.allows("https://api.example.com/v1/todos")).isTrue();
    assertThat(imported.allows("https://img.cdn.example.com/a.png")).isTrue();
    assertThat(imported.allows("https://app.example.com/api/todos")).as("another port is another host").isFalse();
    assertThat(imported.allows("https://tracker.example.net/t")).isFalse();
  }

  @Test
  void aStartUrlThatIsNotHttpWithAHostOrCarriesCredentialsIsRefused() {
    for (String url : List.of("", "ftp://app.example.com/", "app.example.com", "https://user:pw@app.example.com/",
        "https://user:p w@app.example.com/")) {
      assertThatThrownBy(() -> MintSettings.startUrl(url)).isInstanceOf(CaskException.class)
          .hasMessageContaining("-Dcask.url").hasMessageNotContaining("pw@");
    }
  }

  @Test
  void aMintWithNothingToDriveTheBrowserIsRefusedNamingTheThreeWays() {
    assertThatThrownBy(() -> new MintSettings(MintSettings.startUrl("https://app.example.com/"), List.of(), false, null,
        false, MintSettings.CrawlLimits.DEFAULT, null, new BrowserPaths(Path.of("c"), Path.of("d")), List.of(),
        RedactionRules.defaults(), Path.of("."), Path.of("m"), Map.of()))
        .isInstanceOf(CaskException.class)
        .hasMessageContaining("-Dcask.mint.headed=true").hasMessageContaining("-Dcask.mint.steps=FILE")
        .hasMessageContaining("-Dcask.mint.crawl=true");
  }
}
