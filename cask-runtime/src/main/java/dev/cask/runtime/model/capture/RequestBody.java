package dev.cask.runtime.model.capture;

import dev.cask.runtime.model.Lists;
import java.util.List;

/**
 * The request body of an operation.
 *
 * @param required whether a body must be sent
 * @param description the body's description, or null
 * @param contents one entry per media type, in the order the source gives them
 */
public record RequestBody(boolean required, String description, List<MediaContent> contents) {
  public RequestBody {
    contents = Lists.copy(contents);
  }
}
