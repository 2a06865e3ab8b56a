package dev.cask.maven.importers.traffic;

import dev.cask.runtime.model.capture.SecurityScheme;
import java.util.Locale;

/**
 * A credential a call carried (never its value): the runtime must inject it, so it becomes a security scheme and never
 * a tool argument.
 *
 * @param in {@code header}, {@code query} or {@code cookie}; {@code http} for the Authorization header
 * @param name the header, query or cookie name (lower case for headers); for {@code http} the scheme word
 */
public record CredentialHint(String in, String name) {
  private static final java.util.regex.Pattern UNSAFE = java.util.regex.Pattern.compile("[^a-z0-9_.-]+");

  /** The security scheme name in the capture, e.g. {@code http-bearer}, {@code header-x-api-key}. */
  public String schemeName() {
    String safe = UNSAFE.matcher(name.toLowerCase(Locale.ROOT)).replaceAll("-");
    return in + "-" + safe;
  }

  public SecurityScheme scheme() {
    if (in.equals("http")) {
      return new SecurityScheme("http", name.toLowerCase(Locale.ROOT), null, null, null, "Observed in traffic");
    }
    return new SecurityScheme("apiKey", null, in, name, null, "Observed in traffic");
  }
}
