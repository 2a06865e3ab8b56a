package dev.cask.runtime.crypto;

import dev.cask.runtime.CaskException;
import java.io.Console;
import java.util.Map;

/**
 * Where key passphrases come from: the {@value #ENV} environment variable (CI), else a prompt on the console with echo
 * off. Without either, it fails with a message saying how to provide one: a build never waits for input nobody can give.
 */
public final class Passphrases {
  public static final String ENV = "CASK_KEY_PASSPHRASE";

  private Passphrases() {}

  /** Environment first, then {@link System#console()}. */
  public static PassphraseSupplier standard() {
    return from(System.getenv(), System.console());
  }

  /**
   * @param env the environment (injected for tests)
   * @param console the console, or null when there is none (batch build, CI, redirected input)
   */
  public static PassphraseSupplier from(Map<String, String> env, Console console) {
    return keyName -> {
      String value = env.get(ENV);
      if (value != null && !value.isEmpty()) {
        return value.toCharArray();
      }
      if (console == null) {
        throw new CaskException(ENV, null, "is not set and there is no console to ask for the passphrase of " + keyName,
            "export " + ENV + " (for example from your CI secret store) or run the command in an interactive terminal");
      }
      char[] typed = console.readPassword("Passphrase for %s: ", keyName);
      if (typed == null || typed.length == 0) {
        throw new CaskException(keyName, null, "no passphrase was entered", "type the key's passphrase or set " + ENV);
      }
      return typed;
    };
  }

  /** For creating a key: asks twice on a console; the environment variable is used as is. */
  public static char[] forNewKey(Map<String, String> env, Console console, String keyName) {
    String value = env.get(ENV);
    if (value != null && !value.isEmpty()) {
      return value.toCharArray();
    }
    if (console == null) {
      throw new CaskException(ENV, null, "is not set and there is no console to ask for a passphrase for the new key " + keyName,
          "export " + ENV + " or run mvn cask:keygen in an interactive terminal");
    }
    char[] first = console.readPassword("New passphrase for %s: ", keyName);
    char[] second = console.readPassword("Repeat the passphrase: ");
    if (first == null || first.length == 0) {
      throw new CaskException(keyName, null, "an empty passphrase would leave the key unprotected", "type a passphrase");
    }
    if (!java.util.Arrays.equals(first, second)) {
      throw new CaskException(keyName, null, "the two passphrases differ", "run the command again and type the same passphrase twice");
    }
    return first;
  }
}
