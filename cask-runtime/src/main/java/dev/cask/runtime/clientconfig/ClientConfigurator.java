package dev.cask.runtime.clientconfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Prints or writes the configuration of each requested client: the runtime's {@code config} command and the plugin's
 * {@code cask:config} goal both call this, so there is one way to configure a client.
 */
public final class ClientConfigurator {
  private ClientConfigurator() {}

  private static Path archive(Path jar) {
    String name = jar.getFileName().toString();
    return jar.resolveSibling((name.endsWith(".jar") ? name.substring(0, name.length() - 4) : name) + ".jsa");
  }

  private static boolean archiveIsFresh(Path jar) {
    try {
      Path jsa = archive(jar);
      return Files.isRegularFile(jsa) && !Files.getLastModifiedTime(jar).toInstant()
          .isAfter(Files.getLastModifiedTime(jsa).toInstant());
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /** What happened to one client's file. */
  public record Outcome(ClientKind client, Path file, String text, boolean changed, Optional<Path> backup) {}

  /**
   * @param out lines for the person (snippets when printing, what was written otherwise)
   * @param warn warnings (files the server will need that do not exist yet, the trust anchor pinned on first use)
   */
  public static List<Outcome> run(ConfigRequest request, Consumer<String> out, Consumer<String> warn) {
    ServerEntry entry = request.entry();
    if (entry instanceof ServerEntry.Stdio) {
      ServeArguments serve = request.serve();
      for (Path needed : List.of(serve.toolpack(), serve.lockfile(), serve.signers())) {
        if (!Files.exists(needed)) {
          warn.accept(needed + " does not exist yet: the server will refuse to start until it does"
              + " (mvn verify compiles the toolpack; mvn cask:review or cask:gate-allow writes the lockfile)");
        }
      }
      if (serve.trust() == null) {
        warn.accept(ConfigAnchor.missing(serve.signers()));
      } else {
        serve.trust().notice(serve.signers()).forEach(warn);
      }
    }
    if (entry instanceof ServerEntry.Stdio && request.launcher() != null && Files.isRegularFile(request.launcher())
        && request.jar() != null && !archiveIsFresh(request.jar())) {
      warn.accept("the launcher writes its start-up archive (" + archive(request.jar()) + ") when the client first starts"
          + " the server, which takes a few seconds; make it now so no client waits: java -XX:ArchiveClassesAtExit="
          + archive(request.jar()) + " -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar " + request.jar() + " train");
    }
    List<Outcome> outcomes = new ArrayList<>();
    for (ClientKind client : request.clients()) {
      Path file = request.fileOf(client);
      if (!request.write()) {
        if (client == ClientKind.CLAUDE_DESKTOP && entry instanceof ServerEntry.Http) {
          out.accept("# " + client.displayName() + ": reads only stdio servers from its file; add " + request.httpUrl()
              + " in its Settings > Connectors");
          out.accept("");
          continue;
        }
        String text = ClientConfigs.document(client, request.name(), entry);
        out.accept("# " + client.displayName() + ": " + file);
        text.lines().forEach(out);
        if (client == ClientKind.CLAUDE_CODE) {
          out.accept("# or let Claude Code write it:");
          out.accept(ClientConfigs.claudeMcpAdd(request.name(), entry));
        }
        out.accept("");
        outcomes.add(new Outcome(client, file, text, false, Optional.empty()));
        continue;
      }
      Optional<String> existing = ConfigFiles.read(file);
      String text = ClientConfigs.merge(client, existing.orElse(""), request.name(), entry, file.toString());
      if (existing.isPresent() && existing.get().equals(text)) {
        out.accept(client.displayName() + ": " + file + " already has this server '" + request.name() + "'; unchanged");
        outcomes.add(new Outcome(client, file, text, false, Optional.empty()));
        continue;
      }
      Optional<Path> backup = ConfigFiles.write(file, text);
      out.accept(client.displayName() + ": " + (existing.isPresent() ? "updated " : "created ") + file
          + " (server '" + request.name() + "')" + backup.map(b -> "; the previous file is in " + b).orElse(""));
      outcomes.add(new Outcome(client, file, text, true, backup));
    }
    return outcomes;
  }
}
