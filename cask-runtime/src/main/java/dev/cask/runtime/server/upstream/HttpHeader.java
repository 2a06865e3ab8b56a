package dev.cask.runtime.server.upstream;

import java.util.Objects;

/** One request header. */
public record HttpHeader(String name, String value) {
  public HttpHeader {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
  }
}
