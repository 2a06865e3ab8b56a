package dev.cask.maven.diff;

import dev.cask.runtime.CaskException;
import dev.cask.runtime.json.CanonicalJson;
import dev.cask.runtime.json.CaskFiles;
import dev.cask.runtime.json.CaskMappers;
import dev.cask.runtime.model.capture.Capture;
import dev.cask.runtime.model.policy.Policy;
import dev.cask.runtime.model.toolpack.ToolSet;
import dev.cask.runtime.toolpack.ToolDigests;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Loads a toolpack to compare: a toolpack directory ({@code target/cask}), a {@code tools.json} file, or the
 * {@code toolpack} zip a build attached and published. Every tool digest is recomputed and must match: a baseline whose
 * definitions were edited by hand would let a changed tool pass for an unchanged one.
 */
public final class ToolpackFiles {
  /** Largest file read from a toolpack zip: a bound against zip bombs, far above any real toolpack. */
  static final long MAX_ENTRY_BYTES = 64L * 1024 * 1024;

  private static final Set<String> FILES = Set.of("tools.json", "policy.yaml", "capture.json");
  private static final String FIX = "point it at a toolpack directory (target/cask), a tools.json or a toolpack zip";

  private ToolpackFiles() {}

  /**
   * @param path the directory, tools.json or zip
   * @param label how messages and reports name it (a path relative to the project, or Maven coordinates)
   */
  public static ToolpackSnapshot load(Path path, String label) {
    Map<String, byte[]> files = new HashMap<>();
    String prefix = label + "/";
    if (Files.isDirectory(path)) {
      for (String name : FILES) {
        Path file = path.resolve(name);
        if (Files.isRegularFile(file)) {
          files.put(name, read(file, prefix + name));
        }
      }
    } else if (path.getFileName() != null && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
      files.putAll(unzip(path, label));
      prefix = label + "!/";
    } else {
      files.put("tools.json", read(path, label));
      prefix = null;
    }
    byte[] tools = files.get("tools.json");
    if (tools == null) {
      throw new CaskException(label, null, "contains no tools.json", FIX);
    }
    String toolsLabel = prefix == null ? label : prefix + "tools.json";
    ToolSet toolSet = CaskFiles.parse(CaskMappers.json(), tools, toolsLabel, ToolSet.class, "regenerate it with cask:compile");
    verifyDigests(toolSet, toolsLabel);
    Policy policy = null;
    String policyDigest = null;
    if (files.containsKey("policy.yaml")) {
      byte[] bytes = files.get("policy.yaml");
      policy = CaskFiles.parse(CaskMappers.yaml(), bytes, prefix + "policy.yaml", Policy.class, "fix the policy file");
      policyDigest = CanonicalJson.digest(policy); // what the lockfile pins: the parsed rules, not comments or layout
    }
    Capture capture = null;
    if (files.containsKey("capture.json")) {
      capture = CaskFiles.parse(CaskMappers.json(), files.get("capture.json"), prefix + "capture.json", Capture.class,
          "regenerate it with cask:compile");
    }
    return new ToolpackSnapshot(label, toolSet, policy, policyDigest, capture);
  }

  /** Each tool's digest must be the digest of its definition (the server's rule, {@link ToolDigests}). */
  public static void verifyDigests(ToolSet toolSet, String label) {
    List<String> wrong = ToolDigests.mismatched(toolSet);
    if (!wrong.isEmpty()) {
      String first = wrong.get(0);
      int index = toolSet.tools().stream().map(tool -> tool.name()).toList().indexOf(first);
      throw new CaskException(label, "/tools/" + index + " (" + first + ")",
          "the digest does not match the tool definition" + (wrong.size() > 1 ? " (nor do " + (wrong.size() - 1)
              + " more: " + wrong.subList(1, wrong.size()) + ")" : ""),
          "regenerate the toolpack with cask:compile; a tools.json edited by hand is not trusted");
    }
  }

  private static byte[] read(Path file, String label) {
    try {
      if (Files.size(file) > MAX_ENTRY_BYTES) {
        throw new CaskException(label, null, "is larger than " + MAX_ENTRY_BYTES + " bytes", FIX);
      }
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new CaskException(label, null, "file not found", FIX);
    } catch (IOException e) {
      throw new CaskException(label, null, "cannot be read: " + e.getMessage(), FIX, e);
    }
  }

  private static Map<String, byte[]> unzip(Path zip, String label) {
    Map<String, byte[]> files = new HashMap<>();
    try (InputStream in = Files.newInputStream(zip);
        ZipInputStream entries = new ZipInputStream(in)) {
      ZipEntry entry;
      while ((entry = entries.getNextEntry()) != null) {
        String name = entry.getName();
        if (entry.isDirectory() || !FILES.contains(name)) {
          continue; // only the known top-level files are read; nothing is extracted to disk
        }
        if (files.containsKey(name)) {
          throw new CaskException(label, name, "the zip contains " + name + " twice", "rebuild the toolpack artifact");
        }
        byte[] bytes = entries.readNBytes((int) MAX_ENTRY_BYTES + 1);
        if (bytes.length > MAX_ENTRY_BYTES) {
          throw new CaskException(label, name, "entry is larger than " + MAX_ENTRY_BYTES + " bytes", "rebuild the toolpack artifact");
        }
        files.put(name, bytes);
      }
    } catch (NoSuchFileException e) {
      throw new CaskException(label, null, "file not found", FIX);
    } catch (IOException e) {
      throw new CaskException(label, null, "is not a readable zip: " + e.getMessage(), FIX, e);
    }
    return files;
  }
}
