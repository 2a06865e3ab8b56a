package dev.cask.runtime.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChromiumArgumentsTest {
  @Test
  void onlyTheGivenHostsResolveEachToItsVettedAddress() {
    Map<String, String> hosts = new LinkedHashMap<>();
    hosts.put("app.example.com", "93.184.216.34");
    hosts.put("127.0.0.1", "127.0.0.1");
    hosts.put("[::1]", "[::1]");

    assertThat(ChromiumArguments.onlyHosts(hosts)).isEqualTo(
        "--host-resolver-rules=MAP app.example.com 93.184.216.34, EXCLUDE 127.0.0.1, EXCLUDE [::1], MAP * ~NOTFOUND");
  }

  @Test
  void aHostThatCouldInjectAnotherRuleIsRefused() {
    assertThatThrownBy(() -> ChromiumArguments.onlyHosts(Map.of("a.example.com, MAP * 10.0.0.1", "1.2.3.4")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ChromiumArguments.onlyHosts(Map.of("a.example.com", "1.2.3.4 , MAP *")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void noBackgroundNetworkingHeadlessUnlessAPersonDrivesAndUserArgumentsLast() {
    List<String> headless = ChromiumArguments.base(true, List.of("--proxy-server=http://proxy:3128"));
    assertThat(headless).startsWith("--headless=new").contains("--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run");
    assertThat(headless.get(headless.size() - 1)).isEqualTo("--proxy-server=http://proxy:3128");
    assertThat(ChromiumArguments.base(false, List.of())).doesNotContain("--headless=new");
    assertThat(headless.contains("--no-sandbox")).isEqualTo(ChromiumArguments.runsAsRoot());
  }
}
