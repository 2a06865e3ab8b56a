package dev.cask.maven.mojo;

import dev.cask.maven.diff.Change;
import dev.cask.maven.diff.ToolpackDiff;
import dev.cask.maven.log.BuildLog;
import dev.cask.maven.report.ConsoleTable;
import dev.cask.maven.report.ReportContext;
import dev.cask.maven.report.Reports;
import dev.cask.maven.report.SourceLineFinder;
import dev.cask.maven.report.Wording;
import dev.cask.runtime.CaskException;
import java.nio.file.Path;
import java.util.List;

/** What diff and drift do with a result: write the reports, print the table, fail the build above the threshold. */
final class ChangeReportWriter {
  private static final int LISTED = 10;

  private ChangeReportWriter() {}

  static void publish(
      ToolpackDiff diff, Path basedir, Path outputDirectory, Path lockfile, int consoleRows, String version, BuildLog log) {
    ReportContext context = new ReportContext(ToolpackInputs.fallbackLocation(basedir, lockfile), null, version)
        .withLines(SourceLineFinder.lines(basedir, diff));
    Reports.write(outputDirectory, diff, context);
    List<String> lines = ConsoleTable.lines(diff, consoleRows);
    lines.forEach(diff.failed() ? log::warn : log::info);
    String stem = diff.kind().fileStem();
    log.info("Reports: " + ToolpackInputs.relative(basedir, outputDirectory) + "/{" + stem + ".md, " + stem + ".json, "
        + stem + ".sarif, " + stem + "-junit.xml}");
    if (diff.failed()) {
      String report = ToolpackInputs.relative(basedir, outputDirectory) + "/" + stem + ".md";
      List<Change> failing = diff.failing();
      StringBuilder problem = new StringBuilder(Wording.verdict(diff)).append(':');
      for (Change change : failing.subList(0, Math.min(LISTED, failing.size()))) {
        problem.append("\n  ").append(change.severity().wireName()).append(' ')
            .append(change.tool() == null ? Wording.TOOLPACK_ROW : change.tool()).append(": ").append(Wording.sentence(change));
      }
      if (failing.size() > LISTED) {
        problem.append("\n  ... and ").append(failing.size() - LISTED).append(" more in ").append(report);
      }
      throw new CaskException("-Dcask.failOn=" + diff.threshold().wireName(), null, problem.toString(),
          diff.kind() == ToolpackDiff.Kind.DIFF
              ? "review " + report + "; approve the intended changes with cask:gate-allow, or set -Dcask.failOn higher"
              : "review " + report + "; update the spec and recompile for intended changes, or set -Dcask.failOn higher");
    }
  }
}
