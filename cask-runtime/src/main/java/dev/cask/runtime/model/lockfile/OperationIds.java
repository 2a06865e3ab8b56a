package dev.cask.runtime.model.lockfile;

import dev.cask.runtime.model.HttpMethod;
import dev.cask.runtime.model.OperationKey;

/** Reads the operation identity that keys a lockfile entry, e.g. {@code GET api.github.com/repos/{}/{}}. */
public final class OperationIds {
  private OperationIds() {}

  /**
   * @throws IllegalArgumentException unless the text is exactly the canonical {@link OperationKey#id()} of an
   *     operation (upper-case method, one space, lower-case ASCII host, path with {@code {}} placeholders): two spellings
   *     of one operation would let one tool carry two entries
   */
  public static OperationKey parse(String id) {
    if (id == null) {
      throw new IllegalArgumentException("operation is missing");
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c < 0x21 && c != ' ' || c > 0x7e) {
        throw new IllegalArgumentException("operation '" + id + "' contains " + Names.describe(id.codePointAt(i))
            + ": operation ids are printable ASCII (a look-alike character could impersonate another host or path)");
      }
    }
    int space = id.indexOf(' ');
    int slash = space < 0 ? -1 : id.indexOf('/', space);
    if (space <= 0 || slash < 0 || id.indexOf(' ', space + 1) >= 0) {
      throw new IllegalArgumentException("operation '" + id + "' is not written as 'METHOD host/path', e.g. 'GET api.example.com/users/{}'");
    }
    OperationKey key;
    try {
      key = new OperationKey(HttpMethod.valueOf(id.substring(0, space)), id.substring(space + 1, slash), id.substring(slash));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("operation '" + id + "' is invalid: " + e.getMessage());
    }
    if (!key.id().equals(id)) {
      throw new IllegalArgumentException("operation '" + id + "' is not in canonical form (expected '" + key.id() + "')");
    }
    return key;
  }
}
