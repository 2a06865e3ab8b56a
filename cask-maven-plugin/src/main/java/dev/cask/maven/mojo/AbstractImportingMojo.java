package dev.cask.maven.mojo;

import dev.cask.maven.importers.CaptureImporter;
import dev.cask.maven.importers.ImportSettings;
import dev.cask.maven.importers.traffic.RedactionSettings;
import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.model.capture.Capture;
import java.io.File;
import java.util.List;
import org.apache.maven.plugins.annotations.Parameter;

/** The import settings shared by {@code capture-import}, {@code compile} and later {@code drift}. */
public abstract class AbstractImportingMojo extends AbstractCaskMojo {
  /** Key under which capture-import leaves the capture for compile in the same build (no second parse). */
  static final String CAPTURE_CONTEXT_KEY = "dev.cask.capture";

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

  protected ImportSettings importSettings() {
    return new ImportSettings(baseUrl, allowHosts == null ? List.of() : allowHosts, remoteRefs, maxInputBytes,
        includeFailingOperations, RedactionSettings.rules(orEmpty(redactKeys), orEmpty(redactPatterns), orEmpty(redactAllow)),
        strict);
  }

  private static List<String> orEmpty(List<String> values) {
    return values == null ? List.of() : values;
  }

  protected Capture importCapture(BuildLog log) {
    return CaptureImporter.standard()
        .importAll(basedir(), inputs.stream().map(File::toPath).toList(), importSettings(), log);
  }
}
