package dev.cask.maven.diff;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.cask.runtime.json.CanonicalJson;
import dev.cask.runtime.json.CaskMappers;
import dev.cask.runtime.model.policy.Policy;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import dev.cask.runtime.model.toolpack.ToolSet;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The v1/v2 fixture pair (test resources under {@code diff/}), loaded as the diff engine sees toolpacks. */
public final class Fixtures {
  private Fixtures() {}

  public static byte[] bytes(String resource) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/" + resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static List<ToolDefinition> definitions(String resource) {
    try {
      return CaskMappers.yaml().readValue(bytes(resource), new TypeReference<List<ToolDefinition>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ToolSet toolSet(List<ToolDefinition> definitions) {
    return ToolSet.of("people", definitions.stream().map(d -> new Tool(CanonicalJson.digest(d), d, null)).toList());
  }

  public static Policy policy(String resource) {
    try {
      return CaskMappers.yaml().readValue(bytes(resource), Policy.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An approved state that pins the current digests of the named tools, each signed by the given signer. */
  public static ApprovedState approve(ToolpackSnapshot current, String signer, String... names) {
    java.util.SortedMap<String, ApprovedTool> tools = new java.util.TreeMap<>();
    for (String name : names) {
      Tool tool = current.tools().tools().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
      String operation = tool.definition().operation().id();
      tools.put(operation, new ApprovedTool(operation, name, tool.digest(), tool.definition().risk().tier(), false, List.of(signer)));
    }
    return new ApprovedState("cask.lock.yaml", tools, null, List.of());
  }

  /** The diff every golden file shows: v1 → v2, two tools approved, threshold high. */
  public static ToolpackDiff goldenDiff() {
    ToolpackSnapshot v2 = snapshot("v2");
    ApprovedState approved = approve(v2, "alice", "get_health", "find_users");
    return ToolpackDiffer.diff(snapshot("v1"), v2, approved, Severity.HIGH);
  }

  /** {@code v1} or {@code v2} of the fixture toolpack, with its policy. */
  public static ToolpackSnapshot snapshot(String version) {
    Policy policy = policy("diff/" + version + "-policy.yaml");
    return new ToolpackSnapshot(
        "fixtures/" + version, toolSet(definitions("diff/" + version + "-tools.yaml")), policy,
        CanonicalJson.digest(policy), null);
  }
}
