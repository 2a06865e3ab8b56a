package dev.cask.runtime.model.capture;

import dev.cask.runtime.model.Lists;
import java.util.List;
import java.util.Objects;

/**
 * How an API authenticates callers (the OpenAPI security scheme, or what traffic showed).
 *
 * @param type {@code apiKey}, {@code http}, {@code oauth2}, {@code openIdConnect} or {@code mutualTLS}
 * @param scheme for {@code http}: {@code bearer}, {@code basic} ...
 * @param in for {@code apiKey}: {@code header}, {@code query} or {@code cookie}
 * @param name for {@code apiKey}: the header, query or cookie name
 * @param scopes for {@code oauth2}: every scope any flow declares, sorted
 * @param description the scheme's description, or null
 */
public record SecurityScheme(String type, String scheme, String in, String name, List<String> scopes, String description) {
  public SecurityScheme {
    Objects.requireNonNull(type, "type");
    scopes = scopes == null ? List.of() : Lists.copy(scopes.stream().sorted().distinct().toList());
  }
}
