package dev.cask.runtime.server.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.server.testing.SignedToolpacks;
import dev.cask.runtime.server.testing.ToolFixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A correctly signed toolpack compiled by an older Cask, whose output schemas MCP clients refuse (an object implied by
 * a {@code $ref}, as 492 of GitHub's tools were): {@code serve} verifies it, then refuses to start, naming each tool and
 * the fix, instead of serving a tool list that the official TypeScript SDK would reject as a whole.
 */
class OutputSchemaStartupIT {
  @TempDir Path dir;

  @Test
  void aToolpackWithOutputSchemasClientsRefuseIsNotServed() {
    List<Tool> tools = List.of(
        ToolFixtures.tool("get_repo").path("/repos/1")
            .output("{\"$ref\":\"#/$defs/Repo\",\"$defs\":{\"Repo\":{\"type\":\"object\"}}}").build(),
        ToolFixtures.tool("list_repos").path("/repos").output("{\"type\":\"array\",\"items\":{}}").build(),
        ToolFixtures.tool("get_user").path("/users/1").output("{\"type\":\"object\"}").build());
    SignedToolpacks.Signed signed = SignedToolpacks.write(dir, "old-api", tools, SignedToolpacks.confirmWrites());

    Processes.Result result = Processes.run(
        Processes.productionJar(SignedToolpacks.serveArgs(signed).toArray(String[]::new)), Map.of(), 120);

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.stdout()).as("nothing was served").isEmpty();
    assertThat(result.stderr())
        .contains("toolpack old-api: 2 tool(s) have an output MCP clients cannot accept:")
        .contains("get_repo: outputSchema's root is not {\"type\": \"object\"}")
        .contains("list_repos: outputSchema's root is not {\"type\": \"object\"}")
        .doesNotContain("get_user:")
        .contains("Fix: compile the toolpack again with this version of Cask (mvn cask:compile), then approve the changed tools")
        .doesNotContain("\tat ");
  }
}
