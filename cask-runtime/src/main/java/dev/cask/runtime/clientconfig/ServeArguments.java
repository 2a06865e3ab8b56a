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
 * @param trust the trust anchor {@code serve} is started with (it refuses to start without one), or null when there is
 *     none to give (no signers file yet)
 */
public record ServeArguments(Path toolpack, Path lockfile, Path signers, ConfigAnchor trust) {
  public ServeArguments {
    toolpack = absolute(toolpack, "toolpack");
    lockfile = absolute(lockfile, "lockfile");
    signers = absolute(signers, "signers");
  }

  /**
   * The arguments for a project: the operator's anchor when given ({@code source} names where: {@code --trust-anchor},
   * {@code -Dcask.trustAnchor}; a file named relative to {@code project}), else the signers version the project holds
   * now ({@link ConfigAnchor}).
   */
  public static ServeArguments forProject(
      Path project, Path toolpack, Path lockfile, Path signers, String source, String anchor) {
    Path absoluteSigners = absolute(signers, "signers");
    return new ServeArguments(toolpack, lockfile, absoluteSigners,
        ConfigAnchor.choose(source, anchor, absolute(project, "project"), absoluteSigners));
  }

  /** {@code serve --toolpack ABS --lockfile ABS --signers ABS --trust-anchor ANCHOR}. */
  public List<String> toList() {
    List<String> args = new ArrayList<>();
    args.add("serve");
    args.add("--toolpack");
    args.add(toolpack.toString());
    args.add("--lockfile");
    args.add(lockfile.toString());
    args.add("--signers");
    args.add(signers.toString());
    if (trust != null) {
      args.add("--trust-anchor");
      args.add(trust.value());
    }
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
