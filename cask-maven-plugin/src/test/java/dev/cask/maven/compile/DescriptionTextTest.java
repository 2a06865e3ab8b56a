package dev.cask.maven.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shortcut of {@link DescriptionText#clean} never changes its result. */
class DescriptionTextTest {
  @ParameterizedTest
  @ValueSource(strings = {
      "", "Get a repository.", "two\n\nparagraphs", "tab\tinside", "a\n\n\nb", "trailing \nspace", "tab\t\nend",
      " leading", "trailing ", "\nnewline first", "last newline\n", "carriage\r\nreturn", "bell\u0007", "del\u007F",
      "caf\u00e9", "cafe\u0301", "zero\u200Bwidth", "bidi\u202Eevil", "nbsp\u00A0x", "emoji \uD83D\uDE00", "~tilde~"})
  void theShortcutGivesTheFullResult(String text) {
    assertThat(DescriptionText.clean(text)).isEqualTo(DescriptionText.cleanFully(text));
  }

  @Test
  void takesTheShortcutOnlyForTextThatCleaningLeavesAlone() {
    Random random = new Random(42);
    char[] alphabet = {'a', 'Z', ' ', '\t', '\n', '\r', '~', '\u007F', '\u0000', '\u00e9', '\u200B', '.'};
    int shortcuts = 0;
    for (int i = 0; i < 200_000; i++) {
      char[] text = new char[random.nextInt(8)];
      for (int j = 0; j < text.length; j++) {
        text[j] = alphabet[random.nextInt(alphabet.length)];
      }
      String s = new String(text);
      if (DescriptionText.isPlainClean(s)) {
        shortcuts++;
        assertThat(DescriptionText.cleanFully(s)).as("%s", s.replace("\n", "\\n").replace("\t", "\\t")).isEqualTo(s);
      }
      assertThat(DescriptionText.clean(s)).isEqualTo(DescriptionText.cleanFully(s));
    }
    assertThat(shortcuts).isGreaterThan(1_000);
  }
}
