package dev.cask.runtime.text;

/**
 * The one rule for characters that must not reach a person as they are: text from API descriptions, traffic, agents
 * and archives is shown in terminals, build logs, agent-facing messages and reports, and there a control character can
 * move the cursor, recolour or clear the screen, or forge a log line, and an invisible one can hide or reorder what is
 * read (zero-width and bidirectional "Trojan Source" characters, Unicode tag "ASCII smuggling").
 *
 * <p><b>Unsafe</b> ({@link #isUnsafe}), a fixed list so that the output is the same on every JDK:
 *
 * <ul>
 *   <li>C0 controls U+0000–U+001F (including line feed and tab), DEL U+007F, C1 controls U+0080–U+009F;
 *   <li>bidirectional controls: U+061C, U+200E–U+200F, U+202A–U+202E, U+2066–U+2069;
 *   <li>invisible format characters: U+180E, U+200B–U+200D, U+2060–U+2065, U+206A–U+206F, U+FEFF, U+FFF9–U+FFFB;
 *   <li>line and paragraph separators U+2028–U+2029;
 *   <li>what is not a character: unpaired surrogates, U+FFFE, U+FFFF;
 *   <li>Unicode tags U+E0000–U+E007F (invisible copies of ASCII).
 * </ul>
 *
 * <p>Every other character, letters of any script included, is kept. Each unsafe character is written as
 * {@code \}{@code uXXXX} (lowercase hex, one per UTF-16 unit), so a reader sees that it was there. Only this rule is
 * shared: each output format keeps its own escaping on top (Markdown, XML, JSON, HTML).
 */
public final class ControlCharacters {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private ControlCharacters() {}

  /** Whether the code point is one of the unsafe characters above. */
  public static boolean isUnsafe(int codePoint) {
    return codePoint < 0x20
        || (codePoint >= 0x7f && codePoint <= 0x9f)
        || codePoint == 0x061c
        || codePoint == 0x180e
        || (codePoint >= 0x200b && codePoint <= 0x200f)
        || (codePoint >= 0x2028 && codePoint <= 0x202e)
        || (codePoint >= 0x2060 && codePoint <= 0x206f)
        || (codePoint >= 0xd800 && codePoint <= 0xdfff)
        || codePoint == 0xfeff
        || (codePoint >= 0xfff9 && codePoint <= 0xfffb)
        || codePoint == 0xfffe
        || codePoint == 0xffff
        || (codePoint >= 0xe0000 && codePoint <= 0xe007f);
  }

  /** Text for one line (a terminal row, a log line, a message): every unsafe character escaped, line breaks too. */
  public static String escape(String text) {
    return escape(text, Integer.MAX_VALUE);
  }

  /** {@link #escape(String)} of at most {@code maxCodePoints} code points of the text, then {@code ...} when cut. */
  public static String escape(String text, int maxCodePoints) {
    return write(text, maxCodePoints, false, false);
  }

  /** Text of several lines (a code block, a report body): the same, but line feeds and tabs are kept. */
  public static String escapeKeepingLines(String text) {
    return write(text == null ? null : text.replace("\r\n", "\n"), Integer.MAX_VALUE, true, false);
  }

  /**
   * An identifier that is ASCII by definition (a host name, a tool name): unsafe characters and anything else outside
   * printable ASCII escaped, so a look-alike ({@code аpple.com} with a Cyrillic а) cannot pass for the real name.
   */
  public static String escapeIdentifier(String text, int maxCodePoints) {
    return write(text, maxCodePoints, false, true);
  }

  /**
   * Text kept in an artifact (a tool description an agent reads): unsafe characters removed rather than escaped, so
   * that what a reviewer sees is all the agent gets; line feeds and tabs are kept.
   */
  public static String removeKeepingLines(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().filter(cp -> cp == '\n' || cp == '\t' || !isUnsafe(cp)).forEach(out::appendCodePoint);
    return out.toString();
  }

  /** Whether the text holds an unsafe character other than a line feed or a tab. */
  public static boolean containsUnsafe(String text) {
    return text != null && text.codePoints().anyMatch(cp -> cp != '\n' && cp != '\t' && isUnsafe(cp));
  }

  private static String write(String text, int maxCodePoints, boolean keepLines, boolean asciiOnly) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), 1024) + 16);
    int count = 0;
    for (int i = 0; i < text.length(); ) {
      if (count++ == maxCodePoints) {
        return out.append("...").toString();
      }
      int cp = text.codePointAt(i);
      int width = Character.charCount(cp);
      boolean layout = keepLines && (cp == '\n' || cp == '\t');
      if (!layout && (isUnsafe(cp) || (asciiOnly && cp > 0x7e))) {
        for (int unit = i; unit < i + width; unit++) {
          char c = text.charAt(unit);
          out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xf]).append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
        }
      } else {
        out.appendCodePoint(cp);
      }
      i += width;
    }
    return out.toString();
  }
}
