package dev.cask.maven.importers.openapi;

/** JSON pointer text (RFC 6901), built token by token. */
final class Pointers {
  private Pointers() {}

  static String append(String pointer, String token) {
    return pointer + "/" + escape(token);
  }

  static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  static String unescape(String token) {
    return token.replace("~1", "/").replace("~0", "~");
  }

  /** The last token of a pointer, unescaped; empty for the root pointer. */
  static String lastToken(String pointer) {
    int slash = pointer.lastIndexOf('/');
    return slash < 0 ? "" : unescape(pointer.substring(slash + 1));
  }
}
