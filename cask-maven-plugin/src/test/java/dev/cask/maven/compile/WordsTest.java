package dev.cask.maven.compile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WordsTest {
  @Test
  void splitsOnSeparatorsCamelCaseAcronymsAndDigits() {
    assertThat(Words.of("getUserByID")).containsExactly("get", "user", "by", "id");
    assertThat(Words.of("HTTPServerError")).containsExactly("http", "server", "error");
    assertThat(Words.of("actions/list-artifacts-for-repo")).containsExactly("actions", "list", "artifacts", "for", "repo");
    assertThat(Words.of("oauth2_token")).containsExactly("oauth", "2", "token");
    assertThat(Words.of("  ")).isEmpty();
    assertThat(Words.of(null)).isEmpty();
  }

  @Test
  void wholeWordsOnlyNeverSubstrings() {
    assertThat(Words.of("authors")).containsExactly("authors").doesNotContain("auth");
    assertThat(Words.of("badminton")).containsExactly("badminton").doesNotContain("admin");
  }

  @Test
  void singularOfSimplePlurals() {
    assertThat(Words.singular("tokens")).isEqualTo("token");
    assertThat(Words.singular("policies")).isEqualTo("policy");
    assertThat(Words.singular("addresses")).isEqualTo("address");
    assertThat(Words.singular("access")).isEqualTo("access");
    assertThat(Words.singular("authors")).isEqualTo("author");
  }
}
