package dev.cask.runtime.clientconfig;

import dev.cask.runtime.CaskException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to configure: for which clients, under which server name, which server (stdio: the JVM and the jar, or the
 * launcher beside it; or a Streamable HTTP URL), and whether to print or to write.
 *
 * @param clients the clients, in order
 * @param name the server's name in each client
 * @param serve the toolpack, lockfile and signers the server verifies
 * @param java the JVM to start the jar with
 * @param jar {@code cask-runtime.jar}
 * @param launcher the launcher with the recommended start-up flags, or null to start the jar directly
 * @param httpUrl the URL of a running {@code serve --http}, or null for stdio
 * @param tokenEnv the environment variable that holds the bearer token (HTTP)
 * @param write write the files (else print them)
 * @param file the file to write instead of the client's default (one client only), or null
 * @param project the project directory (project-scoped files live there)
 * @param home the user's home directory
 * @param env the environment ({@code CODEX_HOME}, {@code APPDATA})
 * @param osName {@code os.name}
 */
public record ConfigRequest(
    List<ClientKind> clients, String name, ServeArguments serve, Path java, Path jar, Path launcher, String httpUrl,
    String tokenEnv, boolean write, Path file, Path project, Path home, Map<String, String> env, String osName) {
  public ConfigRequest {
    clients = List.copyOf(clients.isEmpty() ? List.of(ClientKind.values()) : clients);
    name = name == null || name.isBlank() ? "cask" : name.trim();
    if (!ClientConfigs.validName(name)) {
      throw new CaskException("server name '" + name + "'", null, "is not 1-64 letters, digits, '_' or '-'",
          "choose a name such as cask or bookshop");
    }
    Objects.requireNonNull(serve, "serve");
    Objects.requireNonNull(project, "project");
    env = Map.copyOf(env);
    if (file != null && clients.size() != 1) {
      throw new CaskException("--file", null, "names one file but " + clients.size() + " clients are selected",
          "name one client with --client");
    }
  }

  /** The entry every client gets. */
  public ServerEntry entry() {
    if (httpUrl != null) {
      return ServerEntry.http(httpUrl, tokenEnv);
    }
    Objects.requireNonNull(jar, "jar");
    if (!Files.isRegularFile(jar)) {
      throw new CaskException(jar.toString(), null, "does not exist", "give the path of cask-runtime.jar");
    }
    if (launcher != null && Files.isRegularFile(launcher)) {
      return ServerEntry.launcher(Path.of("/bin/sh"), launcher, java.getParent().getParent(), serve);
    }
    return ServerEntry.jar(java, jar, serve);
  }

  /** The file written for {@code client}. */
  public Path fileOf(ClientKind client) {
    return (file != null ? file : client.defaultFile(project, home, env, osName)).toAbsolutePath().normalize();
  }
}
