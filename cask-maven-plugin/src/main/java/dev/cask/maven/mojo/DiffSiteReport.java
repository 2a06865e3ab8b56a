package dev.cask.maven.mojo;

import dev.cask.maven.diff.Change;
import dev.cask.maven.diff.Severity;
import dev.cask.maven.diff.ToolDiff;
import dev.cask.maven.diff.ToolpackDiff;
import dev.cask.maven.diff.ToolpackSnapshot;
import dev.cask.maven.log.BuildLog;
import dev.cask.maven.report.Wording;
import dev.cask.runtime.CaskException;
import java.io.File;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.maven.doxia.sink.Sink;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.reporting.AbstractMavenReport;
import org.apache.maven.reporting.MavenReportException;
import org.eclipse.aether.RepositorySystem;

/**
 * The {@code cask:diff} result as a page of the Maven site ({@code mvn site}, page "Cask diff"): the same engine and
 * wording as the goal, rendered through Doxia, which escapes all text. Changes the signed lockfile approves show as
 * "accepted (signer)", exactly as {@code cask:diff} decides it. Never fails the build: a site shows, the goal decides.
 */
@Mojo(name = "diff-report", defaultPhase = LifecyclePhase.SITE, threadSafe = true)
public class DiffSiteReport extends AbstractMavenReport {

  /** The toolpack to check (as for cask:diff); default: the Cask output directory. */
  @Parameter(property = CaskParameters.TOOLPACK)
  private File toolpack;

  /**
   * Where cask:compile wrote the toolpack (as for every Cask goal). Named apart from the site's own
   * {@code outputDirectory}, which is where the page goes.
   */
  @Parameter(property = CaskParameters.OUTPUT_DIRECTORY, defaultValue = CaskParameters.OUTPUT_DIRECTORY_DEFAULT)
  private File caskOutputDirectory;

  /** The approved toolpack to compare with (as for cask:diff). */
  @Parameter(property = CaskParameters.BASELINE)
  private File baseline;

  /** The approved toolpack as a published artifact (as for cask:diff). */
  @Parameter(property = CaskParameters.BASELINE_ARTIFACT)
  private String baselineArtifact;

  /** The signed lockfile whose approvals count as accepted changes (as for cask:diff). */
  @Parameter(property = CaskParameters.LOCKFILE, defaultValue = CaskParameters.LOCKFILE_DEFAULT)
  private File lockfile;

  /** The signers file the lockfile's signatures are checked against (as for cask:diff). */
  @Parameter(property = CaskParameters.SIGNERS_FILE, defaultValue = CaskParameters.SIGNERS_FILE_DEFAULT)
  private File signersFile;

  /** The threshold shown on the page (as for cask:diff). */
  @Parameter(property = CaskParameters.FAIL_ON, defaultValue = CaskParameters.FAIL_ON_DEFAULT)
  private String failOn;

  @Component
  private RepositorySystem repositorySystem;

  @Override
  public String getOutputName() {
    return "cask-diff";
  }

  @Override
  public String getName(Locale locale) {
    return "Cask diff";
  }

  @Override
  public String getDescription(Locale locale) {
    return "Risk-classified changes of the toolpack against the approved baseline.";
  }

  @Override
  public boolean canGenerateReport() {
    return ToolpackInputs.isCompiled(CaskParameters.toolpack(toolpack, caskOutputDirectory));
  }

  @Override
  protected void executeReport(Locale locale) throws MavenReportException {
    ToolpackDiff diff;
    try {
      java.nio.file.Path basedir = project.getBasedir().toPath();
      BuildLog log = new MavenBuildLog(getLog());
      ToolpackSnapshot base = ToolpackInputs.baseline(
          basedir, baseline, baselineArtifact, repositorySystem, repoSession, remoteProjectRepositories, log);
      diff = LockfileState.diff(basedir, CaskParameters.toolpack(toolpack, caskOutputDirectory), base, lockfile,
          signersFile, failOn, log);
    } catch (CaskException e) {
      throw new MavenReportException(e.getMessage(), e);
    }
    render(getSink(), diff);
  }

  static void render(Sink sink, ToolpackDiff diff) {
    sink.head();
    sink.title();
    sink.text(Wording.title(diff));
    sink.title_();
    sink.head_();
    sink.body();
    sink.section(1, null);
    sink.sectionTitle(1, null);
    sink.text(Wording.title(diff) + ": " + diff.toolpack());
    sink.sectionTitle_(1);
    paragraph(sink, Wording.verdict(diff));
    paragraph(sink, "Toolpack " + diff.toolpack() + " " + Wording.comparedWith(diff) + " " + diff.baseline()
        + "; threshold " + Wording.threshold(diff) + ". Tools: " + Wording.toolCounts(diff) + ".");
    table(sink, List.of("Severity", "Unapproved", "Accepted"), severityRows(diff));
    for (ToolDiff tool : diff.changedTools()) {
      sink.section(2, null);
      sink.sectionTitle(2, null);
      sink.text(tool.name() + " (" + Wording.status(diff, tool.status()) + ")");
      sink.sectionTitle_(2);
      if (tool.operation() != null) {
        paragraph(sink, tool.operation() + (tool.risk() == null ? "" : ", risk " + tool.risk().wireName()));
      }
      table(sink, List.of("Severity", "Rule", "Change", "Approval"), changeRows(tool.changes()));
      for (Change change : tool.changes()) {
        if (change.words() != null) {
          paragraph(sink, Wording.wordDiffLegend() + " " + change.subject());
          sink.verbatim(null);
          sink.text(change.words().plain());
          sink.verbatim_();
        }
      }
      sink.section_(2);
    }
    if (!diff.toolpackChanges().isEmpty()) {
      sink.section(2, null);
      sink.sectionTitle(2, null);
      sink.text(Wording.TOOLPACK_ROW);
      sink.sectionTitle_(2);
      table(sink, List.of("Severity", "Rule", "Change", "Approval"), changeRows(diff.toolpackChanges()));
      sink.section_(2);
    }
    sink.section_(1);
    sink.body_();
  }

  private static List<List<String>> severityRows(ToolpackDiff diff) {
    Map<Severity, Integer> open = diff.countBySeverity(false);
    Map<Severity, Integer> accepted = diff.countBySeverity(true);
    List<List<String>> rows = new java.util.ArrayList<>();
    for (int i = Severity.values().length - 1; i >= 0; i--) {
      Severity severity = Severity.values()[i];
      rows.add(List.of(severity.wireName(), String.valueOf(open.get(severity)), String.valueOf(accepted.get(severity))));
    }
    return rows;
  }

  private static List<List<String>> changeRows(List<Change> changes) {
    return changes.stream()
        .map(c -> List.of(c.severity().wireName(), c.rule().id(), Wording.sentence(c), Wording.approval(c)))
        .toList();
  }

  private static void paragraph(Sink sink, String text) {
    sink.paragraph();
    sink.text(text);
    sink.paragraph_();
  }

  private static void table(Sink sink, List<String> headers, List<List<String>> rows) {
    sink.table();
    sink.tableRows(null, false);
    sink.tableRow();
    for (String header : headers) {
      sink.tableHeaderCell();
      sink.text(header);
      sink.tableHeaderCell_();
    }
    sink.tableRow_();
    for (List<String> row : rows) {
      sink.tableRow();
      for (String cell : row) {
        sink.tableCell();
        sink.text(cell);
        sink.tableCell_();
      }
      sink.tableRow_();
    }
    sink.tableRows_();
    sink.table_();
  }
}
