package dev.cask.runtime.toolpack;

import dev.cask.runtime.CaskException;
import dev.cask.runtime.json.CanonicalJson;
import dev.cask.runtime.json.CaskFiles;
import dev.cask.runtime.json.CaskMappers;
import dev.cask.runtime.model.OperationKey;
import dev.cask.runtime.model.lockfile.Names;
import dev.cask.runtime.model.policy.Policy;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.model.toolpack.ToolSet;
import dev.cask.runtime.model.toolpack.ToolpackManifest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads a compiled toolpack from a directory or a zip and checks its integrity: strict parsing of every file, each
 * file's SHA-256 equal to the manifest's, each tool's digest recomputed from its definition with
 * {@link CanonicalJson#digest}, unique tool names and operations, counts and hosts consistent with the manifest.
 * The gate, the runtime server and diff all load toolpacks through this class.
 *
 * <p>A zip is read through its central directory ({@link ZipFile}) and must hold exactly the manifest and the files it
 * lists: duplicate, nested, unlisted or oversized entries are refused, so two tools reading the same zip cannot see two
 * different toolpacks.
 */
public final class ToolpackLoader {
  /** The largest file accepted (GitHub's capture.json is about 40 MiB). */
  static final long MAX_FILE_BYTES = 256L * 1024 * 1024;

  private static final String FIX = "compile the toolpack again (mvn cask:compile) and do not edit files under target/cask";

  private ToolpackLoader() {}

  public static LoadedToolpack load(Path source) {
    if (Files.isDirectory(source)) {
      return fromFiles(source.toString(), directoryFiles(source));
    }
    if (Files.isRegularFile(source)) {
      return fromFiles(source.toString(), zipFiles(source));
    }
    throw new CaskException(source.toString(), null, "no toolpack here (neither a directory nor a zip)",
        "run mvn cask:compile first, or point to the toolpack directory or zip");
  }

  private static LoadedToolpack fromFiles(String source, Source files) {
    String manifestName = files.display(ToolpackFiles.MANIFEST);
    byte[] manifestBytes = files.require(ToolpackFiles.MANIFEST);
    ToolpackManifest manifest = CaskFiles.parse(CaskMappers.yaml(), manifestBytes, manifestName, ToolpackManifest.class, FIX);
    checkListedFiles(manifest, manifestName);
    dev.cask.runtime.StartupTimings.mark("manifest");
    Map<String, byte[]> contents = new HashMap<>();
    Map<String, CompletableFuture<String>> digests = new LinkedHashMap<>();
    for (String file : manifest.files().keySet()) {
      byte[] bytes = files.require(file);
      contents.put(file, bytes);
      // Hashing a file (13 MB for GitHub's tools.json) runs on another core while this one parses it.
      digests.put(file, CompletableFuture.supplyAsync(() -> CanonicalJson.digestBytes(bytes)));
    }
    files.checkNoOthers(manifest.files().keySet());

    String toolsName = files.display(ToolpackFiles.TOOLS);
    ToolSet tools = null;
    CaskException unreadable = null;
    try {
      tools = CaskFiles.parse(CaskMappers.json(), contents.get(ToolpackFiles.TOOLS), toolsName, ToolSet.class, FIX);
    } catch (CaskException e) {
      unreadable = e;
    }
    dev.cask.runtime.StartupTimings.mark("tools.json");
    // A file that is not the one the manifest pins is reported as such, before anything read from it.
    for (Map.Entry<String, CompletableFuture<String>> digest : digests.entrySet()) {
      String actual = digest.getValue().join();
      String pinned = manifest.files().get(digest.getKey());
      if (!actual.equals(pinned)) {
        throw new CaskException(files.display(digest.getKey()), null,
            "does not match the manifest (" + ToolpackFiles.MANIFEST + " pins " + pinned + ", the file is " + actual + ")",
            FIX);
      }
    }
    if (unreadable != null) {
      throw unreadable;
    }
    dev.cask.runtime.StartupTimings.mark("file-digests");
    Map<OperationKey, Tool> byOperation = checkTools(manifest, tools, toolsName);
    dev.cask.runtime.StartupTimings.mark("tool-digests");
    String policyName = files.display(ToolpackFiles.POLICY);
    Policy policy = CaskFiles.parse(CaskMappers.yaml(), contents.get(ToolpackFiles.POLICY), policyName, Policy.class,
        "fix the policy (src/main/cask/policy.yaml) and compile again");
    return new LoadedToolpack(source, manifest, tools, policy, CanonicalJson.digest(policy), byOperation);
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

  /** Checks the tools against the manifest and each other; returns them by operation. */
  private static Map<OperationKey, Tool> checkTools(ToolpackManifest manifest, ToolSet tools, String toolsName) {
    if (!tools.toolpack().equals(manifest.name())) {
      throw new CaskException(toolsName, "toolpack",
          "belongs to toolpack '" + tools.toolpack() + "' but the manifest names '" + manifest.name() + "'", FIX);
    }
    if (tools.tools().size() != manifest.tools()) {
      throw new CaskException(toolsName, null,
          "has " + tools.tools().size() + " tools but the manifest counts " + manifest.tools(), FIX);
    }
    Map<String, String> names = new HashMap<>();
    Map<String, String> operations = new HashMap<>();
    Map<OperationKey, Tool> byOperation = new HashMap<>();
    TreeMap<String, Integer> tiers = new TreeMap<>();
    manifest.riskTiers().keySet().forEach(tier -> tiers.put(tier, 0));
    Set<String> hosts = new TreeSet<>();
    List<String> wrongDigests = new ArrayList<>();
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
      tiers.merge(tool.definition().risk().tier().wireName(), 1, Integer::sum);
      hosts.add(tool.definition().host());
    }
    // The costly part of loading (canonical JSON of every definition): spread over the cores.
    wrongDigests.addAll(ToolDigests.mismatched(tools));
    if (!wrongDigests.isEmpty()) {
      throw new CaskException(toolsName, null,
          wrongDigests.size() + " tool digest(s) do not match their definitions: " + wrongDigests, FIX);
    }
    if (!tiers.equals(new TreeMap<>(manifest.riskTiers()))) {
      throw new CaskException(toolsName, null,
          "risk tiers " + tiers + " disagree with the manifest's " + manifest.riskTiers(), FIX);
    }
    if (!List.copyOf(hosts).equals(manifest.hosts())) {
      throw new CaskException(toolsName, null, "hosts " + hosts + " disagree with the manifest's " + manifest.hosts(), FIX);
    }
    return byOperation;
  }

  private static Source directoryFiles(Path directory) {
    return new Source() {
      @Override
      String display(String name) {
        return directory.resolve(name).toString();
      }

      @Override
      byte[] require(String name) {
        Path file = directory.resolve(name);
        try {
          if (Files.size(file) > MAX_FILE_BYTES) {
            throw new CaskException(display(name), null, "is larger than " + MAX_FILE_BYTES + " bytes", FIX);
          }
          return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
          throw new CaskException(display(name), null, "file not found", FIX);
        } catch (IOException e) {
          throw new CaskException(display(name), null, "cannot be read: " + e.getMessage(), FIX);
        }
      }

      @Override
      void checkNoOthers(Set<String> listed) {
        // A directory (target/cask) also holds reports and other goals' output: only the listed files count.
      }
    };
  }

  private static Source zipFiles(Path zip) {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipFile file = new ZipFile(zip.toFile())) {
      Enumeration<? extends ZipEntry> all = file.entries();
      while (all.hasMoreElements()) {
        ZipEntry entry = all.nextElement();
        String name = entry.getName();
        if (entry.isDirectory() || !(name.equals(ToolpackFiles.MANIFEST) || ToolpackFiles.LISTED.contains(name))) {
          throw new CaskException(zip.toString(), "entry '" + name + "'",
              "is not a toolpack file (a toolpack zip holds only " + ToolpackFiles.MANIFEST + " and the files it lists)", FIX);
        }
        if (entries.containsKey(name)) {
          throw new CaskException(zip.toString(), "entry '" + name + "'", "appears twice", FIX);
        }
        try (InputStream in = file.getInputStream(entry)) {
          entries.put(name, readLimited(in, zip + "!" + name));
        }
      }
    } catch (ZipException e) {
      throw new CaskException(zip.toString(), null, "is not a readable zip: " + e.getMessage(), FIX);
    } catch (IOException e) {
      throw new CaskException(zip.toString(), null, "cannot be read: " + e.getMessage(), FIX);
    }
    return new Source() {
      @Override
      String display(String name) {
        return zip + "!" + name;
      }

      @Override
      byte[] require(String name) {
        byte[] bytes = entries.get(name);
        if (bytes == null) {
          throw new CaskException(display(name), null, "entry not found", FIX);
        }
        return bytes;
      }

      @Override
      void checkNoOthers(Set<String> listed) {
        for (String name : entries.keySet()) {
          if (!name.equals(ToolpackFiles.MANIFEST) && !listed.contains(name)) {
            throw new CaskException(display(name), null, "is not pinned by the manifest", FIX);
          }
        }
      }
    };
  }

  private static byte[] readLimited(InputStream in, String display) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[65536];
    long total = 0;
    for (int n; (n = in.read(buffer)) > 0; ) {
      total += n;
      if (total > MAX_FILE_BYTES) {
        throw new CaskException(display, null, "is larger than " + MAX_FILE_BYTES + " bytes uncompressed", FIX);
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  /** The files of one toolpack source. */
  private abstract static class Source {
    abstract String display(String name);

    abstract byte[] require(String name);

    abstract void checkNoOthers(Set<String> listed);
  }
}
