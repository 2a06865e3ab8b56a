package dev.cask.runtime.toolpack;

import dev.cask.runtime.CaskException;
import dev.cask.runtime.json.CanonicalJson;
import dev.cask.runtime.json.CaskFiles;
import dev.cask.runtime.json.CaskMappers;
import dev.cask.runtime.model.OperationKey;
import dev.cask.runtime.model.capture.Capture;
import dev.cask.runtime.model.lockfile.Names;
import dev.cask.runtime.model.policy.Policy;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.model.toolpack.ToolSet;
import dev.cask.runtime.model.toolpack.ToolpackManifest;
import dev.cask.runtime.model.toolpack.Toolsets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * The one reader of compiled toolpacks, for the gate, the runtime server, diff and drift: reads a toolpack directory or
 * zip ({@link ToolpackSource} holds the rules on files and zips) and checks its integrity: strict parsing of every
 * file, each file's SHA-256 equal to the manifest's, each tool's digest recomputed from its definition with
 * {@link CanonicalJson#digest}, unique tool names and operations, counts and hosts consistent with the manifest.
 * A lone {@code tools.json} (a diff baseline) gets the same checks of its tools.
 */
public final class ToolpackLoader {
  private static final String FIX = "compile the toolpack again (mvn cask:compile) and do not edit files under target/cask";

  private ToolpackLoader() {}

  /** The toolpack the gate verifies and the server serves; messages name it by {@code source}. */
  public static LoadedToolpack load(Path source) {
    return load(source, source.toString(), false);
  }

  /**
   * The same toolpack with its {@code capture.json} parsed too (what diff and drift compare: the origins and shapes of
   * each operation).
   *
   * @param label how messages name it: a path relative to the project, or Maven coordinates
   */
  public static LoadedToolpack loadWithCapture(Path source, String label) {
    return load(source, label, true);
  }

  /**
   * A lone {@code tools.json} (a diff baseline without the rest of its toolpack): parsed strictly, names and
   * operations unique, every tool's digest recomputed from its definition.
   */
  public static ToolSet loadToolSet(Path toolsJson, String label) {
    byte[] bytes = ToolpackSource.readFile(toolsJson, label, FIX, false, ToolpackSource.MAX_FILE_BYTES);
    ToolSet tools = CaskFiles.parse(CaskMappers.json(), bytes, label, ToolSet.class, FIX);
    checkToolSet(tools, label);
    return tools;
  }

  /** How a toolpack names itself before it is verified: checked by the name rules, nothing else of it. */
  public record Announced(String name, String version) {}

  private static final Pattern ANNOUNCED_VERSION = Pattern.compile("[A-Za-z0-9._+-]{1,64}");

  /**
   * The name and version a toolpack directory's manifest states, read before verification so that a server can
   * introduce itself ({@code initialize}) while it verifies; empty when the manifest cannot be read, is a zip (it would
   * be read twice), or the name or version breaks the name rules (then the server introduces itself only once
   * verified). Nothing else is read; {@link #load} checks everything, and the server refuses to serve when the
   * verified name or version is not the announced one.
   */
  public static Optional<Announced> announced(Path source) {
    if (!Files.isDirectory(source)) {
      return Optional.empty();
    }
    try {
      ToolpackSource files = ToolpackSource.open(source, source.toString(), FIX);
      ToolpackManifest manifest = CaskFiles.parse(CaskMappers.yaml(), files.require(ToolpackFiles.MANIFEST, FIX),
          files.display(ToolpackFiles.MANIFEST), ToolpackManifest.class, FIX);
      if (!Names.TOOLPACK.matcher(manifest.name()).matches()
          || !ANNOUNCED_VERSION.matcher(manifest.version()).matches()) {
        return Optional.empty();
      }
      return Optional.of(new Announced(manifest.name(), manifest.version()));
    } catch (RuntimeException e) {
      return Optional.empty(); // load reports whatever is wrong, with everything else that is
    }
  }

  private static LoadedToolpack load(Path source, String label, boolean withCapture) {
    ToolpackSource files = ToolpackSource.open(source, label, FIX);
    String manifestName = files.display(ToolpackFiles.MANIFEST);
    byte[] manifestBytes = files.require(ToolpackFiles.MANIFEST, FIX);
    ToolpackManifest manifest = CaskFiles.parse(CaskMappers.yaml(), manifestBytes, manifestName, ToolpackManifest.class, FIX);
    checkListedFiles(manifest, manifestName);
    dev.cask.runtime.StartupTimings.mark("manifest");
    // tools.json (18 MB for GitHub's API) is parsed as it is read and hashed on another core meanwhile, and a
    // capture.json this load does not parse is only hashed: neither is ever held whole (HashedStream). The small files
    // are read as bytes and hashed on another core while tools.json is parsed.
    Map<String, byte[]> contents = new HashMap<>();
    Map<String, HashedStream> streams = new HashMap<>();
    Map<String, CompletableFuture<String>> digests = new LinkedHashMap<>();
    String toolsName = files.display(ToolpackFiles.TOOLS);
    ToolSet tools = null;
    CaskException unreadable = null;
    try {
      read(files, manifest, withCapture, contents, streams, digests);
      try {
        tools = CaskFiles.parse(CaskMappers.json(), streams.get(ToolpackFiles.TOOLS), toolsName, ToolSet.class, FIX,
            () -> bytesForMessage(files, ToolpackFiles.TOOLS));
      } catch (CaskException e) {
        unreadable = e;
      } catch (UncheckedIOException e) {
        unreadable = new CaskException(toolsName, null, "cannot be read: " + e.getCause().getMessage(), FIX, e);
      }
      for (Map.Entry<String, HashedStream> stream : streams.entrySet()) {
        digests.put(stream.getKey(),
            CompletableFuture.completedFuture(digestOf(stream.getValue(), files, stream.getKey())));
      }
    } finally {
      streams.values().forEach(HashedStream::release); // read or not, no file stays open (a no-op once digested)
    }
    dev.cask.runtime.StartupTimings.mark("tools.json");
    // A file that is not the one the manifest pins is reported as such, before anything read from it.
    for (String file : manifest.files().keySet()) {
      String actual = digests.get(file).join();
      String pinned = manifest.files().get(file);
      if (!actual.equals(pinned)) {
        throw new CaskException(files.display(file), null,
            "does not match the manifest (" + ToolpackFiles.MANIFEST + " pins " + pinned + ", the file is " + actual + ")",
            FIX);
      }
    }
    if (unreadable != null) {
      throw unreadable;
    }
    dev.cask.runtime.StartupTimings.mark("file-digests");
    checkAgainstManifest(manifest, tools, toolsName);
    Map<OperationKey, Tool> byOperation = checkToolSet(tools, toolsName);
    checkSummary(manifest, tools, toolsName);
    dev.cask.runtime.StartupTimings.mark("tool-digests");
    String policyName = files.display(ToolpackFiles.POLICY);
    Policy policy = CaskFiles.parse(CaskMappers.yaml(), contents.get(ToolpackFiles.POLICY), policyName, Policy.class,
        "fix the policy (src/main/cask/policy.yaml) and compile again");
    Capture capture = withCapture && contents.containsKey(ToolpackFiles.CAPTURE)
        ? CaskFiles.parse(CaskMappers.json(), contents.get(ToolpackFiles.CAPTURE), files.display(ToolpackFiles.CAPTURE),
            Capture.class, FIX)
        : null;
    Toolsets toolsets = contents.containsKey(ToolpackFiles.TOOLSETS)
        ? readToolsets(contents.get(ToolpackFiles.TOOLSETS), files.display(ToolpackFiles.TOOLSETS), tools)
        : null;
    return new LoadedToolpack(label, manifest, tools, policy, CanonicalJson.digest(policy), byOperation, capture,
        toolsets, toolsets == null ? null : CanonicalJson.digest(toolsets));
  }

  /**
   * Opens every file the manifest lists, in its order (a missing one is an error naming it): tools.json, and a
   * capture.json this load does not parse, as streams hashed while read; the rest as bytes hashed on another core.
   */
  private static void read(ToolpackSource files, ToolpackManifest manifest, boolean withCapture,
      Map<String, byte[]> contents, Map<String, HashedStream> streams, Map<String, CompletableFuture<String>> digests) {
    for (String file : manifest.files().keySet()) {
      if (file.equals(ToolpackFiles.TOOLS) || (file.equals(ToolpackFiles.CAPTURE) && !withCapture)) {
        streams.put(file, files.stream(file, FIX));
        continue;
      }
      byte[] bytes = files.require(file, FIX);
      contents.put(file, bytes);
      digests.put(file, CompletableFuture.supplyAsync(() -> CanonicalJson.digestBytes(bytes)));
    }
    files.checkNoOthers(manifest.files().keySet(), FIX);
  }

  /** The digest of a streamed file, once all of it is read. */
  private static String digestOf(HashedStream stream, ToolpackSource files, String file) {
    try {
      return stream.digest();
    } catch (IOException e) {
      throw new CaskException(files.display(file), null, "cannot be read: " + e.getMessage(), FIX, e);
    }
  }

  /** A streamed file's bytes, read again only to name the line of an error in it (empty if it is gone by now). */
  private static byte[] bytesForMessage(ToolpackSource files, String file) {
    try {
      byte[] bytes = files.optional(file, FIX);
      return bytes == null ? new byte[0] : bytes;
    } catch (CaskException e) {
      return new byte[0];
    }
  }

  /** {@code toolsets.yaml}, strictly parsed; every tool it names must be a tool of this toolpack. */
  private static Toolsets readToolsets(byte[] bytes, String name, ToolSet tools) {
    Toolsets toolsets = CaskFiles.parse(CaskMappers.yaml(), bytes, name, Toolsets.class, FIX);
    Set<String> known = new java.util.HashSet<>();
    tools.tools().forEach(tool -> known.add(tool.name()));
    toolsets.toolsets().forEach((set, toolset) -> {
      for (String tool : toolset.tools()) {
        if (!known.contains(tool)) {
          throw new CaskException(name, "toolsets." + set, "names tool '" + tool + "', which the toolpack does not have", FIX);
        }
      }
    });
    return toolsets;
  }

  private static void checkListedFiles(ToolpackManifest manifest, String manifestName) {
    for (String file : manifest.files().keySet()) {
      if (!ToolpackFiles.LISTED.contains(file)) {
        throw new CaskException(manifestName, "files." + file, "lists an unknown file (known: " + new TreeSet<>(ToolpackFiles.LISTED) + ")", FIX);
      }
    }
    for (String file : ToolpackFiles.REQUIRED) {
      if (!manifest.files().containsKey(file)) {
        throw new CaskException(manifestName, "files", "does not pin " + file, FIX);
      }
    }
  }

  private static void checkAgainstManifest(ToolpackManifest manifest, ToolSet tools, String toolsName) {
    if (!tools.toolpack().equals(manifest.name())) {
      throw new CaskException(toolsName, "toolpack",
          "belongs to toolpack '" + tools.toolpack() + "' but the manifest names '" + manifest.name() + "'", FIX);
    }
    if (tools.tools().size() != manifest.tools()) {
      throw new CaskException(toolsName, null,
          "has " + tools.tools().size() + " tools but the manifest counts " + manifest.tools(), FIX);
    }
  }

  /** Checks the tools against each other and their digests; returns them by operation. */
  private static Map<OperationKey, Tool> checkToolSet(ToolSet tools, String toolsName) {
    Map<String, String> names = new HashMap<>();
    Map<String, String> operations = new HashMap<>();
    Map<OperationKey, Tool> byOperation = new HashMap<>();
    for (Tool tool : tools.tools()) {
      String name = tool.name();
      try {
        Names.tool(name);
      } catch (IllegalArgumentException e) {
        throw new CaskException(toolsName, "tool '" + name + "'", e.getMessage(), FIX);
      }
      if (names.put(name, name) != null) {
        throw new CaskException(toolsName, "tool '" + name + "'", "the name is used twice", FIX);
      }
      OperationKey operation;
      try {
        operation = tool.definition().operation();
      } catch (IllegalArgumentException e) {
        throw new CaskException(toolsName, "tool '" + name + "'", "has no valid upstream operation: " + e.getMessage(), FIX);
      }
      String other = operations.put(operation.id(), name);
      byOperation.put(operation, tool);
      if (other != null) {
        throw new CaskException(toolsName, "tool '" + name + "'",
            "calls the same operation as tool '" + other + "' (" + operation.id() + ")", FIX);
      }
    }
    // The costly part of loading (canonical JSON of every definition): spread over the cores.
    List<String> wrongDigests = ToolDigests.mismatched(tools);
    if (!wrongDigests.isEmpty()) {
      throw new CaskException(toolsName, null,
          wrongDigests.size() + " tool digest(s) do not match their definitions: " + wrongDigests, FIX);
    }
    return byOperation;
  }

  /** The manifest's risk-tier counts and hosts must be the tools' own. */
  private static void checkSummary(ToolpackManifest manifest, ToolSet tools, String toolsName) {
    TreeMap<String, Integer> tiers = new TreeMap<>();
    manifest.riskTiers().keySet().forEach(tier -> tiers.put(tier, 0));
    Set<String> hosts = new TreeSet<>();
    for (Tool tool : tools.tools()) {
      tiers.merge(tool.definition().risk().tier().wireName(), 1, Integer::sum);
      hosts.add(tool.definition().host());
    }
    if (!tiers.equals(new TreeMap<>(manifest.riskTiers()))) {
      throw new CaskException(toolsName, null,
          "risk tiers " + tiers + " disagree with the manifest's " + manifest.riskTiers(), FIX);
    }
    if (!List.copyOf(hosts).equals(manifest.hosts())) {
      throw new CaskException(toolsName, null, "hosts " + hosts + " disagree with the manifest's " + manifest.hosts(), FIX);
    }
  }
}
