package dev.cask.runtime.review;

import dev.cask.runtime.crypto.KeyDirectory;
import dev.cask.runtime.crypto.PemKeys;
import dev.cask.runtime.model.lockfile.Lockfile;
import dev.cask.runtime.model.signers.SignersFile;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import dev.cask.runtime.verification.Approvals;
import dev.cask.runtime.verification.GateFiles;
import dev.cask.runtime.verification.GateFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A project to review: the gate fixture's four tools (read, write, destructive, sensitive) compiled into
 * {@code target/cask}, alice as the only signer (one signature per tier), her encrypted key in a key directory outside
 * the project, and no lockfile yet.
 */
final class ReviewProject {
  static final String PASSPHRASE = "review-passphrase-not-secret";

  final Path project;
  final Path keys;
  final GateFixture fixture;

  ReviewProject(Path dir) {
    project = dir.resolve("project");
    keys = dir.resolve("keys");
    fixture = new GateFixture(dir.resolve("fixture"));
    try {
      Files.createDirectories(project);
      GateFixture.writeToolpack(project.resolve("target/cask"), fixture.toolpackName, fixture.tools, fixture.policy);
      SignersFile content = SignersFile.of(new TreeMap<>(Map.of("alice", GateFixture.signer("Alice Example", fixture.alice, null))));
      SignersFile signed = content.withApprovals(List.of(
          Approvals.signers(fixture.alice, "alice", content, "bootstrap: first signer", GateFixture.SIGNED)));
      Files.write(project.resolve("cask.signers.yaml"), GateFiles.signersBytes(signed));
      new KeyDirectory(keys).write("alice", PemKeys.writeEncrypted(fixture.alice, PASSPHRASE.toCharArray()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path lockfile() {
    return project.resolve("cask.lock.yaml");
  }

  /** Compiles the toolpack again with these definitions (as a changed API source would). */
  void recompile(List<ToolDefinition> tools) {
    GateFixture.writeToolpack(project.resolve("target/cask"), fixture.toolpackName, tools, fixture.policy);
  }

  Lockfile readLockfile() {
    try {
      return GateFiles.parseLockfile(Files.readAllBytes(lockfile()), "cask.lock.yaml");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
