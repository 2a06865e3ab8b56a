package dev.cask.runtime.cli;

/** One exit code per outcome, documented in the CLI reference ({@code src/site/markdown/runtime.md}). */
public final class ExitCodes {
  /** Done (a server stopped because its client went away, a check passed, a confirmation was approved). */
  public static final int OK = 0;
  /** A failure of Cask itself (a bug): the message says so; {@code --stacktrace} shows where. */
  public static final int INTERNAL = 1;
  /** The command line is wrong (unknown option, missing value). */
  public static final int USAGE = 2;
  /** An input or check failed: toolpack, lockfile, signers, policy, upstream config (nothing was served). */
  public static final int INVALID_INPUT = 3;
  /** The HTTP transport could not listen (address in use, not permitted). */
  public static final int CANNOT_LISTEN = 4;
  /**
   * {@code audit verify}: the log is broken: a record was changed, removed, inserted or reordered, or the log was cut
   * short, emptied, rewritten or is missing, or its checkpoint is not signed by the trusted key.
   */
  public static final int AUDIT_BROKEN = 5;
  /** {@code confirm}: the challenge is unknown, expired, already used or was not approved. */
  public static final int NOT_CONFIRMED = 6;
  /**
   * {@code audit verify}: the chain and its checkpoint hold, but not every record is proven: records after the last
   * checkpoint, records adopted at a restart, a checkpoint not written at shutdown, or a sent call without outcome.
   */
  public static final int AUDIT_INCOMPLETE = 7;
  /**
   * {@code evidence verify}: every link of the bundle holds, but nothing from outside it (a trusted signers file, a
   * trust anchor) vouches for its signers, so it proves only that it is consistent: whoever made it could have made its
   * signers file and history too.
   */
  public static final int NOT_ANCHORED = 8;

  private ExitCodes() {}
}
