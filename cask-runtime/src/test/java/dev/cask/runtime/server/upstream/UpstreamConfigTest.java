package dev.cask.runtime.server.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cask.runtime.CaskException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpstreamConfigTest {
  @TempDir Path dir;

  private Path write(String yaml) throws Exception {
    Path file = dir.resolve("upstream.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  @Test
  void readsEveryCredentialKindFromTheEnvironment() throws Exception {
    Path file = write("""
        formatVersion: 1
        hosts:
          api.example.com:
            bearer: {env: API_TOKEN}
          internal.example.com:8443:
            basic: {usernameEnv: USER, passwordEnv: PASS}
          maps.example.com:
            apiKey: {in: query, name: key, env: MAPS}
          plain.example.com:
            apiKey: {in: header, name: X-Secret, env: PLAIN}
            allowHttp: true
        """);
    UpstreamConfig config = UpstreamConfig.load(file, Map.of("API_TOKEN", "t0k", "USER", "u", "PASS", "p", "MAPS", "m4ps", "PLAIN", "pl"));
    assertThat(config.credentialFor("api.example.com", "https").header()).isEqualTo(new HttpHeader("Authorization", "Bearer t0k"));
    assertThat(config.credentialFor("api.example.com", "http")).as("no credential over plain http by default").isNull();
    assertThat(config.credentialFor("internal.example.com:8443", "https").header().value()).isEqualTo("Basic dTpw");
    assertThat(config.credentialFor("internal.example.com", "https")).as("host:port is a different host").isNull();
    assertThat(config.credentialFor("maps.example.com", "https").queryName()).isEqualTo("key");
    assertThat(config.reservedQueryNames("maps.example.com")).containsExactly("key");
    assertThat(config.reservedHeaders("plain.example.com")).containsExactly("X-Secret");
    assertThat(config.credentialFor("plain.example.com", "http")).isNotNull();
    assertThat(config.credentialFor("evil.example.com", "https")).isNull();
    assertThat(config.credentialFor("api.example.com", "https").toString()).doesNotContain("t0k");
    assertThat(config.credentialFor("internal.example.com:8443", "https").toString()).doesNotContain("p]").contains("***");
  }

  @Test
  void missingEnvironmentVariablesStopStartUpWithTheirName() throws Exception {
    Path file = write("formatVersion: 1\nhosts:\n  api.example.com:\n    bearer: {env: API_TOKEN}\n");
    assertThatThrownBy(() -> UpstreamConfig.load(file, Map.of()))
        .isInstanceOf(CaskException.class)
        .hasMessageContaining("hosts.api.example.com.bearer.env")
        .hasMessageContaining("API_TOKEN")
        .hasMessageContaining("Fix: export API_TOKEN");
  }

  @Test
  void malformedFilesAreRejectedWithTheirPlace() throws Exception {
    Path two = write("formatVersion: 1\nhosts:\n  a.example.com:\n    bearer: {env: A}\n    basic: {usernameEnv: U, passwordEnv: P}\n");
    assertThatThrownBy(() -> UpstreamConfig.load(two, Map.of("A", "a", "U", "u", "P", "p"))).hasMessageContaining("exactly one");
    Path unknown = write("formatVersion: 1\nhosts:\n  a.example.com:\n    token: {env: A}\n");
    assertThatThrownBy(() -> UpstreamConfig.load(unknown, Map.of())).hasMessageContaining("unknown field 'token'");
    Path badIn = write("formatVersion: 1\nhosts:\n  a.example.com:\n    apiKey: {in: cookie, name: k, env: A}\n");
    assertThatThrownBy(() -> UpstreamConfig.load(badIn, Map.of("A", "a"))).hasMessageContaining("'header' or 'query'");
    Path injected = write("formatVersion: 1\nhosts:\n  a.example.com:\n    bearer: {env: A}\n");
    assertThatThrownBy(() -> UpstreamConfig.load(injected, Map.of("A", "x\r\nX-Evil: 1"))).hasMessageContaining("control character");
  }
}
