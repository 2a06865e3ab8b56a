package dev.cask.maven.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.json.CanonicalJson;
import dev.cask.runtime.json.CaskMappers;
import dev.cask.runtime.model.capture.Capture;
import dev.cask.runtime.model.capture.CaptureSource;
import dev.cask.runtime.model.capture.CapturedOperation;
import dev.cask.runtime.model.capture.SourceKind;
import dev.cask.runtime.model.capture.SourceRef;
import dev.cask.runtime.model.lockfile.Approval;
import dev.cask.runtime.model.lockfile.LockEntry;
import dev.cask.runtime.model.lockfile.Lockfile;
import dev.cask.runtime.model.signers.Signer;
import dev.cask.runtime.model.signers.SignersFile;
import dev.cask.runtime.verification.ApprovedTool;
import dev.cask.runtime.verification.VerifiedToolpack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Provenance: the toolpack traces to its sources by digest (every source file the manifest lists hashes, today, to
 * the SHA-256 it was compiled from), every tool to the place in a source it came from (an OpenAPI operation by JSON
 * pointer, a HAR entry or an OpenTelemetry span for traffic, the tool's entry in a minted WebMCP file), and every
 * approval to a signer the signers file trusts. A tool without any of these fails.
 */
final class ProvenanceContract {
  private static final Pattern HAR_ENTRY = Pattern.compile("entries/\\d+");
  private static final Pattern WEBMCP_TOOL = Pattern.compile("/tools/\\d+");
  private static final Pattern OTEL_SPAN = Pattern.compile("span/[0-9a-fA-F]{1,64}/[0-9a-fA-F]{1,32}");

  private final Path project;
  private final Map<String, CaptureSource> sources = new HashMap<>();
  private final Map<String, String> sourceProblems = new HashMap<>();
  private final Map<String, JsonNode> documents = new HashMap<>();

  private ProvenanceContract(Path project, List<CaptureSource> listed) {
    this.project = project;
    listed.forEach(source -> sources.put(source.path(), source));
  }

  static ContractResult run(Path project, VerifiedToolpack verified, Capture capture, Lockfile lockfile, SignersFile signers) {
    ProvenanceContract contract = new ProvenanceContract(project, verified.manifest().sources());
    List<ToolCheck> checks = new ArrayList<>();
    checks.add(contract.sourcesCheck(capture));
    Map<String, CapturedOperation> operations = new HashMap<>();
    capture.operations().forEach(operation -> operations.put(operation.key().id(), operation));
    for (ApprovedTool tool : verified.tools()) {
      checks.add(contract.toolCheck(tool, operations.get(tool.operation().id()),
          lockfile.operations().get(tool.operation().id()), signers));
    }
    return new ContractResult(Contract.PROVENANCE, checks);
  }

  private ToolCheck sourcesCheck(Capture capture) {
    List<String> evidence = new ArrayList<>();
    if (!new HashSet<>(capture.sources()).equals(new HashSet<>(sources.values()))) {
      return new ToolCheck(ToolCheck.TOOLPACK, CheckStatus.FAILED,
          "capture.json and toolpack.yaml list different sources", List.of());
    }
    if (capture.sources().isEmpty()) {
      return new ToolCheck(ToolCheck.TOOLPACK, CheckStatus.FAILED, "toolpack.yaml lists no source", List.of());
    }
    for (CaptureSource source : capture.sources()) {
      String problem = hashProblem(source);
      if (problem != null) {
        return new ToolCheck(ToolCheck.TOOLPACK, CheckStatus.FAILED, problem, evidence);
      }
      evidence.add(source.path() + " sha256:" + source.sha256());
    }
    return new ToolCheck(ToolCheck.TOOLPACK, CheckStatus.PASSED,
        capture.sources().size() + " source file(s) hash to the SHA-256 the toolpack was compiled from", evidence);
  }

  private ToolCheck toolCheck(ApprovedTool tool, CapturedOperation operation, LockEntry entry, SignersFile signers) {
    String name = tool.name();
    if (operation == null) {
      return failed(name, "capture.json has no operation " + tool.operation().id() + " that this tool was compiled from");
    }
    List<String> evidence = new ArrayList<>();
    String origin = locate(operation.origin(), tool, operation.path(), evidence);
    if (origin != null) {
      return new ToolCheck(name, CheckStatus.FAILED, origin, evidence);
    }
    if (operation.evidence() != null) {
      for (SourceRef sample : operation.evidence().samples()) {
        String problem = trafficProblem(sample);
        if (problem != null) {
          return new ToolCheck(name, CheckStatus.FAILED, problem, evidence);
        }
        if (!sample.equals(operation.origin())) {
          evidence.add(sample + " sha256:" + sources.get(sample.source()).sha256());
        }
      }
    }
    List<String> approvers = new ArrayList<>();
    if (entry != null) {
      for (Approval approval : entry.approvals()) {
        if (!tool.signers().contains(approval.signer())) {
          continue;
        }
        Signer signer = signers.signers().get(approval.signer());
        if (signer == null || signer.revoked() || !signer.keyId().equals(approval.keyId())) {
          return failed(name, "approval by " + approval.signer() + " (" + approval.keyId()
              + ") does not trace to a trusted signer in the signers file");
        }
        approvers.add(approval.signer() + " " + approval.keyId() + " " + approval.signedAt());
      }
    }
    if (approvers.isEmpty()) {
      return failed(name, "no approval traces to a signer trusted in the signers file");
    }
    evidence.addAll(approvers.stream().map(a -> "approved by " + a).toList());
    return new ToolCheck(name, CheckStatus.PASSED, operation.origin() + "; approved by "
        + String.join(", ", approvers.stream().map(a -> a.substring(0, a.indexOf(' '))).toList()), evidence);
  }

  /** Null when the tool's origin resolves in its source; else what is wrong. Adds what was checked to evidence. */
  private String locate(SourceRef origin, ApprovedTool tool, String path, List<String> evidence) {
    CaptureSource source = sources.get(origin.source());
    if (source == null) {
      return "its origin " + origin + " names a source toolpack.yaml does not list";
    }
    String hash = hashProblem(source);
    if (hash != null) {
      return hash;
    }
    evidence.add(origin + " sha256:" + source.sha256());
    if (source.kind() != SourceKind.OPENAPI) {
      return trafficProblem(origin);
    }
    JsonNode document = document(source);
    if (document == null) {
      return origin.source() + " cannot be read as JSON or YAML";
    }
    String pointer = origin.locator();
    String expected = "/paths/" + path.replace("~", "~0").replace("/", "~1") + "/"
        + tool.definition().method().name().toLowerCase(Locale.ROOT);
    if (!pointer.equals(expected)) {
      return origin + " does not name the tool's operation " + tool.definition().method() + " " + path + " (expected #"
          + expected + ")";
    }
    JsonNode node = document.at(pointer);
    if (node.isObject()) {
      return null;
    }
    JsonNode pathItem = document.at(pointer.substring(0, Math.max(0, pointer.lastIndexOf('/'))));
    if (pathItem.isObject() && pathItem.has("$ref")) {
      return null; // the path item lives in another file; the pointer names where the root document refers to it
    }
    return origin + ": no operation at this JSON pointer in " + origin.source();
  }

  private String trafficProblem(SourceRef ref) {
    CaptureSource source = sources.get(ref.source());
    if (source == null) {
      return "recorded call " + ref + " names a source toolpack.yaml does not list";
    }
    String hash = hashProblem(source);
    if (hash != null) {
      return hash;
    }
    boolean wellFormed = switch (source.kind()) {
      case HAR -> HAR_ENTRY.matcher(ref.locator()).matches();
      case OTEL -> OTEL_SPAN.matcher(ref.locator()).matches();
      case OPENAPI -> ref.locator().startsWith("/");
      case GRAPHQL -> false; // a schema types variables; no call is recorded in it
      case WEBMCP -> WEBMCP_TOOL.matcher(ref.locator()).matches() && document(source) != null
          && document(source).at(ref.locator()).isObject();
    };
    return wellFormed ? null : ref + " is not a " + source.kind().wireName() + " location";
  }

  /** Null when the file hashes to the recorded SHA-256 (checked once per file). */
  private String hashProblem(CaptureSource source) {
    return sourceProblems.computeIfAbsent(source.path(), path -> {
      Path file = project.resolve(path);
      if (!Files.isRegularFile(file)) {
        return source.path() + " is not in the project any more (the toolpack was compiled from it)";
      }
      try {
        String actual = CanonicalJson.sha256Hex(Files.readAllBytes(file));
        return actual.equals(source.sha256()) ? "" : source.path() + " changed since the toolpack was compiled (sha256:"
            + actual + ", compiled from sha256:" + source.sha256() + "): compile again";
      } catch (IOException e) {
        return source.path() + " cannot be read: " + e.getMessage();
      }
    }).transform(problem -> problem.isEmpty() ? null : problem);
  }

  private JsonNode document(CaptureSource source) {
    return documents.computeIfAbsent(source.path(), path -> {
      try {
        byte[] bytes = Files.readAllBytes(project.resolve(path));
        String lower = path.toLowerCase(Locale.ROOT);
        return (lower.endsWith(".json") ? CaskMappers.json() : CaskMappers.yaml()).readTree(bytes);
      } catch (IOException e) {
        return null;
      }
    });
  }

  private static ToolCheck failed(String tool, String detail) {
    return new ToolCheck(tool, CheckStatus.FAILED, detail, List.of());
  }
}
