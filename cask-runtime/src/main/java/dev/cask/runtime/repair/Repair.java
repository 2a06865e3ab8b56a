package dev.cask.runtime.repair;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.json.CaskFiles;
import dev.cask.runtime.json.CaskMappers;
import dev.cask.runtime.propose.ProposalStore;
import dev.cask.runtime.server.audit.AuditLocation;
import dev.cask.runtime.verification.Baseline;
import dev.cask.runtime.verification.FileSource;
import dev.cask.runtime.verification.GateFiles;
import dev.cask.runtime.verification.VerificationInput;
import dev.cask.runtime.verification.VerificationReport;
import dev.cask.runtime.verification.VerificationSettings;
import dev.cask.runtime.verification.Verifier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code repair}: reads what is already there (the server's audit log, the gate's verification of the toolpack,
 * {@code drift.json}, {@code diff.json}, {@code verify.json}, the pending proposals), diagnoses every root cause
 * ({@link Diagnoser}) and writes {@code repair.md}, {@code repair.json} and {@code repair.sh} (the SAFE commands only).
 * The one implementation behind {@code mvn cask:repair} and {@code java -jar cask-runtime.jar repair}. It reads; the
 * only files it writes are its reports and the files its fixes use.
 */
public final class Repair {
  /** The largest report file read (drift.json of a large API is a few MB). */
  static final long MAX_REPORT_BYTES = 64L * 1024 * 1024;

  private Repair() {}

  /** Diagnoses; never throws for an input that is missing or damaged (the report names it). */
  public static RepairReport diagnose(RepairSettings settings, Clock clock) {
    VerificationReport verification = new Verifier(clock, VerificationSettings.defaults()).verify(new VerificationInput(
        settings.toolpack(), FileSource.read(settings.lockfile(), settings.lockfile().toString()),
        FileSource.read(settings.signers(), settings.signers().toString()),
        FileSource.read(GateFiles.historyOf(settings.signers()), GateFiles.historyOf(settings.signers()).toString()),
        Baseline.none(), settings.anchors()));
    GateState gate = new GateState(verification);
    List<String> notes = new ArrayList<>();
    notes.add("gate: " + (verification.passed() ? "the toolpack verifies (" + verification.verified().orElseThrow()
        .tools().size() + " approved tool(s))" : verification.errors().size() + " problem(s) block the toolpack"));
    String name = gate.toolpackName();
    Path auditLog = settings.auditLog() != null ? settings.auditLog() : name == null ? null : AuditLocation.defaultFor(name);
    List<AuditRecord> records = List.of();
    if (auditLog == null) {
      notes.add("audit log: unknown (the toolpack cannot be read, and no audit log was given)");
    } else if (!Files.isRegularFile(auditLog)) {
      notes.add("audit log " + auditLog + ": absent (no server has run with it)");
    } else {
      AuditReader.Chunk chunk = AuditReader.read(auditLog, 0);
      records = chunk.records();
      notes.add("audit log " + auditLog + ": " + records.size() + " record(s)"
          + (chunk.unreadable() > 0 ? ", " + chunk.unreadable() + " unreadable line(s) skipped" : "")
          + " (read as found; 'audit verify' proves it)");
    }
    List<Path> since = List.of(settings.lockfile(), settings.toolpack().resolve("tools.json"));
    JsonNode drift = report(settings.driftReport(), "drift.json", notes, "cask-drift", since, "mvn cask:drift");
    JsonNode diff = report(settings.diffReport(), "diff.json", notes, "cask-diff", since, "mvn cask:diff");
    JsonNode verify = report(settings.verifyReport(), "verify.json", notes, null, since, "mvn cask:verify");
    Path proposalsDirectory = settings.proposals() != null ? settings.proposals()
        : auditLog == null ? settings.output().resolve("proposals") : auditLog.toAbsolutePath().getParent().resolve(ProposalStore.DIRECTORY);
    ProposalStore.Listing proposals = ProposalStore.at(proposalsDirectory, clock).list();
    notes.add("proposals " + proposalsDirectory + ": " + proposals.pending().size() + " pending"
        + (proposals.ignored().isEmpty() ? "" : ", " + proposals.ignored().size() + " file(s) ignored (not proposals)"));
    Diagnoser diagnoser = new Diagnoser(settings, gate,
        new RepairInputs(auditLog == null ? settings.output().resolve("audit.jsonl") : auditLog, records, drift, diff,
            verify, proposalsDirectory, proposals, notes));
    List<Diagnosis> diagnoses = diagnoser.diagnose();
    return new RepairReport(name, verification.toolpack().map(t -> t.manifest().version()).orElse(null),
        verification.passed(), notes, diagnoses, new java.util.TreeMap<>(diagnoser.prepared()));
  }

  /** A report file as a JSON tree, or null (with a note) when it is absent or not the expected report. */
  /**
   * A report, read as found. One older than the lockfile or the toolpack may describe tools as they were before
   * later approvals or compiles: it is still read (it is evidence), and the note says so and how to refresh it.
   */
  private static JsonNode report(Path file, String label, List<String> notes, String format, List<Path> since,
      String refresh) {
    if (file == null || !Files.isRegularFile(file)) {
      notes.add(label + ": absent" + (file == null ? "" : " (" + file + ")"));
      return null;
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_REPORT_BYTES + 1));
      if (bytes.length > MAX_REPORT_BYTES) {
        notes.add(label + " " + file + ": larger than " + MAX_REPORT_BYTES + " bytes, not read");
        return null;
      }
      JsonNode tree = CaskMappers.json().readTree(bytes);
      if (tree == null || !tree.isObject() || (format != null && !format.equals(tree.path("format").asText()))
          || tree.path("formatVersion").asInt(0) != 1) {
        notes.add(label + " " + file + ": not a " + label + " of format version 1, not read");
        return null;
      }
      notes.add(label + " " + file + ": read" + staleness(file, since, refresh));
      return tree;
    } catch (IOException e) {
      notes.add(label + " " + file + ": cannot be read (" + e.getMessage() + ")");
      return null;
    }
  }

  /** {@code ""}, or why the report may be out of date: the newest of {@code since} changed after it was written. */
  private static String staleness(Path report, List<Path> since, String refresh) {
    try {
      java.nio.file.attribute.FileTime written = Files.getLastModifiedTime(report);
      for (Path later : since) {
        if (Files.isRegularFile(later) && Files.getLastModifiedTime(later).compareTo(written) > 0) {
          return "; OLDER than " + later.getFileName() + " (changed since it was written): what it says may be out"
              + " of date, run " + refresh + " again";
        }
      }
    } catch (IOException e) {
      return "";
    }
    return "";
  }

  /**
   * Writes {@code repair.md}, {@code repair.json}, {@code repair.sh} into the settings' output directory and the
   * prepared files into {@code repair/} there, each whole or not at all.
   *
   * @return the written files
   */
  public static List<Path> write(RepairReport report, RepairSettings settings) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("repair.json", RepairJson.render(report));
    files.put("repair.md", RepairMarkdown.render(report));
    files.put("repair.sh", RepairScript.render(report, settings));
    if (!report.prepared().isEmpty()) {
      CaskFiles.writeAtomically(settings.output().resolve("repair"), report.prepared());
    }
    CaskFiles.writeAtomically(settings.output(), files);
    Path script = settings.output().resolve("repair.sh");
    try {
      if (Files.getFileAttributeView(script, java.nio.file.attribute.PosixFileAttributeView.class) != null) {
        Files.setPosixFilePermissions(script, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
      }
    } catch (IOException e) {
      // the script still runs with sh repair.sh
    }
    List<Path> written = new ArrayList<>();
    files.keySet().forEach(file -> written.add(settings.output().resolve(file)));
    report.prepared().keySet().forEach(file -> written.add(settings.output().resolve("repair").resolve(file)));
    return written;
  }
}
