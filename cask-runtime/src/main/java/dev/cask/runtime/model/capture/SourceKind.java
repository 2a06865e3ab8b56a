package dev.cask.runtime.model.capture;

import java.util.Locale;

/** What kind of document a capture source is. */
public enum SourceKind {
  OPENAPI,
  HAR,
  OTEL,
  /** A GraphQL schema (SDL or introspection JSON): the variables' types of the GraphQL operations seen in traffic. */
  GRAPHQL,
  /** Tools that web pages registered for in-browser agents, recorded by {@code cask:mint}. */
  WEBMCP;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static SourceKind parse(String text) {
    for (SourceKind kind : values()) {
      if (kind.wireName().equals(text)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown source kind '" + text + "' (expected openapi, har, otel, graphql or webmcp)");
  }
}
