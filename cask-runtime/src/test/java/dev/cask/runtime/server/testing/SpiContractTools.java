package dev.cask.runtime.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cask.runtime.json.CanonicalJson;
import dev.cask.runtime.model.ParameterLocation;
import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.toolpack.ArgumentBinding;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import dev.cask.runtime.server.spi.Decision;
import dev.cask.runtime.server.spi.GovernedTools;
import dev.cask.runtime.server.spi.ToolCall;
import dev.cask.runtime.server.spi.ToolCallOutcome;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small implementation of the {@link GovernedTools} contract for transport and client tests, until the enforcement
 * core is merged: it lists the given tools, calls the real local upstream for read tools, and asks for a confirmation
 * (a challenge id a person approves with {@code confirm <id>}, stored as files in a state directory) for every other
 * tool. It is not the core and enforces no policy; it only honours the SPI's contract (never throws; denials and
 * challenges are results).
 */
public final class SpiContractTools implements GovernedTools {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final List<ToolDefinition> definitions;
  private final Map<String, ToolDefinition> byName = new LinkedHashMap<>();
  private final Path stateDir;
  private final boolean dryRunAll;
  /** Created on the first upstream call: the JDK client's TLS set-up is a visible share of start-up. */
  private volatile HttpClient http;
  private final Map<String, String> challengeByCall = new ConcurrentHashMap<>();

  public SpiContractTools(List<Tool> tools, Path stateDir, boolean dryRunAll) {
    this.definitions =
        tools.stream().map(Tool::definition).sorted(java.util.Comparator.comparing(ToolDefinition::name)).toList();
    definitions.forEach(d -> byName.put(d.name(), d));
    this.stateDir = stateDir;
    this.dryRunAll = dryRunAll;
  }

  @Override
  public List<ToolDefinition> listTools() {
    return definitions;
  }

  @Override
  public ToolCallOutcome call(ToolCall call) {
    try {
      ToolDefinition tool = byName.get(call.tool());
      if (tool == null) {
        return deny("unknown_tool", "No such tool: " + call.tool());
      }
      if (call.arguments() == null || !call.arguments().isObject()) {
        return deny("invalid_arguments", "arguments must be an object");
      }
      HttpRequest request = request(tool, call.arguments());
      if (call.dryRun() || dryRunAll) {
        return new ToolCallOutcome(
            Decision.ALLOW, "dry_run", request.method() + " " + request.uri(), null, false, null);
      }
      if (tool.risk().tier() != RiskTier.READ && !consumeApproval(tool, call.arguments())) {
        String id = challenge(tool, call.arguments());
        return new ToolCallOutcome(
            Decision.CONFIRM,
            "confirmation_required",
            "Confirmation required for " + tool.name() + " with these exact arguments. Ask a person to run: "
                + "java -jar cask-runtime.jar confirm " + id + " ; then call again with the same arguments.",
            null,
            true,
            id);
      }
      HttpResponse<String> response = http().send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode body = JSON.readTree(response.body());
      return new ToolCallOutcome(
          Decision.ALLOW, "ok", response.body(), body.isObject() ? body : null, response.statusCode() >= 400, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return deny("error_internal", "interrupted");
    } catch (Exception e) {
      return deny("error_internal", "internal error");
    }
  }

  @Override
  public ToolCallOutcome refuse(String sessionId, String tool, String problem) {
    return deny("invalid_request", problem);
  }

  private HttpClient http() {
    HttpClient client = http;
    if (client == null) {
      synchronized (this) {
        if (http == null) {
          http =
              HttpClient.newBuilder()
                  .version(HttpClient.Version.HTTP_1_1)
                  .connectTimeout(Duration.ofSeconds(5))
                  .build();
        }
        client = http;
      }
    }
    return client;
  }

  private static ToolCallOutcome deny(String reason, String text) {
    return new ToolCallOutcome(Decision.DENY, reason, text, null, true, null);
  }

  private static HttpRequest request(ToolDefinition tool, JsonNode arguments) throws IOException {
    String path = tool.path();
    StringBuilder query = new StringBuilder();
    for (ArgumentBinding binding : tool.binding().arguments()) {
      JsonNode value = arguments.get(binding.argument());
      if (value == null) {
        continue;
      }
      String encoded = URLEncoder.encode(value.asText(), StandardCharsets.UTF_8).replace("+", "%20");
      if (binding.in() == ParameterLocation.PATH) {
        path = path.replace("{" + binding.name() + "}", encoded);
      } else if (binding.in() == ParameterLocation.QUERY) {
        query.append(query.length() == 0 ? '?' : '&').append(binding.name()).append('=').append(encoded);
      }
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(tool.baseUrl() + path + query)).timeout(Duration.ofSeconds(10));
    if (tool.binding().body() != null) {
      JsonNode body = arguments.get(tool.binding().body().argument());
      request
          .header("Content-Type", "application/json")
          .method(tool.method().name(), HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
    } else {
      request.method(tool.method().name(), HttpRequest.BodyPublishers.noBody());
    }
    return request.build();
  }

  private static String callKey(ToolDefinition tool, JsonNode arguments) {
    return tool.name() + "|" + CanonicalJson.digest(arguments);
  }

  private String challenge(ToolDefinition tool, JsonNode arguments) throws IOException {
    byte[] bytes = new byte[5];
    RANDOM.nextBytes(bytes);
    String id = HexFormat.of().formatHex(bytes);
    Files.createDirectories(stateDir);
    Files.writeString(stateDir.resolve(id + ".pending"), tool.name() + " " + JSON.writeValueAsString(arguments));
    challengeByCall.put(callKey(tool, arguments), id);
    return id;
  }

  /** Single use: an approval is deleted as it is used, and it binds the exact arguments. */
  private boolean consumeApproval(ToolDefinition tool, JsonNode arguments) throws IOException {
    String id = challengeByCall.get(callKey(tool, arguments));
    if (id == null) {
      return false;
    }
    Path approved = stateDir.resolve(id + ".approved");
    if (!Files.deleteIfExists(approved)) {
      return false;
    }
    challengeByCall.remove(callKey(tool, arguments));
    Files.deleteIfExists(stateDir.resolve(id + ".pending"));
    return true;
  }
}
