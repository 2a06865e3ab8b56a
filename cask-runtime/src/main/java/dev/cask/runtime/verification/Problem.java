package dev.cask.runtime.verification;

import java.util.Objects;

/**
 * One thing verification found.
 *
 * @param severity errors fail verification; warnings are reported only
 * @param code the stable reason code
 * @param subject the tool name, {@code policy}, or the file at fault
 * @param reason what is wrong, for a person
 * @param fix the command (or action) that fixes it
 */
public record Problem(Severity severity, ReasonCode code, String subject, String reason, String fix) {
  public enum Severity {
    ERROR,
    WARNING
  }

  public Problem {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(fix, "fix");
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** {@code [digest_mismatch] get_user: reason. Fix: command}. */
  public String line() {
    return "[" + code.wireName() + "] " + subject + ": " + reason + ". Fix: " + fix;
  }
}
