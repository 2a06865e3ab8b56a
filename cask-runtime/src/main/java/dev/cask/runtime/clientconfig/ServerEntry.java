package dev.cask.runtime.clientconfig;

import dev.cask.runtime.CaskException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** How a client reaches the governed server: a process it starts (stdio) or a URL it calls (Streamable HTTP). */
public sealed interface ServerEntry {
  /** The environment variable the HTTP bearer token is read from by default (the one {@code serve --http} reads). */
  String DEFAULT_TOKEN_ENV = "CASK_HTTP_TOKEN";

  /**
   * A server the client starts: an absolute command, its arguments, and environment entries (never secrets).
   *
   * @param command absolute path of the executable
   * @param args its arguments
   * @param env environment entries for the server process, sorted
   */
  record Stdio(String command, List<String> args, Map<String, String> env) implements ServerEntry {
    public Stdio {
      Objects.requireNonNull(command, "command");
      args = List.copyOf(args);
      env = java.util.Collections.unmodifiableMap(new TreeMap<>(env));
    }
  }

  /**
   * A running server the client calls; the token is named, never written.
   *
   * @param url the {@code /mcp} endpoint
   * @param tokenEnv the environment variable that holds the bearer token on the client's side
   */
  record Http(String url, String tokenEnv) implements ServerEntry {
    public Http {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(tokenEnv, "tokenEnv");
    }
  }

  /** {@code JAVA -jar JAR serve ...}: the JVM and the jar by absolute path. */
  static Stdio jar(Path java, Path jar, ServeArguments serve) {
    List<String> args = new ArrayList<>(List.of("-jar", jar.toAbsolutePath().normalize().toString()));
    args.addAll(serve.toList());
    return new Stdio(java.toAbsolutePath().normalize().toString(), args, Map.of());
  }

  /**
   * {@code /bin/sh LAUNCHER serve ...}: the launcher with the recommended start-up flags; it finds the JVM through
   * {@code JAVA_HOME}, which the entry sets, because a client rarely starts servers with the user's shell environment.
   */
  static Stdio launcher(Path shell, Path launcher, Path javaHome, ServeArguments serve) {
    List<String> args = new ArrayList<>(List.of(launcher.toAbsolutePath().normalize().toString()));
    args.addAll(serve.toList());
    return new Stdio(shell.toString(), args, Map.of("JAVA_HOME", javaHome.toAbsolutePath().normalize().toString()));
  }

  Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

  /**
   * The Streamable HTTP form. Plain {@code http} only to a loopback address (the server's default binding): a bearer
   * token sent in clear text to another host could be read on the way.
   */
  static Http http(String url, String tokenEnv) {
    String env = tokenEnv == null || tokenEnv.isBlank() ? DEFAULT_TOKEN_ENV : tokenEnv.trim();
    if (!ENV_NAME.matcher(env).matches()) {
      throw new CaskException("--token-env " + env, null, "is not an environment variable name",
          "use letters, digits and '_', e.g. " + DEFAULT_TOKEN_ENV);
    }
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw new CaskException("--http " + url, null, "is not a URL: " + e.getReason(), "give the server's URL, e.g. http://127.0.0.1:8765/mcp");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost();
    if (host == null || !(scheme.equals("https") || scheme.equals("http")) || uri.getUserInfo() != null
        || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new CaskException("--http " + url, null, "is not an http(s) URL without credentials, query or fragment",
          "give the server's URL, e.g. http://127.0.0.1:8765/mcp");
    }
    if (scheme.equals("http") && !loopback(host)) {
      throw new CaskException("--http " + url, null,
          "sends the bearer token unencrypted to " + host + ", which is not this machine",
          "serve it behind TLS and give its https:// URL, or use a loopback address (127.0.0.1, [::1], localhost)");
    }
    return new Http(uri.toString(), env);
  }

  private static boolean loopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("localhost") || h.equals("[::1]") || h.equals("::1") || h.matches("127(\\.\\d{1,3}){3}");
  }
}
