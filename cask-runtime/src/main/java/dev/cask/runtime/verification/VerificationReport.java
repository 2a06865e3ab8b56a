package dev.cask.runtime.verification;

import dev.cask.runtime.CaskException;
import dev.cask.runtime.model.lockfile.Lockfile;
import dev.cask.runtime.model.signers.SignersFile;
import dev.cask.runtime.toolpack.LoadedToolpack;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Everything verification found: every problem (not just the first), a status row per tool, the parsed inputs (for
 * the gate goals that edit them) and, only when nothing failed, the {@link VerifiedToolpack}.
 */
public final class VerificationReport {
  private final List<Problem> problems;
  private final List<ToolStatus> tools;
  private final LoadedToolpack toolpack;
  private final Lockfile lockfile;
  private final SignersFile signers;
  private final SignersTrust signersTrust;
  private final VerifiedToolpack verified;

  VerificationReport(
      List<Problem> problems, List<ToolStatus> tools, LoadedToolpack toolpack, Lockfile lockfile, SignersFile signers,
      SignersTrust signersTrust, VerifiedToolpack verified) {
    this.problems = List.copyOf(problems);
    this.tools = tools.stream().sorted(Comparator.comparing(ToolStatus::tool).thenComparing(ToolStatus::operation)).toList();
    this.toolpack = toolpack;
    this.lockfile = lockfile;
    this.signers = signers;
    this.signersTrust = signersTrust;
    this.verified = verified;
  }

  public boolean passed() {
    return verified != null;
  }

  /** Every problem, errors and warnings, in the order the checks found them. */
  public List<Problem> problems() {
    return problems;
  }

  public List<Problem> errors() {
    return problems.stream().filter(Problem::isError).toList();
  }

  public List<Problem> warnings() {
    return problems.stream().filter(p -> !p.isError()).toList();
  }

  /** Status rows sorted by tool name (empty when a file could not be read). */
  public List<ToolStatus> tools() {
    return tools;
  }

  /** The toolpack, when it could be loaded. */
  public Optional<LoadedToolpack> toolpack() {
    return Optional.ofNullable(toolpack);
  }

  /** The lockfile, when it could be read (an empty one when there is none). */
  public Optional<Lockfile> lockfile() {
    return Optional.ofNullable(lockfile);
  }

  /** The signers file, when it could be read. */
  public Optional<SignersFile> signers() {
    return Optional.ofNullable(signers);
  }

  /** Why the signers file is trusted (its version, digest and anchors), when its chain verified. */
  public Optional<SignersTrust> signersTrust() {
    return Optional.ofNullable(signersTrust);
  }

  public Optional<VerifiedToolpack> verified() {
    return Optional.ofNullable(verified);
  }

  /** The verified toolpack, or a {@link CaskException} listing every error. */
  public VerifiedToolpack requireVerified() {
    if (verified == null) {
      throw new CaskException("toolpack verification", null, failureText(), "fix each problem with the command named beside it");
    }
    return verified;
  }

  /** {@code N problem(s):} followed by one line per error. */
  public String failureText() {
    List<Problem> errors = errors();
    return errors.size() + " problem(s) block this toolpack:\n"
        + errors.stream().map(p -> "  " + p.line()).collect(Collectors.joining("\n"));
  }
}
