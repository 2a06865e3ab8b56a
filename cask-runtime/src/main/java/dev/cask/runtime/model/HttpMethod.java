package dev.cask.runtime.model;

import java.util.Locale;

/** The HTTP methods an operation can use. Parsing is case-insensitive and locale-independent. */
public enum HttpMethod {
  GET,
  HEAD,
  OPTIONS,
  TRACE,
  POST,
  PUT,
  PATCH,
  DELETE;

  /** Safe methods do not change state on the server (RFC 9110 section 9.2.1). */
  public boolean isSafe() {
    return this == GET || this == HEAD || this == OPTIONS || this == TRACE;
  }

  /** Idempotent methods can be repeated with the same effect (RFC 9110 section 9.2.2). */
  public boolean isIdempotent() {
    return isSafe() || this == PUT || this == DELETE;
  }

  public static HttpMethod parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("HTTP method is missing");
    }
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unsupported HTTP method '" + text + "'");
    }
  }
}
