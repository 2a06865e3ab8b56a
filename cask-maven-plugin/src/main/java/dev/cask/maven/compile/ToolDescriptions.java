package dev.cask.maven.compile;

import dev.cask.runtime.model.capture.CapturedOperation;
import java.util.List;

/**
 * A tool's description and title, from the source only: summary, then description, cleaned of invisible characters and
 * cut to a maximum length at a word boundary. Nothing is invented; an operation with neither text is described by its
 * method and path, which are facts.
 */
final class ToolDescriptions {
  /** Default maximum description length in characters ({@code cask.descriptionMaxLength}). */
  static final int DEFAULT_MAX_LENGTH = 1024;
  static final int TITLE_MAX_LENGTH = 100;

  private ToolDescriptions() {}

  static String description(CapturedOperation operation, int maxLength) {
    return description(operation, maxLength, List.of());
  }

  /**
   * @param alsoCovers other spellings of the same HTTP operation ({@code GET /v1/{parent}}) that this tool covers:
   *     said at the end, after the source's text (which is cut first when the description is too long)
   */
  static String description(CapturedOperation operation, int maxLength, List<String> alsoCovers) {
    String summary = DescriptionText.clean(operation.summary());
    String description = DescriptionText.clean(operation.description());
    String text;
    if (summary.isEmpty()) {
      text = description;
    } else if (description.isEmpty() || description.startsWith(summary)) {
      text = description.isEmpty() ? summary : description;
    } else {
      text = summary + "\n\n" + description;
    }
    if (text.isEmpty()) {
      text = operation.method() + " " + operation.key().pathTemplate();
    }
    if (operation.deprecated()) {
      text = "Deprecated. " + text;
    }
    if (alsoCovers.isEmpty()) {
      return DescriptionText.truncate(text, maxLength);
    }
    String note = "\n\nAlso covers " + String.join(", ", alsoCovers)
        + ": the same HTTP request, declared with other placeholder names.";
    return note.length() > maxLength / 2
        ? DescriptionText.truncate(text + note, maxLength)
        : DescriptionText.truncate(text, maxLength - note.length()) + note;
  }

  static String title(CapturedOperation operation, String toolName) {
    String declared = operation.hints() == null ? null : operation.hints().title();
    String summary = DescriptionText.clean(operation.summary() != null ? operation.summary() : declared).replace('\n', ' ');
    return summary.isEmpty() ? toolName : DescriptionText.truncate(summary, TITLE_MAX_LENGTH);
  }

  static boolean hadInvisible(CapturedOperation operation) {
    return DescriptionText.hadInvisible(operation.summary()) || DescriptionText.hadInvisible(operation.description())
        || (operation.hints() != null && DescriptionText.hadInvisible(operation.hints().title()));
  }
}
