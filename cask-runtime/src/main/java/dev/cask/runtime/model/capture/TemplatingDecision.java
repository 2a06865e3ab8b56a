package dev.cask.runtime.model.capture;

import java.util.Objects;

/**
 * Why a path segment of observed URLs became a parameter. Never holds the observed values (they may be personal data).
 *
 * @param segment the zero-based index of the segment in the path
 * @param parameter the placeholder name given to it
 * @param reason which rule matched, e.g. {@code integer}, {@code uuid}, {@code varies-across-samples}
 */
public record TemplatingDecision(int segment, String parameter, String reason) {
  public TemplatingDecision {
    Objects.requireNonNull(parameter, "parameter");
    Objects.requireNonNull(reason, "reason");
  }
}
