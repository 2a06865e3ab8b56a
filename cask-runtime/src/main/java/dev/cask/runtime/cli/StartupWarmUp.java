package dev.cask.runtime.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cask.runtime.json.CaskMappers;
import dev.cask.runtime.model.lockfile.Lockfile;
import dev.cask.runtime.model.policy.Policy;
import dev.cask.runtime.model.signers.SignersFile;
import dev.cask.runtime.model.signers.SignersHistory;
import dev.cask.runtime.model.toolpack.ToolSet;
import dev.cask.runtime.model.toolpack.ToolpackManifest;
import dev.cask.runtime.model.toolpack.Toolsets;
import java.io.IOException;
import java.util.List;

/**
 * Prepares, on the other core, what a server's start-up reads first — the JSON and YAML mappers, the deserializers
 * of the toolpack's and the gate's files, the security providers — while this core parses the command line. Jackson builds a deserializer once
 * per type and caches it (safely across threads), so the thread that reads the files later finds it ready. Nothing is
 * read or trusted here: a failure only leaves the work to be done later, where it always was.
 */
final class StartupWarmUp {
  /** The commands whose start-up reads a toolpack and the gate's files first. */
  private static final List<String> COMMANDS = List.of("serve", "inspect");

  private StartupWarmUp() {}

  static void startFor(String[] args) {
    if (args.length > 0 && COMMANDS.contains(args[0])) {
      Thread thread = new Thread(StartupWarmUp::run, "cask-start-up-warm-up");
      thread.setDaemon(true);
      thread.start();
    }
  }

  private static void run() {
    try {
      ObjectMapper yaml = CaskMappers.yaml();
      for (Class<?> type : List.of(ToolpackManifest.class, SignersFile.class, SignersHistory.class, Lockfile.class,
          Policy.class, Toolsets.class)) {
        yaml.readerFor(type); // an ObjectReader fetches its root deserializer when it is made
      }
      CaskMappers.json().readerFor(ToolSet.class);
      yaml.readTree("warm: [up, {of: 1}]");
      // The security providers' first lookups (digests of every file and tool, the confirmation store's HMAC key).
      java.security.MessageDigest.getInstance("SHA-256").digest(new byte[1]);
      javax.crypto.Mac.getInstance("HmacSHA256");
    } catch (IOException | java.security.GeneralSecurityException | RuntimeException e) {
      // nothing to report: the reading thread builds what it needs itself
    }
  }
}
