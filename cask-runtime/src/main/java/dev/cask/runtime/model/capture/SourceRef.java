package dev.cask.runtime.model.capture;

import java.util.Objects;

/**
 * Where in a source document something was seen.
 *
 * @param source the source path, as in {@link CaptureSource#path()}
 * @param locator a place inside it: a JSON pointer for a spec ({@code /paths/~1users/get}), {@code entries/12} for a HAR
 *     entry, {@code span/<traceId>/<spanId>} for an OpenTelemetry span
 */
public record SourceRef(String source, String locator) {
  public SourceRef {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(locator, "locator");
  }

  @Override
  public String toString() {
    return source + "#" + locator;
  }
}
