package dev.cask.maven.gate;

import dev.cask.runtime.CaskException;
import dev.cask.runtime.verification.FileSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Reads a file as it is at a git ref ({@code git show REF:./path}, run in the project directory), for baselines. The
 * ref is passed as one argument (never through a shell) and must look like a ref, so a hostile property cannot inject
 * options.
 */
public final class GitFiles {
  private GitFiles() {}

  /** The file at {@code ref}; a source without bytes when the ref exists but the file did not exist there. */
  public static FileSource show(Path workdir, String ref, Path file) {
    if (!looksLikeRef(ref)) {
      throw new CaskException("-Dcask.baselineRef", null, "'" + ref + "' does not look like a git ref", "use a branch, tag or commit, e.g. origin/main");
    }
    Path relative = workdir.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize());
    String spec = ref + ":./" + relative.toString().replace('\\', '/');
    String display = spec;
    Optional<String> unreadable = unreadable(workdir, ref);
    if (unreadable.isPresent()) {
      throw new CaskException("-Dcask.baselineRef", null, unreadable.get(),
          "fetch it first (git fetch origin) or name an existing branch, tag or commit");
    }
    Result shown = run(workdir, List.of("git", "show", spec));
    if (shown.code == 0) {
      return FileSource.of(display, shown.out);
    }
    String err = new String(shown.err, StandardCharsets.UTF_8);
    if (err.contains("does not exist") || err.contains("exists on disk, but not in")) {
      return FileSource.missing(display);
    }
    throw new CaskException("-Dcask.baselineRef", null, "git show " + spec + " failed" + stderr(shown), "check the ref and that the project is a git work tree");
  }

  /**
   * Whether {@code ref} can be given to git as one argument: ref characters only, no leading dash (an option), no
   * {@code ..} (a range).
   */
  public static boolean looksLikeRef(String ref) {
    return ref.matches("[A-Za-z0-9][A-Za-z0-9._/@{}^~-]{0,199}") && !ref.contains("..");
  }

  /** Empty when git can read the commit {@code ref} names in {@code workdir}; otherwise why not. */
  public static Optional<String> unreadable(Path workdir, String ref) {
    if (!looksLikeRef(ref)) {
      return Optional.of("'" + ref + "' does not look like a git ref");
    }
    Result exists = run(workdir, List.of("git", "rev-parse", "--verify", "--quiet", ref + "^{commit}"));
    return exists.code == 0 ? Optional.empty() : Optional.of("git does not know the ref '" + ref + "'" + stderr(exists));
  }

  private static String stderr(Result result) {
    String text = new String(result.err, StandardCharsets.UTF_8).strip();
    return text.isEmpty() ? "" : " (" + text.lines().findFirst().orElse("") + ")";
  }

  private record Result(int code, byte[] out, byte[] err) {}

  private static Result run(Path workdir, List<String> command) {
    try {
      Process process = new ProcessBuilder(command).directory(workdir.toFile()).start();
      process.getOutputStream().close();
      CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
      byte[] out = readAll(process.getInputStream());
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new CaskException("-Dcask.baselineRef", null, "git did not answer within 60 s", "check the repository");
      }
      return new Result(process.exitValue(), out, err.join());
    } catch (IOException e) {
      throw new CaskException("-Dcask.baselineRef", null, "git cannot be run (" + e.getMessage() + ")",
          "install git, or give the baseline files with -Dcask.baselineSigners and -Dcask.baselineLockfile");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running git", e);
    }
  }

  private static byte[] readAll(InputStream in) {
    try (in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toByteArray();
    } catch (IOException e) {
      return new byte[0];
    }
  }
}
