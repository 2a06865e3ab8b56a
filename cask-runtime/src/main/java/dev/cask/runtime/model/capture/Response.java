package dev.cask.runtime.model.capture;

import dev.cask.runtime.model.Lists;
import java.util.List;
import java.util.Objects;

/**
 * A documented or observed response.
 *
 * @param status a status code ({@code 200}), a range ({@code 4XX}) or {@code default}
 * @param description the response's description, or null
 * @param contents one entry per media type
 */
public record Response(String status, String description, List<MediaContent> contents) {
  public Response {
    Objects.requireNonNull(status, "status");
    contents = Lists.copy(contents);
  }
}
