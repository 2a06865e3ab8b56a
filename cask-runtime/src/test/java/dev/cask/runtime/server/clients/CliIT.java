package dev.cask.runtime.server.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cask.runtime.server.testing.SignedToolpacks;
import dev.cask.runtime.server.testing.TestToolpacks;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The packaged jar's command line: help everywhere, one exit code per outcome, short errors. */
class CliIT {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"--help", "serve --help", "confirm --help", "audit --help", "audit verify --help"})
  void everyCommandHasHelp(String args) {
    Processes.Result result = Processes.run(Processes.productionJar(args.split(" ")), Map.of(), 60);
    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout()).startsWith("Usage: cask-runtime");
  }

  @Test
  void missingOptionsAreAUsageError() {
    Processes.Result result = Processes.run(Processes.productionJar("serve", "--toolpack", "x"), Map.of(), 60);
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr()).contains("Missing required options", "--help");
    assertThat(result.stdout()).isEmpty();
  }

  @Test
  void theProductionJarServesNothingItCannotVerify() {
    Processes.Result result =
        Processes.run(Processes.productionJar("serve", "--toolpack", "x", "--lockfile", "y", "--signers", "z"), Map.of(), 60);
    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr()).startsWith("cask-runtime: toolpack verification").contains("problem(s) block this toolpack")
        .doesNotContain("\tat ");
  }

  @Test
  void theTrainingRunEndsWithItsAuditLogClosedCleanly() {
    Processes.Result result = Processes.run(Processes.productionJar("train"), Map.of(), 120);
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    // the process's own exit closes the log a second time: nothing may be left to write into the deleted directory
    assertThat(result.stderr()).contains("training run done").doesNotContain("failed").doesNotContain("\tat ");
  }

  @Test
  void stackTraceOnlyOnRequest() {
    Processes.Result result =
        Processes.run(
            Processes.productionJar("serve", "--toolpack", "x", "--lockfile", "y", "--signers", "z", "--stacktrace"),
            Map.of(),
            60);
    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.stderr()).contains("\tat dev.cask.runtime");
  }

  @Test
  void aTakenPortExitsWithItsOwnCodeInsteadOfHanging() throws Exception {
    SignedToolpacks.Signed signed = SignedToolpacks.write(dir, "test-api",
        TestToolpacks.tools("http://127.0.0.1:1", 0), SignedToolpacks.confirmWrites());
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      java.util.List<String> args = SignedToolpacks.serveArgs(signed);
      args.addAll(java.util.List.of("--http", "127.0.0.1:" + taken.getLocalPort()));
      Processes.Result result = Processes.run(Processes.productionJar(args.toArray(String[]::new)), Map.of(), 60);
      assertThat(result.exitCode()).isEqualTo(4);
      assertThat(result.stderr()).contains("cannot listen");
    }
  }

  @Test
  void noAuthIsRefusedOffLoopback() {
    Processes.Result result =
        Processes.run(
            Processes.productionJar("serve", "--toolpack", "x", "--lockfile", "x", "--signers", "y", "--http",
                "0.0.0.0:0", "--no-auth"),
            Map.of(),
            60);
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr()).contains("--no-auth is refused on 0.0.0.0");
  }

  @Test
  void aShortTokenIsRefused() {
    Processes.Result result =
        Processes.run(
            Processes.productionJar("serve", "--toolpack", "x", "--lockfile", "x", "--signers", "y", "--http", "0"),
            Map.of("CASK_HTTP_TOKEN", "short"),
            60);
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr()).contains("CASK_HTTP_TOKEN is shorter than 32");
  }
}
