package dev.cask.runtime;

import java.util.Objects;

/**
 * A problem a user can fix: bad input, a failed check, a missing setting. The message always names the file (or
 * setting), the place inside it when known, what is wrong, and how to fix it. Failures of Cask itself (bugs, I/O on
 * our own temporary files) are other exceptions.
 */
public class CaskException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String subject;
  private final String location;
  private final String problem;
  private final String fix;

  /**
   * @param subject the file or setting at fault (a path relative to the project when possible, or {@code -Dcask.x})
   * @param location the place inside it (JSON pointer, {@code line 12, column 3}, entry index), or null
   * @param problem what is wrong, as a sentence fragment without trailing period
   * @param fix how to fix it, as an imperative sentence fragment without trailing period, or null
   */
  public CaskException(String subject, String location, String problem, String fix) {
    this(subject, location, problem, fix, null);
  }

  public CaskException(String subject, String location, String problem, String fix, Throwable cause) {
    super(format(subject, location, problem, fix), cause);
    this.subject = Objects.requireNonNull(subject, "subject");
    this.location = location;
    this.problem = Objects.requireNonNull(problem, "problem");
    this.fix = fix;
  }

  private static String format(String subject, String location, String problem, String fix) {
    StringBuilder text = new StringBuilder(subject);
    if (location != null && !location.isEmpty()) {
      text.append(" at ").append(location);
    }
    text.append(": ").append(problem);
    if (fix != null && !fix.isEmpty()) {
      text.append(". Fix: ").append(fix);
    }
    return text.toString();
  }

  public String subject() {
    return subject;
  }

  public String location() {
    return location;
  }

  public String problem() {
    return problem;
  }

  public String fix() {
    return fix;
  }
}
