package dev.cask.maven.diff;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WordDiffTest {
  @Test
  void wordsAreDiffedAndBothTextsRebuildExactly() {
    WordDiff diff = WordDiff.of("Get a user by id.\nReturns  the profile.", "Get a user by email.\nReturns  the full profile.");
    assertThat(diff.plain()).isEqualTo("Get a user by [-id.-]{+email.+}\nReturns  the {+full +}profile.");
    assertThat(diff.before()).isEqualTo("Get a user by id.\nReturns  the profile.");
    assertThat(diff.after()).isEqualTo("Get a user by email.\nReturns  the full profile.");
    assertThat(diff.insertedText()).isEqualTo("email. full");
  }

  @Test
  void changesSeparatedOnlyBySpacesReadAsOneReplacement() {
    assertThat(WordDiff.of("newest first.", "oldest last.").plain()).isEqualTo("[-newest first.-]{+oldest last.+}");
  }

  @Test
  void emptyTextsAndIdenticalTexts() {
    assertThat(WordDiff.of("", "New text").plain()).isEqualTo("{+New text+}");
    assertThat(WordDiff.of("Same", "Same").segments()).containsExactly(new WordDiff.Segment(WordDiff.Kind.EQUAL, "Same"));
  }

  @Test
  void hugeTextsAreShownReplacedWholeInsteadOfCostingQuadraticTime() {
    String big = "word ".repeat(WordDiff.MAX_TOKENS);
    WordDiff diff = WordDiff.of(big, big + "tail");
    assertThat(diff.segments()).extracting(WordDiff.Segment::kind).containsExactly(WordDiff.Kind.DELETED, WordDiff.Kind.INSERTED);
    assertThat(diff.after()).isEqualTo(big + "tail");
  }
}
