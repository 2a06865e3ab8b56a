package dev.cask.maven.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cask.runtime.CaskException;
import org.junit.jupiter.api.Test;

class SchemaCopiesTest {
  /** 57 bytes of compact JSON, no text to clean. */
  private static final String USER = "{'type':'object','properties':{'name':{'type':'string'}}}";

  @Test
  void everyCopyCountsTheDefinitionsCompactBytes() {
    SchemaCopies copies = new SchemaCopies(1_000);
    assertThat(Ops.json(USER).toString()).hasSize(57);
    copies.input("User", Ops.json(USER));
    copies.input("User", Ops.json(USER));
    copies.output("User", Ops.json("{'type':'object'}"));
    assertThat(copies.bytes()).isEqualTo(57 + 57 + 17);
  }

  @Test
  void anInputCopyCountsAsItsTextWillBeCleaned() {
    SchemaCopies copies = new SchemaCopies(1_000);
    copies.input("Note", Ops.json("{'type':'string','description':'  spaced   out  '}"));
    assertThat(copies.bytes()).as("the cleaned text, as tools.json will hold it")
        .isEqualTo(Ops.json("{'type':'string','description':'" + DescriptionText.clean("  spaced   out  ") + "'}")
            .toString().length());
  }

  @Test
  void theCompileStopsOnlyOnceTheCopiesAreMoreThanTheLimit() {
    SchemaCopies copies = new SchemaCopies(114);
    copies.input("User", Ops.json(USER));
    copies.input("User", Ops.json(USER));
    copies.check("github", 2); // 114 bytes: exactly the limit
    copies.input("User", Ops.json(USER));
    assertThatThrownBy(() -> copies.check("github", 3))
        .isInstanceOf(CaskException.class)
        .hasMessageContaining("toolpack github")
        .hasMessageContaining("would not fit in one toolpack: the 3 tools compiled so far carry 0.0 MiB of copies of the"
            + " source's shared schemas (3 copies, 1 per tool on average")
        .hasMessageContaining("more than the 0 MiB a toolpack file may hold")
        .hasMessageContaining("compile the source in parts").hasMessageContaining("-Dcask.operations");
  }
}
