package dev.cask.maven.importers.openapi;

import dev.cask.runtime.CaskException;
import java.util.Locale;

/** The message for a file over {@code maxInputBytes}, shared by the input document and the files it refers to. */
final class InputLimits {
  private InputLimits() {}

  static CaskException tooLarge(String displayPath, long size, long limit) {
    return new CaskException(
        displayPath,
        null,
        "is " + String.format(Locale.ROOT, "%,d", size) + " bytes, more than the input limit of "
            + String.format(Locale.ROOT, "%,d", limit) + " bytes",
        "if the file is trusted, raise the limit with -Dcask.maxInputBytes=" + size
            + " (or <maxInputBytes> in the plugin configuration)");
  }
}
