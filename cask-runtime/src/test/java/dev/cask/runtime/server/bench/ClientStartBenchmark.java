package dev.cask.runtime.server.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cask.runtime.json.CaskFiles;
import dev.cask.runtime.model.toolpack.ToolSet;
import dev.cask.runtime.server.testing.SignedToolpacks;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Cold start as the official TypeScript SDK client sees it, Cask against the Node peer people would pick instead
 * ({@code @ivotoby/openapi-mcp-server}), in one run with the variants taking turns (run by
 * {@code src/test/bench/clients.sh}, never by {@code verify}). For each toolpack (GitHub's description and a small
 * one, each compiled by ToolpackCompiler and signed with the gate's test keys): this build's launcher, a baseline
 * build's launcher ({@code -Dbench.baselineDir}, A/B), the peer on the same OpenAPI document and the floor, a Node
 * server on the official SDK that lists no tools ({@code null-server.mjs}); per start the time to
 * {@code initialize} and to the whole {@code tools/list}, and the peak RSS ({@code client-cold-start.mjs}). Then the
 * {@code tools/list} answer of each server in bytes, and Cask's split by part of a listed tool.
 *
 * <p>usage: {@code ClientStartBenchmark TARGET_DIR OUT_DIR} with {@code -Dbench.toolpacks=name=COMPILED_DIR=SPEC,...},
 * {@code -Dbench.npmDir} (the TypeScript SDK), {@code -Dbench.peer} (the peer's {@code bin/mcp-server.js}),
 * {@code -Dbench.node}, {@code -Dbench.coldRuns} (default 11; {@code -Dbench.coldRuns.NAME} for one toolpack).
 */
public final class ClientStartBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ClientStartBenchmark() {}

  /** The figures issue 12 started from (this machine, its own harness), printed next to each toolpack's results. */
  private static final Map<String, String> ISSUE_BASELINES = Map.of(
      "github", "tools/list 4,245 ms, 306 MiB (peer 1,358 ms, 153 MiB); initialize (official client) 1,733 ms (peer"
          + " 902 ms); tools/list 6.5 MB (peer 2.0 MB)",
      "petstore", "a 4-tool API: tools/list 805 ms, 93 MiB (peer 599 ms, 78 MiB; the Node null server 166 ms)");

  public static void main(String[] args) throws Exception {
    Path target = Path.of(args[0]).toAbsolutePath();
    Path out = Path.of(args[1]).toAbsolutePath();
    Files.createDirectories(out);
    int runs = Integer.getInteger("bench.coldRuns", 11);
    String baseline = System.getProperty("bench.baselineDir");
    String node = System.getProperty("bench.node", "node");
    String peer = System.getProperty("bench.peer");
    System.out.printf(Locale.ROOT, "machine: %d cores, load average %s, %s%n",
        Runtime.getRuntime().availableProcessors(), StartupBenchmark.loadAverage(), System.getProperty("java.vm.version"));
    for (String spec : System.getProperty("bench.toolpacks").split(",")) {
      String[] parts = spec.split("=");
      String name = parts[0];
      ToolSet tools = CaskFiles.readJson(Path.of(parts[1], "tools.json"), "tools.json", ToolSet.class, "recompile");
      SignedToolpacks.Signed signed = SignedToolpacks.write(out.resolve(name), name, tools.tools(), SignedToolpacks.benchmark());
      List<String> serve = SignedToolpacks.serveArgs(signed);
      Map<String, List<String>> variants = new LinkedHashMap<>();
      variants.put("cask", launcher(target, serve));
      List<String> withoutOutputSchemas = new ArrayList<>(serve);
      withoutOutputSchemas.add("--no-output-schemas");
      variants.put("cask --no-output-schemas", launcher(target, withoutOutputSchemas));
      if (baseline != null) {
        variants.put("cask-baseline", launcher(Path.of(baseline), serve));
      }
      if (peer != null) {
        variants.put("peer", List.of(node, peer, "--api-base-url", "http://127.0.0.1:9", "--openapi-spec", parts[2],
            "--verbose", "false"));
      }
      // The floor: Node, the official SDK's server and the MCP handshake, with no tools and no checks.
      variants.put("node null server", List.of(node, Path.of(System.getProperty("bench.harness"))
          .resolveSibling("null-server.mjs").toString(), System.getProperty("bench.npmDir")));
      int peerTools = -1;
      for (Map.Entry<String, List<String>> variant : variants.entrySet()) {
        JsonNode listed = listOnce(variant.getValue());
        Files.writeString(out.resolve(name + "-list-" + variant.getKey().replaceAll("[^a-z-]", "") + ".json"),
            listed.toString());
        int count = listed.path("result").path("tools").size();
        if (variant.getKey().equals("peer")) {
          peerTools = count;
        }
        System.out.printf(Locale.ROOT, "%s, %s: tools/list answer %,d bytes, %d tools%n", name, variant.getKey(),
            listed.toString().getBytes(StandardCharsets.UTF_8).length, count);
        if (variant.getKey().startsWith("cask")) {
          System.out.println("    by part: " + bytesByPart(listed.path("result").path("tools")));
        }
      }
      Path config = out.resolve(name + "-clients.json");
      var variantsJson = JSON.createArrayNode();
      for (Map.Entry<String, List<String>> variant : variants.entrySet()) {
        var v = variantsJson.addObject().put("name", variant.getKey()).put("command", variant.getValue().get(0));
        variant.getValue().subList(1, variant.getValue().size()).forEach(v.putArray("args")::add);
        v.put("tools", variant.getKey().equals("peer") ? peerTools
            : variant.getKey().equals("node null server") ? 0 : tools.tools().size());
        // The official client's listTools() rejects the peer's GitHub list (inputSchemas without type "object").
        v.put("validate", !variant.getKey().equals("peer"));
      }
      var configJson = JSON.createObjectNode().put("label", name + " (" + tools.tools().size() + " tools)")
          .put("runs", Integer.getInteger("bench.coldRuns." + name, runs));
      configJson.set("variants", variantsJson);
      Files.writeString(config, configJson.toString());
      System.out.printf(Locale.ROOT, "%s: issue 12's baseline: %s%n", name, ISSUE_BASELINES.getOrDefault(name, "none"));
      Process harness = new ProcessBuilder(node, Path.of(System.getProperty("bench.harness")).toString(),
          System.getProperty("bench.npmDir"), config.toString()).inheritIO().start();
      if (harness.waitFor() != 0) {
        throw new IllegalStateException("the client harness failed for " + name);
      }
    }
    System.out.printf(Locale.ROOT, "load average at the end: %s%n", StartupBenchmark.loadAverage());
    // What the official client does with each list it receives, apart from the wire: parse, check, compile validators.
    List<String> cost = new ArrayList<>(List.of(node, Path.of(System.getProperty("bench.harness")).resolveSibling(
        "client-list-cost.mjs").toString(), System.getProperty("bench.npmDir")));
    try (var lists = Files.list(out)) {
      lists.filter(f -> f.getFileName().toString().contains("-list-")).sorted().forEach(f -> cost.add(f.toString()));
    }
    if (new ProcessBuilder(cost).inheritIO().start().waitFor() != 0) {
      throw new IllegalStateException("client-list-cost.mjs failed");
    }
  }

  /** {@code sh DIR/cask-runtime serve ...}: what users run (the launcher's flags and the archive beside the jar). */
  private static List<String> launcher(Path dir, List<String> serve) {
    List<String> command = new ArrayList<>(List.of("sh", dir.resolve("cask-runtime").toString()));
    command.addAll(serve);
    return command;
  }

  /** One start, initialize and tools/list written at once; the whole tools/list answer. */
  private static JsonNode listOnce(List<String> command) throws Exception {
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    OutputStream in = process.getOutputStream();
    in.write(("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
        + "\"capabilities\":{},\"clientInfo\":{\"name\":\"bench\",\"version\":\"1\"}}}\n"
        + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n"
        + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
    BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line;
    JsonNode answer = null;
    while ((line = lines.readLine()) != null) {
      JsonNode message = JSON.readTree(line);
      if (message.path("id").asInt() == 2) {
        answer = message;
        break;
      }
    }
    in.close();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    if (answer == null) {
      throw new IllegalStateException("no tools/list answer from " + command);
    }
    return answer;
  }

  /**
   * What each part of the listed tools costs, in bytes of compact JSON summed over the tools (with its key):
   * every top-level key of a tool, and inside the schemas their {@code $defs} and {@code description}s.
   */
  static String bytesByPart(JsonNode tools) {
    Map<String, Long> parts = new LinkedHashMap<>();
    for (JsonNode tool : tools) {
      for (Iterator<Map.Entry<String, JsonNode>> it = tool.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        parts.merge(field.getKey(), (long) bytes(field.getKey(), field.getValue()), Long::sum);
        if (field.getKey().endsWith("Schema")) {
          JsonNode defs = field.getValue().get("$defs");
          if (defs != null) {
            parts.merge(field.getKey() + ".$defs", (long) bytes("$defs", defs), Long::sum);
          }
          parts.merge(field.getKey() + " descriptions", descriptionBytes(field.getValue()), Long::sum);
        }
      }
    }
    StringBuilder text = new StringBuilder();
    parts.forEach((part, size) -> text.append(String.format(Locale.ROOT, "%s %,d; ", part, size)));
    return text.toString();
  }

  private static int bytes(String key, JsonNode value) {
    return key.length() + 3 + value.toString().getBytes(StandardCharsets.UTF_8).length;
  }

  private static long descriptionBytes(JsonNode node) {
    long sum = 0;
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        sum += field.getKey().equals("description") && field.getValue().isTextual()
            ? bytes("description", field.getValue())
            : descriptionBytes(field.getValue());
      }
    } else if (node.isArray()) {
      for (JsonNode item : node) {
        sum += descriptionBytes(item);
      }
    }
    return sum;
  }
}
