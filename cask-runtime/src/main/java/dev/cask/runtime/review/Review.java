package dev.cask.runtime.review;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * Starts a review: the full-screen one on a terminal that can draw (JLine's system terminal, also over SSH), plain
 * line prompts otherwise (a dumb terminal, no terminal at all). {@code java -jar cask-runtime.jar review} and
 * {@code mvn cask:review} both start here.
 */
public final class Review {
  private Review() {}

  /**
   * @param in the input for plain prompts (when there is no terminal)
   * @param out the output for plain prompts and the closing summary
   * @return the closing summary line (whether gate-check passes now)
   */
  public static String run(ReviewSettings settings, Clock clock, InputStream in, OutputStream out) {
    ReviewSession session = new ReviewSession(settings, clock);
    PrintWriter writer = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
    try (Terminal terminal = TerminalBuilder.builder().name("cask review").system(true)
        .systemOutput(TerminalBuilder.SystemOutput.SysOut).dumb(true).build()) {
      if (terminal.getType().startsWith(Terminal.TYPE_DUMB) || terminal.getSize().getRows() < 10) {
        new PlainReview(session, new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), writer).run();
      } else {
        session.identity();
        new FullScreenReview(terminal, session).run();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("the terminal failed", e);
    }
    session.refresh();
    String summary = session.passes()
        ? "gate-check passes: every tool of " + session.toolpackName() + " has a signed decision and the policy is approved"
        : "gate-check still fails: " + session.errors().size() + " problem(s) (mvn cask:gate-status lists them)";
    writer.println(summary);
    return summary;
  }
}
