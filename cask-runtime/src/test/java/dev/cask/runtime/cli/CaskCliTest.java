package dev.cask.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cask.runtime.CaskException;
import dev.cask.runtime.server.DeploymentOptions;
import dev.cask.runtime.server.GovernedServer;
import dev.cask.runtime.server.RuntimeCore;
import dev.cask.runtime.server.ServeRequest;
import dev.cask.runtime.server.audit.AuditVerification;
import dev.cask.runtime.verification.TrustAnchors;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command line in-process: options reach the core, outcomes map to exit codes, errors stay short. */
class CaskCliTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final List<Object> seen = new ArrayList<>();

  private final RuntimeCore core =
      new RuntimeCore() {
        @Override
        public GovernedServer open(ServeRequest request) {
          seen.add(request);
          throw new CaskException("cask.lock.yaml", "tools.get_repo", "digest differs", "re-approve the tool");
        }

        @Override
        public String confirm(String challengeId, Path stateDir, boolean approve) {
          seen.add(challengeId + ":" + approve);
          if (challengeId.equals("unknown")) {
            throw new CaskException("confirm", challengeId, "no pending confirmation", null);
          }
          return approve ? "approved" : "get_repo {\"owner\":\"o\"}";
        }

        @Override
        public String confirm(String challengeId, DeploymentOptions state, String toolpackName, boolean approve) {
          seen.add(challengeId + ":" + state + ":" + toolpackName + ":" + approve);
          return approve ? "approved" : "create_note {}";
        }

        @Override
        public AuditVerification verifyAudit(Path auditLog, String trustedKey) {
          seen.add(auditLog + ":" + trustedKey);
          if (auditLog.toString().contains("missing")) {
            throw new CaskException(auditLog.toString(), null, "file not found", null);
          }
          if (auditLog.toString().contains("broken")) {
            return new AuditVerification(AuditVerification.Status.BROKEN, 16, "sha256:h", 17, "hash chain broken",
                List.of());
          }
          if (auditLog.toString().contains("tail")) {
            return new AuditVerification(AuditVerification.Status.INCOMPLETE, 12, "sha256:h", 0, null,
                List.of("records 11 to 12 are not covered by a checkpoint"));
          }
          return new AuditVerification(AuditVerification.Status.COMPLETE, 12, "sha256:h", 0, null, List.of());
        }
      };

  private int run(String stdin, String... args) {
    return CaskCli.run(
        args,
        core,
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        out,
        new PrintStream(err, true, StandardCharsets.UTF_8),
        Map.of());
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void serveHandsEveryOptionToTheCoreAndFailsClosed() {
    int code =
        run("", "serve", "--toolpack", "tp.zip", "--lockfile", "cask.lock.yaml", "--signers", "s.yaml", "--policy",
            "p.yaml", "--audit-log", "a.jsonl", "--upstream-config", "u.yaml", "--allow-network", "10.0.0.0/8",
            "--allow-network", "127.0.0.0/8", "--dry-run", "--trust-anchor", "sha256:" + "a".repeat(64));

    assertThat(code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(seen).containsExactly(
        new ServeRequest(Path.of("tp.zip"), Path.of("cask.lock.yaml"), Path.of("s.yaml"), Path.of("p.yaml"),
            Path.of("a.jsonl"), Path.of("u.yaml"), List.of("10.0.0.0/8", "127.0.0.0/8"), true,
            new TrustAnchors(List.of(new TrustAnchors.Given("--trust-anchor", "sha256:" + "a".repeat(64))),
                TrustAnchors.defaultOperatorDirectory(), true)));
    assertThat(err()).isEqualTo(
        "cask-runtime: cask.lock.yaml at tools.get_repo: digest differs. Fix: re-approve the tool" + System.lineSeparator());
    assertThat(out.size()).isZero();
  }

  @Test
  void serveHandsTheStateStoreAndTheExportToTheCore() {
    run("", "serve", "--toolpack", "t", "--lockfile", "l", "--signers", "s", "--state", "rediss://cache:6380/2",
        "--shared-key", "shared.key", "--state-timeout", "2s", "--state-ca", "ca.pem", "--audit-otlp",
        "http://collector:4318");
    run("", "serve", "--toolpack", "t", "--lockfile", "l", "--signers", "s", "--state", "redis://cache",
        "--shared-key", "shared.key", "--state-timeout", "250ms");
    run("", "serve", "--toolpack", "t", "--lockfile", "l", "--signers", "s");

    assertThat(seen).extracting(request -> ((ServeRequest) request).deployment()).containsExactly(
        new DeploymentOptions("rediss://cache:6380/2", Path.of("shared.key"), java.time.Duration.ofSeconds(2),
            Path.of("ca.pem"), "http://collector:4318"),
        new DeploymentOptions("redis://cache", Path.of("shared.key"), java.time.Duration.ofMillis(250), null, null),
        DeploymentOptions.none());
  }

  @Test
  void sharedStateOptionsThatCannotWorkAreUsageErrors() {
    String[] base = {"serve", "--toolpack", "t", "--lockfile", "l", "--signers", "s"};
    List<List<String>> wrong = List.of(
        List.of("--state", "redis://cache"), // replicas must share the confirmation key
        List.of("--shared-key", "k"), List.of("--state-timeout", "1s"), List.of("--state-ca", "ca.pem"),
        List.of("--state", "redis://cache", "--shared-key", "k", "--state-timeout", "soon"),
        List.of("--state", "redis://cache", "--shared-key", "k", "--state-timeout", "0ms"),
        List.of("--audit-otlp", "collector:4318"), List.of("--audit-otlp", "http://user:pw@collector:4318"));
    for (List<String> options : wrong) {
      List<String> args = new ArrayList<>(List.of(base));
      args.addAll(options);
      err.reset();
      assertThat(run("", args.toArray(String[]::new))).as("%s", options).isEqualTo(ExitCodes.USAGE);
      assertThat(err()).as("%s", options).startsWith("cask-runtime: --").doesNotContain("\tat ");
    }
    assertThat(seen).isEmpty();
    err.reset();
    run("", "serve", "--toolpack", "t", "--lockfile", "l", "--signers", "s", "--state", "redis://c");
    assertThat(err()).contains("--state needs --shared-key FILE", "head -c 32 /dev/urandom > shared.key");
  }

  @Test
  void confirmWithStateAsksTheSharedStore() {
    assertThat(run("", "confirm", "k7m2x9qp4tdw", "--state", "redis://cache:6379/0", "--shared-key", "shared.key",
        "--toolpack-name", "shop", "--yes")).isEqualTo(ExitCodes.OK);
    DeploymentOptions state =
        new DeploymentOptions("redis://cache:6379/0", Path.of("shared.key"), DeploymentOptions.DEFAULT_STATE_TIMEOUT, null, null);
    assertThat(seen).containsExactly("k7m2x9qp4tdw:" + state + ":shop:false", "k7m2x9qp4tdw:" + state + ":shop:true");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("approved" + System.lineSeparator());
    assertThat(run("", "confirm", "k7m2x9qp4tdw", "--state", "redis://c", "--shared-key", "k", "--audit-log", "a.jsonl"))
        .isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void httpOnlyOptionsWithoutHttpAreAUsageError() {
    assertThat(run("", "serve", "--toolpack", "t", "--lockfile", "l", "--signers", "s", "--no-auth"))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(seen).isEmpty();
  }

  @Test
  void aBadHttpAddressIsAUsageErrorBeforeAnythingIsLoaded() {
    assertThat(run("", "serve", "--toolpack", "t", "--lockfile", "l", "--signers", "s", "--http", "example.com:80"))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err()).contains("is not an IP address");
    assertThat(seen).isEmpty();
  }

  @Test
  void confirmShowsTheCallAndAsks() {
    assertThat(run("y\n", "confirm", "abc", "--audit-log", "a.jsonl")).isEqualTo(ExitCodes.OK);
    assertThat(seen).containsExactly("abc:false", "abc:true");
    assertThat(err()).contains("get_repo {\"owner\":\"o\"}", "Approve this call? [y/N]");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("approved" + System.lineSeparator());
  }

  @Test
  void confirmWithoutAYesApprovesNothing() {
    assertThat(run("n\n", "confirm", "abc", "--audit-log", "a.jsonl")).isEqualTo(ExitCodes.NOT_CONFIRMED);
    assertThat(run("", "confirm", "abc", "--audit-log", "a.jsonl")).isEqualTo(ExitCodes.NOT_CONFIRMED);
    assertThat(seen).containsExactly("abc:false", "abc:false");
  }

  @Test
  void confirmOfAnUnknownChallengeHasItsOwnCode() {
    assertThat(run("", "confirm", "unknown", "--yes", "--audit-log", "a.jsonl")).isEqualTo(ExitCodes.NOT_CONFIRMED);
    assertThat(err()).contains("no pending confirmation");
  }

  @Test
  void elicitationIsAnOptInAndTheOldOptOutStillParses() {
    String[] serve = {"serve", "--toolpack", "tp", "--lockfile", "l", "--signers", "s"};
    String[] both = java.util.stream.Stream.concat(java.util.Arrays.stream(serve),
        java.util.stream.Stream.of("--elicitation", "--no-elicitation")).toArray(String[]::new);
    assertThat(run("", both)).isEqualTo(ExitCodes.USAGE);
    assertThat(err()).contains("--elicitation and --no-elicitation contradict each other");
    assertThat(seen).as("refused before anything is opened").isEmpty();
    for (String option : List.of("--elicitation", "--no-elicitation")) {
      String[] one = java.util.stream.Stream.concat(java.util.Arrays.stream(serve), java.util.stream.Stream.of(option))
          .toArray(String[]::new);
      assertThat(run("", one)).as(option).isEqualTo(ExitCodes.INVALID_INPUT); // parsed, then the core refuses
    }
    assertThat(seen).hasSize(2);
  }

  @Test
  void auditVerifyReportsOnStdoutAndEachOutcomeHasItsOwnCode() {
    assertThat(run("", "audit", "verify", "audit.jsonl")).isEqualTo(ExitCodes.OK);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo("audit.jsonl: OK: 12 records, chain head sha256:h" + System.lineSeparator());
    out.reset();
    assertThat(run("", "audit", "verify", "tail.jsonl", "--trusted-key", "K")).isEqualTo(ExitCodes.AUDIT_INCOMPLETE);
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("tail.jsonl: INCOMPLETE: 12 records")
        .contains("  - records 11 to 12 are not covered by a checkpoint");
    assertThat(run("", "audit", "verify", "broken.jsonl")).isEqualTo(ExitCodes.AUDIT_BROKEN);
    assertThat(err()).contains("BROKEN at line 17: hash chain broken");
    assertThat(run("", "audit", "verify", "missing.jsonl")).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(seen).containsExactly("audit.jsonl:null", "tail.jsonl:K", "broken.jsonl:null", "missing.jsonl:null");
  }

  @Test
  void noCommandIsAUsageError() {
    assertThat(run("")).isEqualTo(ExitCodes.USAGE);
    assertThat(err()).contains("a command is required");
  }

  @Test
  void unexpectedFailuresAreInternalErrorsWithTheTraceOnlyOnRequest() {
    RuntimeException bug = new IllegalStateException("boom");
    PrintStream stream = new PrintStream(err, true, StandardCharsets.UTF_8);
    assertThat(CaskCli.report(bug, false, stream)).isEqualTo(ExitCodes.INTERNAL);
    assertThat(err()).contains("internal error").doesNotContain("\tat ");
    assertThat(CaskCli.report(bug, true, stream)).isEqualTo(ExitCodes.INTERNAL);
    assertThat(err()).contains("\tat ");
  }

  @Test
  void generatedTokensAreLongAndUnique() {
    String a = ServeCommand.generateToken();
    String b = ServeCommand.generateToken();
    assertThat(a).hasSize(43).matches("[A-Za-z0-9_-]+").isNotEqualTo(b);
  }
}
