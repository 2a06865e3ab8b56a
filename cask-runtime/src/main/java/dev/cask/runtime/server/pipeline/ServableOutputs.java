package dev.cask.runtime.server.pipeline;

import dev.cask.runtime.CaskException;
import dev.cask.runtime.schema.StructuredOutput;
import java.util.List;

/**
 * Start-up check: every approved tool's output can be served as MCP requires ({@link StructuredOutput#problem}). A
 * toolpack compiled by an older Cask may hold output schemas that clients refuse (the official TypeScript SDK then
 * rejects the <em>whole</em> tool list): rather than serve a list no client can read, or quietly drop schemas that
 * were approved, the server does not start and names every such tool and the fix.
 */
final class ServableOutputs {
  private static final int NAMED = 10;

  private ServableOutputs() {}

  static void require(ApprovedTools approved) {
    // Walks every output schema (GitHub's: 6 MB, about a tenth of the cost of digesting the definitions): on all cores.
    List<String> problems = approved.tools().parallelStream()
        .flatMap(tool -> StructuredOutput.problem(tool.definition()).map(problem -> tool.name() + ": " + problem).stream())
        .toList();
    if (problems.isEmpty()) {
      return;
    }
    List<String> named = problems.subList(0, Math.min(NAMED, problems.size()));
    String more = problems.size() > NAMED ? "\n  ... and " + (problems.size() - NAMED) + " more" : "";
    throw new CaskException("toolpack " + approved.toolpack(), null,
        problems.size() + " tool(s) have an output MCP clients cannot accept:\n  " + String.join("\n  ", named) + more,
        StructuredOutput.fix());
  }
}
