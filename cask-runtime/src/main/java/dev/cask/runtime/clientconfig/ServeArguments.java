package dev.cask.runtime.clientconfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The arguments of {@code serve} that a client configuration carries: the one place that knows them, so a new
 * required option of {@code serve} is added here and reaches every client's file.
 *
 * @param toolpack the compiled toolpack (directory or zip)
 * @param lockfile {@code cask.lock.yaml}
 * @param signers {@code cask.signers.yaml}
 */
public record ServeArguments(Path toolpack, Path lockfile, Path signers) {
  public ServeArguments {
    toolpack = absolute(toolpack, "toolpack");
    lockfile = absolute(lockfile, "lockfile");
    signers = absolute(signers, "signers");
  }

  /** {@code serve --toolpack ABS --lockfile ABS --signers ABS}. */
  public List<String> toList() {
    List<String> args = new ArrayList<>();
    args.add("serve");
    args.add("--toolpack");
    args.add(toolpack.toString());
    args.add("--lockfile");
    args.add(lockfile.toString());
    args.add("--signers");
    args.add(signers.toString());
    return List.copyOf(args);
  }

  /** The HTTP form adds where to listen; the token comes from the environment of the server process. */
  public List<String> toHttpList(String hostPort) {
    List<String> args = new ArrayList<>(toList());
    args.add("--http");
    args.add(hostPort);
    return List.copyOf(args);
  }

  private static Path absolute(Path path, String what) {
    return Objects.requireNonNull(path, what).toAbsolutePath().normalize();
  }
}
