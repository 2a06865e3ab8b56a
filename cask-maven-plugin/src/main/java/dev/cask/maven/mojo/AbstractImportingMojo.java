package dev.cask.maven.mojo;

import dev.cask.maven.importers.CaptureImporter;
import dev.cask.maven.importers.ImportSettings;
import dev.cask.maven.importers.traffic.RedactionSettings;
import dev.cask.maven.incremental.UpToDateCheck;
import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.model.capture.Capture;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Parameter;

/** The import settings shared by {@code capture-import}, {@code compile} and later {@code drift}. */
public abstract class AbstractImportingMojo extends AbstractCaskMojo {
  /** Key under which capture-import leaves the capture for compile in the same build (no second parse). */
  static final String CAPTURE_CONTEXT_KEY = "dev.cask.capture";
  /** Key under which capture-import leaves the files its import read through references, for compile's record. */
  static final String READS_CONTEXT_KEY = "dev.cask.capture.reads";

  /** Files or directories to import (comma-separated on the command line); directories are read recursively. */
  @Parameter(property = "cask.inputs", defaultValue = "${project.basedir}/src/main/cask")
  protected List<File> inputs;

  /** Hosts to keep: exact host, {@code *.suffix}, optional {@code :port} (comma-separated). Empty keeps all. */
  @Parameter(property = "cask.allowHosts")
  protected List<String> allowHosts;

  /** Server URL for documents that give none, or give a relative one, e.g. {@code https://api.example.com/v1}. */
  @Parameter(property = "cask.baseUrl")
  protected String baseUrl;

  /** Whether {@code $ref}s to http(s) URLs may be fetched. Off: no network at build time. */
  @Parameter(property = "cask.remoteRefs", defaultValue = "false")
  protected boolean remoteRefs;

  /** The largest input file accepted, in bytes. */
  @Parameter(property = "cask.maxInputBytes", defaultValue = "83886080")
  protected long maxInputBytes;

  /** Traffic import: keep operations seen only failing (4xx/5xx) as tools. Off: failures are evidence only. */
  @Parameter(property = "cask.includeFailingOperations", defaultValue = "false")
  protected boolean includeFailingOperations;

  /** Traffic import: more sensitive keys (JSON/form fields, query parameters, headers) whose values are redacted. */
  @Parameter(property = "cask.redact.keys")
  protected List<String> redactKeys;

  /** Traffic import: more value patterns to redact, each {@code rule-name=regex} (a Java regular expression). */
  @Parameter(property = "cask.redact.patterns")
  protected List<String> redactPatterns;

  /** Traffic import: fields whose values are kept (key rules and personal-data patterns off; credentials still go). */
  @Parameter(property = "cask.redact.allow")
  protected List<String> redactAllow;

  /** Fail the build on an operation that cannot be compiled, instead of leaving it out with a warning. */
  @Parameter(property = "cask.strict", defaultValue = "false")
  protected boolean strict;

  /** Runs the goal even when its inputs, settings, plugin and outputs are unchanged since its last run. */
  @Parameter(property = "cask.force", defaultValue = "false")
  protected boolean force;

  @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
  private PluginDescriptor plugin;

  protected ImportSettings importSettings() {
    return new ImportSettings(baseUrl, allowHosts == null ? List.of() : allowHosts, remoteRefs, maxInputBytes,
        includeFailingOperations, RedactionSettings.rules(orEmpty(redactKeys), orEmpty(redactPatterns), orEmpty(redactAllow)),
        strict);
  }

  private static List<String> orEmpty(List<String> values) {
    return values == null ? List.of() : values;
  }

  protected Capture importCapture(BuildLog log) {
    return importCapture(log, read -> {});
  }

  /** Imports the inputs, telling {@code reads} every other local file read (documents reached through references). */
  protected Capture importCapture(BuildLog log, Consumer<Path> reads) {
    return CaptureImporter.standard()
        .importAll(basedir(), inputPaths(), importSettings(), log, reads);
  }

  private List<Path> inputPaths() {
    return inputs.stream().map(File::toPath).toList();
  }

  /**
   * The up-to-date check of this goal over the import settings, the given goal settings, the plugin's code, the
   * inputs (plus {@code moreInputs}) and the outputs; null when the goal must always run and never be recorded (remote
   * references: their content cannot be checked without fetching them), with the reason logged.
   */
  protected UpToDateCheck upToDateCheck(
      SortedMap<String, String> goalSettings, List<Path> moreInputs, List<Path> outputs, BuildLog log) {
    SortedMap<String, String> settings = new TreeMap<>(goalSettings);
    settings.put("cask.remoteRefs", String.valueOf(remoteRefs));
    settings.put("cask.inputs", String.valueOf(inputPaths()));
    settings.put("cask.allowHosts", String.valueOf(allowHosts));
    settings.put("cask.baseUrl", String.valueOf(baseUrl));
    settings.put("cask.maxInputBytes", String.valueOf(maxInputBytes));
    settings.put("cask.includeFailingOperations", String.valueOf(includeFailingOperations));
    settings.put("cask.redact.keys", String.valueOf(redactKeys));
    settings.put("cask.redact.patterns", String.valueOf(redactPatterns));
    settings.put("cask.redact.allow", String.valueOf(redactAllow));
    settings.put("cask.strict", String.valueOf(strict));
    settings.put("cask.outputDirectory", outputPath().toAbsolutePath().toString());
    SortedMap<String, Path> code = new TreeMap<>();
    settings.put("plugin " + plugin.getId(), plugin.getVersion());
    code.put(plugin.getPluginArtifact().getId(), plugin.getPluginArtifact().getFile().toPath());
    for (Artifact dependency : plugin.getArtifacts()) {
      settings.put("plugin dependency " + dependency.getDependencyConflictId(), dependency.getVersion());
      if (dependency.isSnapshot() && dependency.getFile() != null) {
        code.put(dependency.getId(), dependency.getFile().toPath()); // a snapshot's bytes change under one version
      }
    }
    List<Path> inputFiles = new ArrayList<>(CaptureImporter.inputFiles(basedir(), inputPaths()));
    inputFiles.addAll(moreInputs);
    Path stamp = Path.of(project.getBuild().getDirectory(), "cask-build-stamps", goal() + ".txt");
    UpToDateCheck check = new UpToDateCheck(stamp, basedir(), new UpToDateCheck.Goal(settings, code, inputFiles, outputs));
    if (remoteRefs) {
      log.info("Cask " + goal() + ": running (remote references are allowed)");
      check.forget();
      return null;
    }
    return check;
  }

  /**
   * Whether the goal can be skipped: true (and logged) when its outputs are up to date; otherwise logs why it runs and
   * forgets the last run, so that a failure never leaves outputs that look up to date.
   */
  protected boolean upToDate(UpToDateCheck check, BuildLog log) {
    if (check == null) {
      return false;
    }
    if (force) {
      log.info("Cask " + goal() + ": running (-Dcask.force=true)");
      check.forget();
      return false;
    }
    long start = System.nanoTime();
    String reason = check.staleReason();
    long millis = (System.nanoTime() - start) / 1_000_000;
    if (reason == null) {
      log.info("Cask " + goal() + ": up to date (inputs, settings, plugin and outputs unchanged; checked in " + millis
          + " ms; -Dcask.force=true runs it anyway)");
      return true;
    }
    log.info("Cask " + goal() + ": running (" + reason + ")");
    check.forget();
    return false;
  }
}
