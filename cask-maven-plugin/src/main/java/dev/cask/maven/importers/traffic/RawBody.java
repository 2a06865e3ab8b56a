package dev.cask.maven.importers.traffic;

import dev.cask.runtime.model.Lists;
import java.util.List;

/**
 * A body as a capture format gives it, before decoding and redaction.
 *
 * @param mimeType the declared media type (may carry parameters), or null
 * @param text the body text, or null when the capture has none
 * @param base64 whether {@code text} is base64 (HAR {@code content.encoding: base64})
 * @param params form fields when the format lists them instead of (or beside) the text (HAR {@code postData.params})
 */
public record RawBody(String mimeType, String text, boolean base64, List<NameValue> params) {
  public static final RawBody NONE = new RawBody(null, null, false, List.of());

  public RawBody {
    params = Lists.copy(params);
  }

  public boolean isEmpty() {
    return (text == null || text.isEmpty()) && params.isEmpty();
  }
}
