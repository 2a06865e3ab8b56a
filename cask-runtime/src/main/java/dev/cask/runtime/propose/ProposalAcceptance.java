package dev.cask.runtime.propose;

import dev.cask.runtime.CaskException;
import dev.cask.runtime.model.lockfile.LockDecision;
import dev.cask.runtime.model.lockfile.LockEntry;
import dev.cask.runtime.model.lockfile.Lockfile;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.toolpack.LoadedToolpack;
import dev.cask.runtime.verification.GateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code cask:propose-accept}: turns a waiting proposal into the normal path, and grants nothing itself.
 *
 * <ul>
 *   <li>A tool by name that is in the toolpack (new, changed): next is {@code gate-allow} of that tool.
 *   <li>A tool whose operation is blocked and not in the toolpack: next is putting the operation back into the API
 *       source, compiling, then {@code gate-allow}.
 *   <li>A new operation: an OpenAPI document with exactly that operation is written into the API sources
 *       ({@link OperationProposals}); next is compiling it into a tool, then {@code gate-allow}.
 * </ul>
 *
 * A tool that is nowhere (not in the toolpack, not in the lockfile) cannot be accepted by name.
 */
public final class ProposalAcceptance {
  private ProposalAcceptance() {}

  /**
   * What accepting did.
   *
   * @param proposal the proposal, now accepted
   * @param written the API source written (an operation proposal), or null
   * @param tool the tool to approve next
   * @param next what to do next, in words with the commands
   */
  /**
   * A tool that enters a toolset (a new read tool joins {@code readonly}) changes the toolsets, which are signed with
   * the policy: the gate then also asks for {@code cask.approvePolicy}.
   */
  static final String TOOLSETS_TOO = "when mvn cask:gate-status then says the toolsets or the policy changed (the tool"
      + " joined a toolset), review toolsets.yaml and add -Dcask.approvePolicy=true to that gate-allow";

  public record Accepted(Proposal proposal, Path written, String tool, List<String> next) {
    public Accepted {
      next = List.copyOf(next);
    }
  }

  /**
   * @param project the project directory ({@value OperationProposals#SOURCE_DIRECTORY} is inside it)
   * @param toolpack the compiled toolpack
   * @param lockfile the lockfile (may not exist yet)
   * @throws CaskException when the proposal is not waiting, names a tool that is nowhere, or its document exists
   */
  public static Accepted accept(ProposalStore store, String id, Path project, LoadedToolpack toolpack, Path lockfile) {
    Proposal proposal = store.find(id);
    if (!proposal.isPending()) {
      throw new CaskException(store.directory().toString(), null, "proposal " + id + " is already " + proposal.state(),
          "list the waiting proposals with mvn cask:gate-status");
    }
    if (proposal.isTool()) {
      String tool = proposal.tool();
      if (toolpack.tool(tool).isPresent()) {
        Proposal accepted = store.decide(id, ProposalState.ACCEPTED, "next: gate-allow of " + tool);
        return new Accepted(accepted, null, tool, List.of("review " + tool + ": mvn cask:gate-status (and mvn cask:diff"
            + " when it changed)", "approve it: mvn cask:gate-allow -Dcask.tools=" + tool, TOOLSETS_TOO));
      }
      LockEntry blocked = blockedEntry(lockfile, tool);
      if (blocked == null) {
        throw new CaskException("proposal " + id, null, "there is no tool " + tool + " in the toolpack or the lockfile,"
            + " so it cannot be accepted by name", "reject it (mvn cask:propose-reject -Dcask.proposal=" + id + "), or"
            + " have the agent propose the operation with its method and URL");
      }
      Proposal accepted = store.decide(id, ProposalState.ACCEPTED, "next: restore the blocked operation, gate-allow");
      return new Accepted(accepted, null, tool, List.of("put the blocked operation of " + tool + " back into the API"
          + " source and compile: mvn generate-resources", "approve it (this lifts the block): mvn cask:gate-allow"
          + " -Dcask.tools=" + tool, TOOLSETS_TOO));
    }
    Path file = project.resolve(OperationProposals.SOURCE_DIRECTORY).resolve(id + ".yaml");
    if (Files.exists(file)) {
      throw new CaskException(file.toString(), null, "exists already", "remove it, or accept another proposal");
    }
    List<String> baseUrls = toolpack.tools().tools().stream().map(Tool::definition).map(d -> d.baseUrl()).distinct()
        .sorted().toList();
    byte[] document;
    try {
      document = OperationProposals.document(proposal, baseUrls);
    } catch (IllegalArgumentException e) {
      throw new CaskException("proposal " + id, null, e.getMessage(), "reject it, or write the operation into the API"
          + " source yourself");
    }
    try {
      Files.createDirectories(file.getParent());
      Path temp = Files.createTempFile(file.getParent(), "." + id, ".tmp");
      try {
        Files.write(temp, document);
        Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    String tool = OperationProposals.toolName(proposal);
    Proposal accepted = store.decide(id, ProposalState.ACCEPTED, "capture entry " + OperationProposals.SOURCE_DIRECTORY
        + "/" + id + ".yaml");
    return new Accepted(accepted, file, tool, List.of("describe the operation in " + OperationProposals.SOURCE_DIRECTORY
        + "/" + id + ".yaml (its description, parameters and responses)", "compile it into the tool " + tool
        + ": mvn generate-resources (mvn cask:diff shows it as a new tool)", "review and approve it: mvn cask:gate-allow"
        + " -Dcask.tools=" + tool, TOOLSETS_TOO));
  }

  private static LockEntry blockedEntry(Path lockfile, String tool) {
    if (lockfile == null || !Files.isRegularFile(lockfile)) {
      return null;
    }
    Lockfile parsed;
    try {
      parsed = GateFiles.parseLockfile(Files.readAllBytes(lockfile), lockfile.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + lockfile, e);
    }
    return parsed.operations().values().stream()
        .filter(entry -> entry.tool().equals(tool) && entry.decision() == LockDecision.BLOCKED).findFirst().orElse(null);
  }
}
