package dev.cask.runtime.server.clients;

import dev.cask.maven.compile.CompiledToolpack;
import dev.cask.maven.compile.ToolpackWriter;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.server.testing.SignedToolpacks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A compiled toolpack written into {@code target/cask} and approved as {@code mvn cask:gate-allow -Dcask.all} would
 * (every tool, and the policy with the toolsets: {@link SignedToolpacks#approveAll}); and the {@code serve} arguments
 * for it, the signers version pinned as trust anchor, the audit log where the test wants it.
 */
public final class ApprovedToolpacks {
  private ApprovedToolpacks() {}

  public static List<String> approveAll(Path project, CompiledToolpack compiled, Path auditLog) {
    Path toolpack = project.resolve("target/cask");
    ToolpackWriter.writeDirectory(toolpack, compiled);
    SignedToolpacks.Signed signed = SignedToolpacks.approveAll(project, compiled.manifest().name(),
        compiled.tools().tools().stream().map(Tool::definition).toList(), compiled.policy(), toolpack);
    List<String> serve = new ArrayList<>(SignedToolpacks.serveArgs(
        new SignedToolpacks.Signed(signed.toolpack(), signed.lockfile(), signed.signers(), auditLog, signed.signersDigest())));
    return List.copyOf(serve);
  }
}
