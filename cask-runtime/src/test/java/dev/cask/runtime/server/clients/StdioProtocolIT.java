package dev.cask.runtime.server.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cask.runtime.server.testing.EchoUpstream;
import dev.cask.runtime.server.testing.SignedToolpacks;
import dev.cask.runtime.server.testing.TestToolpacks;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged server over real pipes, spoken to out of protocol: requests before {@code initialize} (a
 * {@code tools/call} among them), a {@code notifications/initialized} that skips {@code initialize}, another JSON-RPC
 * version, a second {@code initialize}, unreadable params, and argument values a parser accepts but nothing can
 * compute with. Each gets its JSON-RPC error or tool error; nothing of it runs; every refused {@code tools/call} is
 * audited; no answer carries an exception's text or a class name.
 */
class StdioProtocolIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String GET_REPO = "\"params\":{\"name\":\"get_repo\",\"arguments\":{\"owner\":\"o\",\"repo\":\"r\"}}";
  private static final String INITIALIZE = "\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
      + "\"capabilities\":{},\"clientInfo\":{\"name\":\"protocol-it\",\"version\":\"1\"}}";

  @TempDir Path dir;

  private static String call(String tool, String arguments) {
    return "\"params\":{\"name\":\"" + tool + "\",\"arguments\":" + arguments + "}";
  }

  @Test
  void outOfProtocolMessagesAreRefusedRunNothingAndRefusedCallsAreAudited() throws Exception {
    try (EchoUpstream upstream = EchoUpstream.start()) {
      SignedToolpacks.Signed signed = SignedToolpacks.write(dir, "test-api",
          TestToolpacks.tools(upstream.baseUrl(), 1), SignedToolpacks.confirmWrites());
      // id → what the answer must be: an error code, or "ok" / a tool reason code for a tools/call result
      Map<Integer, Object> expected = new LinkedHashMap<>();
      List<String> lines = new ArrayList<>();
      lines.add("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\"," + GET_REPO + "}");
      expected.put(1, -32600);
      lines.add("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
      expected.put(2, -32600);
      lines.add("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}");
      expected.put(3, "pong");
      lines.add("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"); // without initialize: ignored
      lines.add("{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\"," + GET_REPO + "}"); // a call as a notification
      lines.add("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\"," + GET_REPO + "}");
      expected.put(4, -32600);
      lines.add("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"initialize\",\"params\":\"hello\"}");
      expected.put(5, -32602);
      lines.add("{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"initialize\",\"params\":{\"protocolVersion\":{},\"capabilities\":7}}");
      expected.put(6, -32602);
      lines.add("{\"jsonrpc\":\"2.0\",\"id\":7," + INITIALIZE + "}");
      expected.put(7, "initialized");
      lines.add("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\"," + GET_REPO + "}"); // before initialized
      expected.put(8, -32600);
      lines.add("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
      lines.add("{\"jsonrpc\":\"2.0\",\"id\":9," + INITIALIZE + "}");
      expected.put(9, -32600);
      lines.add("{\"jsonrpc\":\"1.0\",\"id\":10,\"method\":\"tools/call\"," + GET_REPO + "}");
      expected.put(10, -32600);
      lines.add("{\"id\":11,\"method\":\"tools/call\"," + GET_REPO + "}");
      expected.put(11, -32600);
      lines.add("{\"jsonrpc\":2.0,\"id\":12,\"method\":\"ping\"}");
      expected.put(12, -32600);
      lines.add("{\"jsonrpc\":\"2.0\",\"id\":13,\"method\":\"logging/setLevel\",\"params\":{\"level\":\"loudest\"}}");
      expected.put(13, -32602);
      lines.add("{\"jsonrpc\":\"2.0\",\"id\":14,\"method\":\"tools/call\"," + GET_REPO + "}");
      expected.put(14, "ok");
      // numbers and nesting a parser accepts and nothing after it can compute with
      List<String> hostile = List.of("{\"owner\":\"o\",\"per_page\":1e99999}", "{\"owner\":\"o\",\"per_page\":-1E400}",
          "{\"owner\":\"o\",\"per_page\":123456789012345678901234567890}", "{\"owner\":\"o\",\"page\":9007199254740993}",
          "{\"owner\":\"o\",\"state\":" + "[".repeat(200) + "]".repeat(200) + "}",
          "{\"owner\":" + "{\"a\":".repeat(300) + "1" + "}".repeat(300) + "}",
          "{\"owner\":\"o\",\"per_page\":1" + "0".repeat(999) + "}");
      int id = 100;
      for (String arguments : hostile) {
        lines.add("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\"," + call("list_things_0000", arguments) + "}");
        expected.put(id++, "invalid_arguments");
      }

      Path err = dir.resolve("stderr.txt");
      Process process = new ProcessBuilder(Processes.productionJar(SignedToolpacks.serveArgs(signed).toArray(String[]::new)))
          .redirectError(err.toFile()).start();
      OutputStream in = process.getOutputStream();
      for (String line : lines) {
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      }
      in.close();
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      List<String> stdout = new ArrayList<>();
      for (String line; (line = out.readLine()) != null; ) {
        stdout.add(line);
      }
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).as(Files.readString(err)).isZero();

      Map<Integer, JsonNode> answers = new LinkedHashMap<>();
      for (String line : stdout) {
        JsonNode answer = JSON.readTree(line);
        assertThat(answer.path("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(answers.put(answer.path("id").asInt(), answer)).as("one answer per id: %s", line).isNull();
      }
      assertThat(answers.keySet()).as(String.join("\n", stdout)).containsExactlyInAnyOrderElementsOf(expected.keySet());
      for (Map.Entry<Integer, Object> entry : expected.entrySet()) {
        JsonNode answer = answers.get(entry.getKey());
        Object want = entry.getValue();
        if (want instanceof Integer code) {
          assertThat(answer.at("/error/code").asInt()).as("%s", answer).isEqualTo(code);
        } else if (want.equals("pong")) {
          assertThat(answer.get("result")).as("%s", answer).isEqualTo(JSON.createObjectNode());
        } else if (want.equals("initialized")) {
          assertThat(answer.at("/result/protocolVersion").asText()).isEqualTo("2025-06-18");
        } else {
          assertThat(answer.at("/result/_meta/dev.cask~1outcome/reason").asText()).as("%s", answer).isEqualTo(want);
        }
      }
      String all = String.join("\n", stdout);
      assertThat(all).doesNotContainPattern("(?i)exception|\\bat [a-z]+\\.|java\\.|jackson|io\\.modelcontextprotocol|reactor\\.|\\$[A-Z]");

      assertThat(upstream.requests()).as("only the call after initialization ran").isEqualTo(1);
      List<JsonNode> audit = new ArrayList<>();
      for (String line : Files.readAllLines(signed.auditLog())) {
        audit.add(JSON.readTree(line));
      }
      // refused by the reader, in order: id 1, the notification, ids 4, 8, 10, 11; then the calls that ran, in any order
      // (the one that reached the upstream with its intent record before it)
      assertThat(audit).hasSize(15);
      assertThat(audit.subList(0, 6)).extracting(r -> r.path("reason").asText()).containsOnly("invalid_request");
      assertThat(audit.subList(6, 15)).extracting(r -> r.path("reason").asText()).containsExactlyInAnyOrder(
          "sending", "ok", "invalid_arguments", "invalid_arguments", "invalid_arguments", "invalid_arguments", "invalid_arguments",
          "invalid_arguments", "invalid_arguments");
      assertThat(audit.subList(0, 6)).extracting(r -> r.path("tool").asText()).containsOnly("get_repo");
      assertThat(Files.readString(err)).doesNotContain("internal error");
    }
  }

  /** Argument values from a seeded generator (so a failure reproduces), over the same real pipes, as dry runs. */
  @Test
  void generatedArgumentValuesNeverEndAsInternalErrors() throws Exception {
    try (EchoUpstream upstream = EchoUpstream.start()) {
      SignedToolpacks.Signed signed = SignedToolpacks.write(dir, "test-api",
          TestToolpacks.tools(upstream.baseUrl(), 1), SignedToolpacks.confirmWrites());
      java.util.Random random = new java.util.Random(20261206L);
      List<String> lines = new ArrayList<>();
      lines.add("{\"jsonrpc\":\"2.0\",\"id\":1," + INITIALIZE + "}");
      lines.add("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
      int calls = 300;
      for (int i = 0; i < calls; i++) {
        String tool = random.nextBoolean() ? "list_things_0000" : "create_issue";
        String arguments = tool.equals("create_issue")
            ? "{\"owner\":" + value(random, 0) + ",\"repo\":\"r\",\"body\":{\"title\":" + value(random, 0) + "}}"
            : "{\"owner\":\"o\",\"per_page\":" + value(random, 0) + ",\"state\":" + value(random, 0) + "}";
        lines.add("{\"jsonrpc\":\"2.0\",\"id\":" + (100 + i) + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
            + "\",\"arguments\":" + arguments + ",\"_meta\":{\"dev.cask/dryRun\":true}}}");
      }
      Path err = dir.resolve("fuzz-stderr.txt");
      Process process = new ProcessBuilder(Processes.productionJar(SignedToolpacks.serveArgs(signed).toArray(String[]::new)))
          .redirectError(err.toFile()).start();
      try (OutputStream in = process.getOutputStream()) {
        for (String line : lines) {
          in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
      }
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      Map<String, Integer> reasons = new java.util.TreeMap<>();
      int answers = 0;
      for (String line; (line = out.readLine()) != null; ) {
        JsonNode answer = JSON.readTree(line);
        if (answer.path("id").asInt() < 100) {
          continue;
        }
        answers++;
        assertThat(answer.has("error")).as("%s", line).isFalse();
        reasons.merge(answer.at("/result/_meta/dev.cask~1outcome/reason").asText(), 1, Integer::sum);
      }
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(answers).isEqualTo(calls);
      assertThat(reasons.keySet()).as("%s", reasons).isSubsetOf("dry_run", "invalid_arguments", "request_invalid");
      assertThat(reasons.get("invalid_arguments")).as("%s", reasons).isPositive();
      assertThat(reasons.get("dry_run")).as("%s", reasons).isPositive();
      assertThat(Files.readString(err)).doesNotContain("internal error", "Exception");
      assertThat(upstream.requests()).isZero();
    }
  }

  /** A JSON value text: edge-case numbers, odd strings, nesting (depth around the limit), objects with odd keys. */
  private static String value(java.util.Random random, int depth) {
    String[] numbers = {"0", "-0", "1e99999", "-1E400", "1e-99999", "0.1", "1.7976931348623157e308",
        "1.7976931348623159e308", "9007199254740992", "9007199254740993", "-9007199254740993",
        "123456789012345678901234567890", "1" + "0".repeat(500), "3.14159265358979323846264338327950288", "7"};
    String[] strings = {"\"\"", "\"o\"", "\"\\u0000\\r\\n\"", "\"\\ud800\"", "\"../..\"", "\"%2e%2e\"",
        "\"" + "x".repeat(2000) + "\"", "\"\\u202e\"", "\"a&b=c\""};
    int kind = random.nextInt(depth > 70 ? 3 : 6);
    return switch (kind) {
      case 0 -> numbers[random.nextInt(numbers.length)];
      case 1 -> strings[random.nextInt(strings.length)];
      case 2 -> random.nextBoolean() ? "true" : "null";
      case 3 -> "[" + value(random, depth + 1) + "]";
      case 4 -> "{\"k" + random.nextInt(3) + "\":" + value(random, depth + 1) + "}";
      default -> {
        int levels = 40 + random.nextInt(50);
        yield "[".repeat(levels) + value(random, 99) + "]".repeat(levels);
      }
    };
  }
}
