package dev.cask.runtime.server.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cask.runtime.crypto.Ed25519Keys;
import dev.cask.runtime.server.bench.StdioClient;
import dev.cask.runtime.server.testing.AuditLogs;
import dev.cask.runtime.server.testing.LocalUpstream;
import dev.cask.runtime.server.testing.SignedToolpacks;
import dev.cask.runtime.server.testing.TestToolpacks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit log of {@code java -jar cask-runtime.jar serve}, attacked and crashed for real: a second server on the same
 * log, {@code kill -9} while a call is at the upstream, a log whose tail is broken, and logs rewritten by someone who
 * can write them (records deleted and the chain rebuilt, the tail cut off, the file emptied, records reordered).
 */
class AuditLogIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String READ = "{\"name\":\"get_repo\",\"arguments\":{\"owner\":\"octo\",\"repo\":\"hello\"}}";
  private static final Pattern TRUSTED_KEY = Pattern.compile("--trusted-key': (MCowBQYDK2VwAyEA\\S+)");

  @TempDir Path dir;
  private LocalUpstream upstream;
  private SignedToolpacks.Signed signed;

  @BeforeEach
  void start() throws IOException {
    upstream = LocalUpstream.start();
    signed = SignedToolpacks.write(dir, "test-api", TestToolpacks.tools(upstream.baseUrl(), 0),
        SignedToolpacks.confirmWrites());
  }

  @AfterEach
  void stop() {
    upstream.close();
  }

  private List<String> serve() {
    return Processes.productionJar(SignedToolpacks.serveArgs(signed).toArray(String[]::new));
  }

  private StdioClient client(String name) throws IOException {
    return new StdioClient(serve(), dir.resolve(name + ".err"));
  }

  private static JsonNode call(StdioClient client, String params) throws Exception {
    return client.request("tools/call", params).get(60, TimeUnit.SECONDS);
  }

  private static String reason(JsonNode answer) {
    return answer.at("/result/_meta/dev.cask~1reason").asText();
  }

  private List<JsonNode> records(Path log) throws IOException {
    List<JsonNode> records = new ArrayList<>();
    for (String line : Files.readAllLines(log)) {
      records.add(JSON.readTree(line));
    }
    return records;
  }

  private static Processes.Result auditVerify(Path log, String... options) {
    List<String> args = new ArrayList<>(List.of("audit", "verify", log.toString()));
    args.addAll(List.of(options));
    return Processes.run(Processes.productionJar(args.toArray(String[]::new)), Map.of(), 60);
  }

  /** {@code serve} with its input closed at once: it checks the log, serves nothing and stops. */
  private Processes.Result serveOnce() {
    return Processes.run(serve(), Map.of(), 60);
  }

  @Test
  void aSecondServerOnTheSameLogRefusesToStart() throws Exception {
    try (StdioClient first = client("first")) { // initialize was answered: the first server holds the log
      Processes.Result second = serveOnce();

      assertThat(second.exitCode()).as(second.stderr()).isEqualTo(3);
      assertThat(second.stderr()).contains(signed.auditLog().toString(),
          "the audit log is in use by another Cask server (process " + first.process().pid() + ")",
          "give this one its own --audit-log").doesNotContain("\tat ");
      assertThat(reason(call(first, READ))).as("the first server goes on").isEqualTo("ok");
    }
    assertThat(records(signed.auditLog())).extracting(r -> r.path("reason").asText()).containsExactly("sending", "ok");
    assertThat(AuditLogs.verify(signed.auditLog()).complete()).isTrue();
  }

  @Test
  void killMinusNineWhileTheUpstreamWorksLeavesAnIntentThatVerifyAndTheNextStartReport() throws Exception {
    CountDownLatch arrived = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    upstream.otherwise(request -> {
      arrived.countDown();
      try {
        release.await(2, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return LocalUpstream.Reply.json(200, "{\"full_name\":\"octo/hello\"}");
    });
    StdioClient server = client("killed");
    try {
      server.request("tools/call", READ);
      assertThat(arrived.await(60, TimeUnit.SECONDS)).as("the request reached the upstream").isTrue();
      server.process().destroyForcibly(); // SIGKILL: no shutdown hook, no final checkpoint
      assertThat(server.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      release.countDown();
      server.close();
    }
    assertThat(upstream.count()).isEqualTo(1);
    assertThat(records(signed.auditLog())).extracting(r -> r.path("reason").asText()).containsExactly("sending");

    Processes.Result afterKill = auditVerify(signed.auditLog());
    assertThat(afterKill.exitCode()).as(afterKill.stdout() + afterKill.stderr()).isEqualTo(7);
    assertThat(afterKill.stdout()).contains("INCOMPLETE: 1 records",
        "line 1 (", "a call of \"get_repo\" was being sent to the upstream and has no outcome record");

    Processes.Result restart = serveOnce();
    assertThat(restart.exitCode()).as(restart.stderr()).isZero();
    assertThat(restart.stderr()).contains("cask-runtime: WARNING: audit log " + signed.auditLog(),
        "the last run did not stop cleanly",
        "cask-runtime: WARNING: a call of \"get_repo\" was being sent at ",
        "(line 1) and has no outcome: the upstream may have served it; recorded as outcome_unknown (line 3)");
    List<JsonNode> records = records(signed.auditLog());
    assertThat(records).extracting(r -> r.path("reason").asText())
        .containsExactly("sending", "unclean_stop", "outcome_unknown");
    assertThat(records.get(2).path("intent").asLong()).isEqualTo(1);
    assertThat(records.get(2).path("tool").asText()).isEqualTo("get_repo");

    Processes.Result afterRestart = auditVerify(signed.auditLog());
    assertThat(afterRestart.exitCode()).as(afterRestart.stdout() + afterRestart.stderr()).isEqualTo(7);
    assertThat(afterRestart.stdout()).contains("line 2 (", "the server restarted after an unclean stop",
        "line 3: the outcome of the call at line 1 (\"get_repo\") is unknown").doesNotContain("has no outcome record");
  }

  /** A clean run: a read (its intent and outcome), a denial, a challenge, another read; the server stops cleanly. */
  private String cleanRun() throws Exception {
    try (StdioClient client = client("clean")) {
      assertThat(reason(call(client, READ))).isEqualTo("ok");
      assertThat(reason(call(client, "{\"name\":\"delete_everything\",\"arguments\":{}}"))).isEqualTo("unknown_tool");
      assertThat(reason(call(client, "{\"name\":\"create_issue\",\"arguments\":{\"owner\":\"o\",\"repo\":\"r\","
          + "\"body\":{\"title\":\"t\"}}}"))).isEqualTo("confirmation_required");
      assertThat(reason(call(client, "{\"name\":\"get_repo\",\"arguments\":{\"owner\":\"o\"}}")))
          .isEqualTo("invalid_arguments");
      assertThat(reason(call(client, READ))).isEqualTo("ok");
    }
    Processes.Result verify = auditVerify(signed.auditLog());
    assertThat(verify.exitCode()).as(verify.stdout() + verify.stderr()).isZero();
    assertThat(verify.stdout()).startsWith(signed.auditLog() + ": OK: 7 records")
        .contains("(final) signed by ed25519:", "covers records 1 to 7");
    Matcher key = TRUSTED_KEY.matcher(Files.readString(dir.resolve("clean.err")));
    assertThat(key.find()).as("serve prints the checkpoint key to pin").isTrue();
    return key.group(1);
  }

  @Test
  void aServerRefusesToContinueALogWhoseTailIsBroken() throws Exception {
    cleanRun();
    Path log = signed.auditLog();
    List<String> clean = Files.readAllLines(log);

    // A record appended after the final checkpoint that does not link to the chain (a copy of the last one).
    List<String> appended = new ArrayList<>(clean);
    appended.add(clean.get(clean.size() - 1));
    Files.write(log, appended);
    Processes.Result refused = serveOnce();
    assertThat(refused.exitCode()).as(refused.stderr()).isEqualTo(3);
    assertThat(refused.stderr()).contains(log + " at line 8: the audit log cannot be continued: 'prev' is not the"
        + " previous record's hash", "audit verify " + log, "move it and audit.jsonl.checkpoint aside");
    assertThat(Files.readAllLines(log)).as("nothing was appended").isEqualTo(appended);

    // The last record cut in half.
    String whole = String.join("\n", clean) + "\n";
    Files.writeString(log, whole.substring(0, whole.length() - 30));
    Processes.Result incomplete = serveOnce();
    assertThat(incomplete.exitCode()).as(incomplete.stderr()).isEqualTo(3);
    assertThat(incomplete.stderr()).contains("cannot be continued");

    Files.writeString(log, whole);
    assertThat(serveOnce().exitCode()).as("the restored log is continued").isZero();
  }

  @Test
  void logsRewrittenByWhoeverCanWriteThemAreReportedBroken() throws Exception {
    String key = cleanRun();
    List<String> clean = Files.readAllLines(signed.auditLog());
    Map<String, UnaryOperator<List<String>>> attacks = new LinkedHashMap<>();
    attacks.put("every deny deleted, chain rebuilt",
        lines -> rebuilt(lines.stream().filter(line -> !line.contains("\"deny\"")).toList()));
    attacks.put("the last records cut off", lines -> lines.subList(0, lines.size() - 2));
    attacks.put("emptied", lines -> List.of());
    attacks.put("two records swapped, chain rebuilt", lines -> {
      List<String> swapped = new ArrayList<>(lines);
      Collections.swap(swapped, 1, 3);
      return rebuilt(swapped);
    });
    int n = 0;
    for (Map.Entry<String, UnaryOperator<List<String>>> attack : attacks.entrySet()) {
      Path copy = Files.createDirectories(dir.resolve("attack-" + ++n));
      for (String file : List.of("audit.jsonl.checkpoint", "cask-runtime.key")) {
        Files.copy(signed.auditLog().resolveSibling(file), copy.resolve(file), StandardCopyOption.COPY_ATTRIBUTES);
      }
      Path log = copy.resolve("audit.jsonl");
      Files.write(log, attack.getValue().apply(clean), StandardCharsets.US_ASCII);

      Processes.Result byServerKey = auditVerify(log);
      assertThat(byServerKey.exitCode()).as("%s: %s%s", attack.getKey(), byServerKey.stdout(), byServerKey.stderr())
          .isEqualTo(5);
      assertThat(byServerKey.stderr()).contains("BROKEN");
      Processes.Result byPinnedKey = auditVerify(log, "--trusted-key", key);
      assertThat(byPinnedKey.exitCode()).as(attack.getKey()).isEqualTo(5);
    }
    String someoneElse = Ed25519Keys.spkiBase64(Ed25519Keys.generate().publicKey());
    Processes.Result otherKey = auditVerify(signed.auditLog(), "--trusted-key", someoneElse);
    assertThat(otherKey.exitCode()).isEqualTo(5);
    assertThat(otherKey.stderr()).contains("is not signed by the trusted key");
  }

  private static List<String> rebuilt(List<String> lines) {
    try {
      return AuditLogs.rebuildChain(lines);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
