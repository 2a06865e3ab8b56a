package dev.cask.runtime.repair;

import java.util.List;
import java.util.Objects;

/**
 * One way to repair a diagnosis.
 *
 * @param fixClass how much it may do on its own
 * @param does what it does, in words
 * @param commands the commands, in order, each runnable as printed (from the project directory); may be empty for a
 *     {@link FixClass#MANUAL} fix that is only an action
 * @param grant for {@link FixClass#APPROVAL_REQUIRED}: what it grants; null otherwise
 */
public record Fix(FixClass fixClass, String does, List<String> commands, Grant grant) {
  public Fix {
    Objects.requireNonNull(fixClass, "fixClass");
    Objects.requireNonNull(does, "does");
    commands = List.copyOf(commands);
    if (fixClass == FixClass.APPROVAL_REQUIRED && grant == null) {
      throw new IllegalArgumentException("a fix that grants says what it grants");
    }
  }

  static Fix safe(String does, String command) {
    return new Fix(FixClass.SAFE, does, List.of(command), null);
  }

  static Fix manual(String does, List<String> commands) {
    return new Fix(FixClass.MANUAL, does, commands, null);
  }

  static Fix approval(String does, List<String> commands, Grant grant) {
    return new Fix(FixClass.APPROVAL_REQUIRED, does, commands, grant);
  }
}
