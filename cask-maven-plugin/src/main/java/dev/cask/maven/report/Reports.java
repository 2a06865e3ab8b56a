package dev.cask.maven.report;

import dev.cask.maven.diff.ToolpackDiff;
import dev.cask.maven.report.json.JsonReport;
import dev.cask.maven.report.junit.JunitReport;
import dev.cask.maven.report.markdown.MarkdownReport;
import dev.cask.maven.report.sarif.SarifReport;
import dev.cask.runtime.json.CaskFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Renders every report format of a result and writes them together, each file whole or not at all. */
public final class Reports {
  private Reports() {}

  /** File name → bytes: {@code <stem>.md}, {@code <stem>.json}, {@code <stem>.sarif}, {@code <stem>-junit.xml}. */
  public static Map<String, byte[]> render(ToolpackDiff diff, ReportContext context) {
    String stem = diff.kind().fileStem();
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(stem + ".md", MarkdownReport.render(diff).getBytes(StandardCharsets.UTF_8));
    files.put(stem + ".json", JsonReport.render(diff));
    files.put(stem + ".sarif", SarifReport.render(diff, context));
    files.put(stem + "-junit.xml", JunitReport.render(diff));
    return files;
  }

  public static Map<String, byte[]> write(Path directory, ToolpackDiff diff, ReportContext context) {
    Map<String, byte[]> files = render(diff, context);
    CaskFiles.writeAtomically(directory, files);
    return files;
  }
}
