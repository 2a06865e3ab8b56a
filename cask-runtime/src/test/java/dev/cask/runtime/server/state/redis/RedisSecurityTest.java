package dev.cask.runtime.server.state.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cask.runtime.CaskException;
import dev.cask.runtime.model.policy.Limit;
import dev.cask.runtime.server.ratelimit.LimitKey;
import dev.cask.runtime.server.ratelimit.Ticker;
import dev.cask.runtime.server.state.StateNamespace;
import dev.cask.runtime.server.testing.RedisServer;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rediss://} with a private CA ({@code --state-ca}) and a password ({@code CASK_STATE_PASSWORD}), for real. */
class RedisSecurityTest {
  private static final StateNamespace NS = new StateNamespace("shop", "sha256:" + "c".repeat(64));
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @TempDir Path dir;

  private static void openssl(Path dir, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
  }

  /** A CA and a certificate for 127.0.0.1 signed by it. */
  private Path certificates() throws Exception {
    Path certs = Files.createDirectories(dir.resolve("certs"));
    openssl(certs, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ca.key",
        "-out", "ca.crt", "-subj", "/CN=cask test CA", "-days", "2");
    openssl(certs, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "redis.key",
        "-out", "redis.csr", "-subj", "/CN=127.0.0.1");
    Files.writeString(certs.resolve("san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
    openssl(certs, "x509", "-req", "-in", "redis.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
        "-out", "redis.crt", "-days", "2", "-extfile", "san.ext");
    return certs;
  }

  private static int freePort() throws Exception {
    try (ServerSocket probe = new ServerSocket(0)) {
      return probe.getLocalPort();
    }
  }

  @Test
  void rediss_withThePrivateCaWorksAndWithoutItIsRefused() throws Exception {
    Path certs = certificates();
    int tls = freePort();
    try (RedisServer redis = RedisServer.start(dir.resolve("redis"), "everysec", List.of("--tls-port",
        Integer.toString(tls), "--tls-cert-file", certs.resolve("redis.crt").toString(), "--tls-key-file",
        certs.resolve("redis.key").toString(), "--tls-ca-cert-file", certs.resolve("ca.crt").toString(),
        "--tls-auth-clients", "no"))) {
      String url = "rediss://127.0.0.1:" + tls + "/0";
      try (RedisStateStore store = RedisStateStore.open(url, null, TIMEOUT, certs.resolve("ca.crt"))) {
        assertThat(store.description()).isEqualTo(url);
        assertThat(store.counters(NS, Ticker.SYSTEM).acquire(List.of(LimitKey.global(new Limit(1, 60)))).allowed()).isTrue();
        assertThat(store.counters(NS, Ticker.SYSTEM).acquire(List.of(LimitKey.global(new Limit(1, 60)))).allowed()).isFalse();
      }
      assertThatThrownBy(() -> RedisStateStore.open(url, null, TIMEOUT, null))
          .as("the JDK's trust store does not know the private CA").isInstanceOf(CaskException.class)
          .hasMessageContaining("cannot use the shared state store");
    }
  }

  @Test
  void aPasswordFromTheEnvironmentIsUsedAndNeverShown() throws Exception {
    try (RedisServer redis = RedisServer.start(dir.resolve("redis"), "everysec", List.of("--requirepass", "s3cret-pass"))) {
      try (RedisStateStore store = RedisStateStore.open(redis.url(), "s3cret-pass", TIMEOUT, null)) {
        assertThat(store.counters(NS, Ticker.SYSTEM).acquire(List.of(LimitKey.global(new Limit(5, 60)))).allowed()).isTrue();
      }
      String withPassword = "redis://:s3cret-pass@127.0.0.1:" + redis.port() + "/0";
      try (RedisStateStore store = RedisStateStore.open(withPassword, null, TIMEOUT, null)) {
        assertThat(store.description()).isEqualTo(redis.url()).doesNotContain("s3cret");
      }
      assertThatThrownBy(() -> RedisStateStore.open(redis.url(), null, TIMEOUT, null)).isInstanceOf(CaskException.class)
          .hasMessageContaining("cannot use the shared state store").hasMessageContaining("CASK_STATE_PASSWORD");
      assertThatThrownBy(() -> RedisStateStore.open(redis.url().replace("redis://", "redis://:wrong-pass@"), null, TIMEOUT,
          null)).isInstanceOf(CaskException.class).hasMessageNotContaining("wrong-pass");
    }
  }
}
