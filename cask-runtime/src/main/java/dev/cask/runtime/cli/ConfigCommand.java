package dev.cask.runtime.cli;

import dev.cask.runtime.clientconfig.ClientConfigurator;
import dev.cask.runtime.clientconfig.ClientKind;
import dev.cask.runtime.clientconfig.ConfigRequest;
import dev.cask.runtime.clientconfig.ServeArguments;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code config}: the MCP client configuration for this jar and a project's toolpack, printed (default) or merged into
 * the client's file ({@code --write}, with a backup). The work is {@link ClientConfigurator}'s, shared with
 * {@code mvn cask:config}.
 */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = {
      "Print (or --write) the MCP client configuration that starts this server on a project's verified toolpack:",
      "Claude Desktop, Claude Code (.mcp.json), Codex (config.toml), VS Code (.vscode/mcp.json), Cursor (.cursor/mcp.json)."
    })
final class ConfigCommand implements Callable<Integer> {
  private final CliContext context;

  @Mixin StackTraceOption stackTrace;

  @Option(names = "--client", paramLabel = "CLIENT", split = ",",
      description = "claude-desktop, claude-code, codex, vscode, cursor (repeatable; default: all when printing).")
  List<String> clients = new ArrayList<>();

  @Option(names = "--write", description = "Merge the server into the client's file (keeps everything else; FILE.bak keeps the old file).")
  boolean write;

  @Option(names = "--print", description = "Print the configuration (the default).")
  boolean print;

  @Option(names = "--file", paramLabel = "FILE", description = "The file to write instead of the client's usual one.")
  Path file;

  @Mixin ProjectFilesOptions files;

  @Option(names = "--trust-anchor", paramLabel = "ANCHOR|FILE",
      description = {"The trust anchor the client's server starts with (serve --trust-anchor): the signers version you "
          + "reviewed (sha256:<digest>), key fingerprints, or a file holding them. Default: the signers version the "
          + "project holds now, pinned and said so (trust on first use)."})
  String trustAnchor;

  @Option(names = "--name", paramLabel = "NAME", description = "The server's name in the client (default: cask).")
  String name;

  @Option(names = "--http", paramLabel = "URL",
      description = "Configure a running 'serve --http' instead of stdio, e.g. http://127.0.0.1:8765/mcp.")
  String http;

  @Option(names = "--token-env", paramLabel = "VAR",
      description = "HTTP: the environment variable holding the bearer token on the client's side (default: CASK_HTTP_TOKEN).")
  String tokenEnv;

  @Option(names = "--no-launcher", description = "Start 'java -jar' directly instead of the launcher beside the jar.")
  boolean noLauncher;

  ConfigCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (write && print) {
      throw new CliFailure(ExitCodes.USAGE, "--write and --print exclude each other", null);
    }
    if (write && clients.size() != 1) {
      throw new CliFailure(ExitCodes.USAGE, "--write needs exactly one --client", null);
    }
    if (http != null && trustAnchor != null) {
      throw new CliFailure(ExitCodes.USAGE, "--trust-anchor is for the server a client starts (stdio); a running 'serve"
          + " --http' was started with its own anchor", null);
    }
    List<ClientKind> kinds = clients.stream().map(ClientKind::parse).toList();
    Path jar = ownJar();
    if (jar == null && http == null) {
      throw new CliFailure(ExitCodes.USAGE, "config runs from cask-runtime.jar (java -jar cask-runtime.jar config)", null);
    }
    Path dir = files.projectDirectory();
    Path toolpackPath = files.toolpack();
    Path lockfilePath = files.lockfile();
    Path signersPath = files.signers();
    // A running server (--http) was started with its own anchor; only a server the client starts needs one here.
    ServeArguments serve = http != null ? new ServeArguments(toolpackPath, lockfilePath, signersPath, null)
        : ServeArguments.forProject(dir, toolpackPath, lockfilePath, signersPath, "--trust-anchor", trustAnchor);
    Path launcher = noLauncher || jar == null ? null : jar.resolveSibling("cask-runtime");
    ConfigRequest request = new ConfigRequest(kinds, name, serve, Path.of(System.getProperty("java.home"), "bin", "java"),
        jar, launcher, http, tokenEnv, write, file, dir, Path.of(System.getProperty("user.home")), context.env(),
        System.getProperty("os.name", ""));
    PrintStream err = context.stderr();
    ClientConfigurator.run(request, this::println, line -> err.println("cask-runtime: warning: " + line));
    return ExitCodes.OK;
  }

  private void println(String line) {
    try {
      context.stdout().write((line + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The jar this command runs from (the server the client will start), or null outside a jar. */
  private static Path ownJar() {
    try {
      Path location = Path.of(ConfigCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return location.toString().endsWith(".jar") ? location.toAbsolutePath().normalize() : null;
    } catch (URISyntaxException | SecurityException e) {
      return null;
    }
  }
}
