package dev.cask.maven.mojo;

import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.clientconfig.ClientConfigurator;
import dev.cask.runtime.clientconfig.ClientKind;
import dev.cask.runtime.clientconfig.ConfigRequest;
import dev.cask.runtime.clientconfig.ServeArguments;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Prints, or writes ({@code -Dcask.write=true}), the MCP client configuration that starts the governed server on this
 * project's toolpack: the same code as {@code java -jar cask-runtime.jar config}. The server is started with
 * {@code -Dcask.trustAnchor} when given (a user property: a pom cannot set it), else pinned to the signers version the
 * project holds now, which the goal says loudly.
 */
@Mojo(name = "config", threadSafe = false)
public class ConfigMojo extends AbstractGateMojo {
  /** Clients: claude-desktop, claude-code, codex, vscode, cursor (comma-separated; default all when printing). */
  @Parameter(property = "cask.client")
  protected List<String> client;

  /** Merge the server into the client's file (keeps everything else; FILE.bak keeps the old file). */
  @Parameter(property = "cask.write", defaultValue = "false")
  protected boolean write;

  /** The file to write instead of the client's usual one. */
  @Parameter(property = "cask.configFile")
  protected File configFile;

  /** The executable cask-runtime.jar the client starts (the launcher beside it is used when present). */
  @Parameter(property = "cask.runtimeJar")
  protected File runtimeJar;

  /** Start 'java -jar' directly instead of the launcher beside the jar. */
  @Parameter(property = "cask.noLauncher", defaultValue = "false")
  protected boolean noLauncher;

  /** The server's name in the client. */
  @Parameter(property = "cask.serverName", defaultValue = "cask")
  protected String serverName;

  /** Configure a running 'serve --http' at this URL instead of stdio. */
  @Parameter(property = "cask.http")
  protected String http;

  /** HTTP: the environment variable that holds the bearer token on the client's side. */
  @Parameter(property = "cask.tokenEnv", defaultValue = "CASK_HTTP_TOKEN")
  protected String tokenEnv;

  @Override
  protected String goal() {
    return "config";
  }

  @Override
  protected void run(BuildLog log) {
    List<ClientKind> clients = client == null ? List.of() : client.stream().map(String::trim).filter(s -> !s.isEmpty())
        .map(ClientKind::parse).toList();
    if (write && clients.size() != 1) {
      throw new CaskException("-Dcask.client", null, "names " + clients.size() + " clients, but -Dcask.write=true writes one",
          "name one client, e.g. -Dcask.client=claude-code");
    }
    if (http == null && runtimeJar == null) {
      throw new CaskException("-Dcask.runtimeJar", null, "is not set: the client needs the path of cask-runtime.jar to start",
          "give it (-Dcask.runtimeJar=/path/cask-runtime.jar), or run java -jar cask-runtime.jar config in this directory");
    }
    String anchor = trustAnchorProperty();
    if (http != null && anchor != null) {
      throw new CaskException("-D" + TRUST_ANCHOR_PROPERTY, null, "is for the server a client starts (stdio); a running "
          + "'serve --http' was started with its own anchor", "drop -D" + TRUST_ANCHOR_PROPERTY + " or -Dcask.http");
    }
    Path jar = runtimeJar == null ? null : runtimeJar.toPath().toAbsolutePath().normalize();
    Path toolpackPath = toolpack != null ? toolpack.toPath() : outputPath();
    // A running server (-Dcask.http) was started with its own anchor; only a server the client starts needs one here.
    ServeArguments serve = http != null
        ? new ServeArguments(toolpackPath, lockfile.toPath(), signersFile.toPath(), null)
        : ServeArguments.forProject(basedir(), toolpackPath, lockfile.toPath(), signersFile.toPath(),
            "-D" + TRUST_ANCHOR_PROPERTY, anchor);
    ConfigRequest request = new ConfigRequest(clients, serverName, serve,
        Path.of(System.getProperty("java.home"), "bin", "java"), jar,
        noLauncher || jar == null ? null : jar.resolveSibling("cask-runtime"), http, tokenEnv, write,
        configFile == null ? null : configFile.toPath(), basedir(), Path.of(System.getProperty("user.home")),
        System.getenv(), System.getProperty("os.name", ""));
    ClientConfigurator.run(request, write ? log::info : System.out::println, log::warn);
  }
}
