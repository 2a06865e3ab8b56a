package dev.cask.runtime.model;

import java.util.Locale;

/**
 * The HTTP methods an operation can use, and {@link #WEBMCP}. Parsing is case-insensitive and locale-independent.
 */
public enum HttpMethod {
  GET,
  HEAD,
  OPTIONS,
  TRACE,
  POST,
  PUT,
  PATCH,
  DELETE,
  /**
   * Not an HTTP method: a tool a web page registers for in-browser agents (WebMCP), called by opening the page in a
   * browser. Its operation is {@code WEBMCP host/<page path>#<tool name>}. Traffic and API descriptions never produce it
   * ({@link #parse} refuses it); only the WebMCP importer does.
   */
  WEBMCP;

  /** Safe methods do not change state on the server (RFC 9110 section 9.2.1). */
  public boolean isSafe() {
    return this == GET || this == HEAD || this == OPTIONS || this == TRACE;
  }

  /** Idempotent methods can be repeated with the same effect (RFC 9110 section 9.2.2). */
  public boolean isIdempotent() {
    return isSafe() || this == PUT || this == DELETE;
  }

  /** Whether this is a real HTTP method (everything but {@link #WEBMCP}). */
  public boolean isHttp() {
    return this != WEBMCP;
  }

  /** Parses an HTTP method as traffic or an API description writes it; {@code WEBMCP} is not one. */
  public static HttpMethod parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("HTTP method is missing");
    }
    HttpMethod method;
    try {
      method = valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unsupported HTTP method '" + text + "'");
    }
    if (!method.isHttp()) {
      throw new IllegalArgumentException("unsupported HTTP method '" + text + "'");
    }
    return method;
  }
}
