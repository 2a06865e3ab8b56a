package dev.cask.runtime.crypto;

/** Supplies a key's passphrase only when the key turns out to be encrypted. */
@FunctionalInterface
public interface PassphraseSupplier {
  /**
   * @param keyName the key file, to show in a prompt
   * @throws dev.cask.runtime.CaskException when no passphrase can be had (no env variable, no console)
   */
  char[] get(String keyName);
}
