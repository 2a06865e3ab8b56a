package dev.cask.runtime.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cask.runtime.json.CanonicalJson;
import dev.cask.runtime.json.CaskFiles;
import dev.cask.runtime.model.HttpMethod;
import dev.cask.runtime.model.ParameterLocation;
import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.toolpack.ArgumentBinding;
import dev.cask.runtime.model.toolpack.BodyBinding;
import dev.cask.runtime.model.toolpack.RequestBinding;
import dev.cask.runtime.model.toolpack.Risk;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.model.toolpack.ToolAnnotations;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import dev.cask.runtime.model.toolpack.ToolSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes small toolpacks ({@code tools.json}) for transport tests: a read tool {@code get_repo}, a write tool
 * {@code create_issue}, and any number of generated read tools (to measure a GitHub-sized {@code tools/list}).
 */
public final class TestToolpacks {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TestToolpacks() {}

  public static List<Tool> tools(String baseUrl, int generated) {
    List<Tool> tools = new ArrayList<>();
    tools.add(tool(getRepo(baseUrl)));
    tools.add(tool(createIssue(baseUrl)));
    for (int i = 0; i < generated; i++) {
      tools.add(tool(generatedRead(baseUrl, i)));
    }
    return tools;
  }

  /** Writes {@code tools.json} into {@code dir} and returns {@code dir}. */
  public static Path write(Path dir, String baseUrl, int generated) {
    try {
      Files.createDirectories(dir);
      Files.write(dir.resolve("tools.json"), CaskFiles.prettyJson(ToolSet.of("test-api", tools(baseUrl, generated))));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Tool tool(ToolDefinition definition) {
    return new Tool(CanonicalJson.digest(definition), definition, null);
  }

  static ToolDefinition getRepo(String baseUrl) {
    return new ToolDefinition(
        "get_repo",
        "Get a repository.",
        HttpMethod.GET,
        baseUrl,
        "/repos/{owner}/{repo}",
        schema(
            "{\"type\":\"object\",\"properties\":{\"owner\":{\"type\":\"string\"},\"repo\":{\"type\":\"string\"}},"
                + "\"required\":[\"owner\",\"repo\"],\"additionalProperties\":false}"),
        null,
        new Risk(RiskTier.READ, List.of("method GET")),
        new ToolAnnotations("Get a repository", true, false, true, true),
        new RequestBinding(
            List.of(
                new ArgumentBinding("owner", ParameterLocation.PATH, "owner", null, null),
                new ArgumentBinding("repo", ParameterLocation.PATH, "repo", null, null)),
            null),
        List.of(),
        false);
  }

  static ToolDefinition createIssue(String baseUrl) {
    return new ToolDefinition(
        "create_issue",
        "Create an issue.",
        HttpMethod.POST,
        baseUrl,
        "/repos/{owner}/{repo}/issues",
        schema(
            "{\"type\":\"object\",\"properties\":{\"owner\":{\"type\":\"string\"},\"repo\":{\"type\":\"string\"},"
                + "\"body\":{\"type\":\"object\",\"properties\":{\"title\":{\"type\":\"string\"}},"
                + "\"required\":[\"title\"]}},\"required\":[\"owner\",\"repo\",\"body\"],"
                + "\"additionalProperties\":false}"),
        null,
        new Risk(RiskTier.WRITE, List.of("method POST")),
        new ToolAnnotations("Create an issue", false, false, false, true),
        new RequestBinding(
            List.of(
                new ArgumentBinding("owner", ParameterLocation.PATH, "owner", null, null),
                new ArgumentBinding("repo", ParameterLocation.PATH, "repo", null, null)),
            new BodyBinding("body", "application/json")),
        List.of(),
        false);
  }

  static ToolDefinition generatedRead(String baseUrl, int i) {
    String name = String.format(Locale.ROOT, "list_things_%04d", i);
    return new ToolDefinition(
        name,
        "List things of kind " + i + " with paging and filters, as the upstream API documents them.",
        HttpMethod.GET,
        baseUrl,
        "/things/" + i + "/{owner}",
        schema(
            "{\"type\":\"object\",\"properties\":{\"owner\":{\"type\":\"string\",\"description\":\"The owner.\"},"
                + "\"per_page\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":100,\"default\":30},"
                + "\"page\":{\"type\":\"integer\",\"minimum\":1,\"default\":1},"
                + "\"state\":{\"type\":\"string\",\"enum\":[\"open\",\"closed\",\"all\"]}},"
                + "\"required\":[\"owner\"],\"additionalProperties\":false}"),
        null,
        new Risk(RiskTier.READ, List.of("method GET")),
        new ToolAnnotations("List things " + i, true, false, true, true),
        new RequestBinding(
            List.of(
                new ArgumentBinding("owner", ParameterLocation.PATH, "owner", null, null),
                new ArgumentBinding("per_page", ParameterLocation.QUERY, "per_page", null, null),
                new ArgumentBinding("page", ParameterLocation.QUERY, "page", null, null),
                new ArgumentBinding("state", ParameterLocation.QUERY, "state", null, null)),
            null),
        List.of(),
        false);
  }

  private static JsonNode schema(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
