package dev.cask.runtime.server.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cask.runtime.server.testing.AuditLogs;
import dev.cask.runtime.server.testing.LocalUpstream;
import dev.cask.runtime.server.testing.McpHttpClient;
import dev.cask.runtime.server.testing.RedisServer;
import dev.cask.runtime.server.testing.SignedToolpacks;
import dev.cask.runtime.server.testing.TestToolpacks;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar with and without the options of a deployment of replicas: a server without them never loads the
 * Redis client (Jedis, its pool) or the OpenTelemetry SDK; a collector that is down never holds up a call and is reported; a
 * shared key others can read stops the start.
 */
class DeploymentOptionsIT {
  private static final String READ = "{\"name\":\"get_repo\",\"arguments\":{\"owner\":\"octo\",\"repo\":\"hello\"}}";
  private static final String TOKEN = "deployment-token-0123456789abcdef0123456789abcdef";

  @TempDir Path dir;
  private LocalUpstream upstream;
  private SignedToolpacks.Signed signed;

  @BeforeEach
  void start() throws IOException {
    upstream = LocalUpstream.start();
    signed = SignedToolpacks.write(dir, "deploy-api", TestToolpacks.tools(upstream.baseUrl(), 0),
        SignedToolpacks.confirmWrites());
  }

  @AfterEach
  void stop() {
    upstream.close();
  }

  /** The library classes a {@code serve} loads (stdio, input closed at once: it starts, verifies and stops). */
  private List<String> loadedLibraryClasses(String... options) throws IOException {
    Path classes = dir.resolve("classes-" + options.length + ".log");
    List<String> command = new ArrayList<>(List.of(Processes.java(), "-Xlog:class+load=info:file=" + classes, "-jar",
        Processes.jar().toString()));
    command.addAll(SignedToolpacks.serveArgs(signed));
    command.addAll(List.of(options));
    Processes.Result run = Processes.run(command, Map.of(), 120);
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    return Files.readAllLines(classes).stream()
        .filter(line -> line.contains(" redis.clients.") || line.contains(" org.apache.commons.pool2.")
            || line.contains(" io.opentelemetry."))
        .toList();
  }

  @Test
  void aServerWithoutStateOrExportLoadsNoneOfTheirLibraries() throws Exception {
    assertThat(loadedLibraryClasses()).isEmpty();

    // The same check sees them when they are used: with a Redis store, Jedis and its pool, and still no OpenTelemetry.
    try (RedisServer redis = RedisServer.start(dir.resolve("redis"))) {
      Path key = sharedKey();
      List<String> withState = loadedLibraryClasses("--state", redis.url(), "--shared-key", key.toString());
      assertThat(withState).anyMatch(line -> line.contains(" redis.clients.jedis.JedisPool "));
      assertThat(withState).anyMatch(line -> line.contains(" org.apache.commons.pool2."));
      assertThat(withState).noneMatch(line -> line.contains(" io.opentelemetry."));
    }
  }

  @Test
  void aCollectorThatIsDownNeverHoldsUpACallAndIsReported() throws Exception {
    int deadPort;
    try (ServerSocket probe = new ServerSocket(0)) {
      deadPort = probe.getLocalPort(); // closed again: nothing listens there
    }
    String collector = "http://127.0.0.1:" + deadPort;
    HttpServerProcess server = HttpServerProcess.start(SignedToolpacks.serveArgs(signed), TOKEN, "--audit-otlp", collector);
    McpHttpClient client = McpHttpClient.connect(server.url(""), TOKEN);
    for (int i = 0; i < 5; i++) {
      assertThat(McpHttpClient.reason(client.call(READ))).isEqualTo("ok");
    }
    assertThat(McpHttpClient.reason(client.call("{\"name\":\"nope\",\"arguments\":{}}"))).isEqualTo("unknown_tool");
    server.close();

    assertThat(upstream.count()).isEqualTo(5);
    assertThat(Files.readAllLines(signed.auditLog())).hasSize(11); // 5 intents, 5 outcomes, 1 denial
    assertThat(AuditLogs.verify(signed.auditLog()).complete()).isTrue();
    assertThat(server.stderr()).contains("audit records and metrics are exported to " + collector,
        "audit export to " + collector + ": 0 record(s) delivered", "the audit log file holds every record");
  }

  @Test
  void aSharedKeyOthersCanReadStopsTheStart() throws Exception {
    try (RedisServer redis = RedisServer.start(dir.resolve("redis"))) {
      Path key = sharedKey();
      Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
      List<String> args = new ArrayList<>(SignedToolpacks.serveArgs(signed));
      args.addAll(List.of("--state", redis.url(), "--shared-key", key.toString()));
      Processes.Result run = Processes.run(Processes.productionJar(args.toArray(String[]::new)), Map.of(), 120);
      assertThat(run.exitCode()).isEqualTo(3);
      assertThat(run.stderr()).contains(key.toString(), "accessible to other users", "chmod 600").doesNotContain("\tat ");
    }
  }

  private Path sharedKey() throws IOException {
    Path key = dir.resolve("shared.key");
    Files.write(key, new byte[32]);
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    return key;
  }
}
