package dev.cask.maven.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.maven.diff.Severity;
import dev.cask.maven.diff.ToolpackDiff;
import dev.cask.maven.diff.ToolpackDiffer;
import dev.cask.maven.diff.ToolpackSnapshot;
import dev.cask.maven.report.ReportContext;
import dev.cask.maven.report.Reports;
import dev.cask.runtime.json.CanonicalJson;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import dev.cask.runtime.model.toolpack.ToolSet;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One {@code cask:diff} of two compiled toolpacks in a fresh JVM: load (with digest verification), diff, render every
 * report. With {@code --rewrite-all}, every tool of the current toolpack also gets a longer description and a new
 * required argument first: the worst case, a full field-by-field comparison and a word diff for every tool.
 *
 * <p>Usage: {@code DiffBenchmark <baseline toolpack dir> <current toolpack dir> [--rewrite-all]}
 */
public final class DiffBenchmark {
  private DiffBenchmark() {}

  public static void main(String[] args) {
    long start = System.nanoTime();
    ToolpackSnapshot baseline = ToolpackSnapshot.load(Path.of(args[0]), "baseline");
    ToolpackSnapshot current = ToolpackSnapshot.load(Path.of(args[1]), "current");
    if (args.length > 2 && args[2].equals("--rewrite-all")) {
      current = new ToolpackSnapshot(current.label(), rewriteAll(current.tools()), current.policy(),
          current.policyDigest(), current.capture());
    }
    long loaded = System.nanoTime();
    ToolpackDiff diff = ToolpackDiffer.diff(baseline, current, null, Severity.HIGH);
    long diffed = System.nanoTime();
    Map<String, byte[]> reports = Reports.render(diff, ReportContext.of("cask.lock.yaml"));
    long rendered = System.nanoTime();
    System.out.printf(Locale.ROOT,
        "%d vs %d tools: %d changes (%d failing) in %d changed tools; load %d ms, diff %d ms, reports %d ms;"
            + " diff.md %.1f kB, diff.json %.1f MB, diff.sarif %.1f MB%n",
        baseline.tools().tools().size(), current.tools().tools().size(), diff.allChanges().size(), diff.failing().size(),
        diff.changedTools().size(), (loaded - start) / 1_000_000, (diffed - loaded) / 1_000_000,
        (rendered - diffed) / 1_000_000, reports.get("diff.md").length / 1e3, reports.get("diff.json").length / 1e6,
        reports.get("diff.sarif").length / 1e6);
  }

  private static ToolSet rewriteAll(ToolSet tools) {
    List<Tool> rewritten = tools.tools().stream().map(tool -> {
      ToolDefinition d = tool.definition();
      ObjectNode input = d.inputSchema().deepCopy();
      input.withObject("/properties").putObject("benchTenant").put("type", "string");
      input.withArray("/required").add("benchTenant");
      ToolDefinition changed = new ToolDefinition(d.name(), d.description() + " Results are now cached for an hour.",
          d.method(), d.baseUrl(), d.path(), input, d.outputSchema(), d.risk(), d.annotations(), d.binding(), d.security(),
          d.deprecated());
      return new Tool(CanonicalJson.digest(changed), changed, tool.evidence());
    }).toList();
    return ToolSet.of(tools.toolpack(), rewritten);
  }
}
