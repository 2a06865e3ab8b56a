package dev.cask.maven.mint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cask.runtime.CaskException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepsFileTest {
  private static final Map<String, String> ENV = Map.of("APP_PASSWORD", "s3cret-value", "SUFFIX", "-2");

  @Test
  void readsEveryStepWithQuotedWordsAndCssSelectorsStartingWithAHash() {
    List<Step> steps = StepsFile.parse(String.join("\n",
        "# comment",
        "goto /login.html",
        "",
        "fill #username alice",
        "click \"#sign in\"",
        "select #sort \"Newest first\"",
        "wait for \"#list li\" 25",
        "wait for .ready",
        "expect #status \"2 \\\"items\\\" loaded\"",
        "expect url /todos.html"), "app.steps", ENV);

    assertThat(steps).containsExactly(
        new Step.Goto(2, "/login.html"),
        new Step.Fill(4, "#username", new Step.Value("alice", null)),
        new Step.Click(5, "#sign in"),
        new Step.Select(6, "#sort", new Step.Value("Newest first", null)),
        new Step.WaitFor(7, "#list li", Duration.ofSeconds(25)),
        new Step.WaitFor(8, ".ready", Duration.ofSeconds(10)),
        new Step.ExpectText(9, "#status", "2 \"items\" loaded"),
        new Step.ExpectUrl(10, "/todos.html"));
  }

  @Test
  void aValueFromTheEnvironmentIsASecretThatIsNeverShown() {
    Step.Fill fill = (Step.Fill) StepsFile.parse("fill #password ${env:APP_PASSWORD}${env:SUFFIX}", "a.steps", ENV).get(0);

    assertThat(fill.value().text()).isEqualTo("s3cret-value-2");
    assertThat(fill.value().secret()).isTrue();
    assertThat(fill.value().shown()).isEqualTo("${env:APP_PASSWORD} (secret)");
    assertThat(fill.toString()).doesNotContain("s3cret-value");
  }

  @Test
  void mistakesNameTheFileAndLineAndNeverTheSecret() {
    assertThatThrownBy(() -> StepsFile.parse("goto /\nfill #password ${env:MISSING}", "a.steps", ENV))
        .isInstanceOf(CaskException.class).hasMessageContaining("a.steps at line 2")
        .hasMessageContaining("MISSING, which is not set");
    assertThatThrownBy(() -> StepsFile.parse("goto /\n\nsubmit #form", "a.steps", ENV))
        .hasMessageContaining("a.steps at line 3").hasMessageContaining("unknown step 'submit'");
    assertThatThrownBy(() -> StepsFile.parse("click #a #b", "a.steps", ENV))
        .hasMessageContaining("is not 'click SELECTOR'");
    assertThatThrownBy(() -> StepsFile.parse("fill #x \"open", "a.steps", ENV)).hasMessageContaining("quote that is not closed");
    assertThatThrownBy(() -> StepsFile.parse("wait for #x soon", "a.steps", ENV)).hasMessageContaining("not a whole number");
    assertThatThrownBy(() -> StepsFile.parse("# only a comment\n", "a.steps", ENV)).hasMessageContaining("has no steps");
  }
}
