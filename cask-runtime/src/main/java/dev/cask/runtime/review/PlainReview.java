package dev.cask.runtime.review;

import dev.cask.runtime.CaskException;
import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.lockfile.LockDecision;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * The review with plain line prompts, for a terminal that cannot draw a screen (a dumb terminal, an editor's shell,
 * input from a pipe): the same session, listed and driven by typed commands.
 */
final class PlainReview {
  private final ReviewSession session;
  private final BufferedReader in;
  private final PrintWriter out;
  private RiskTier tier;
  private String text = "";
  private boolean pendingOnly;
  private List<ReviewItem> shown = List.of();

  PlainReview(ReviewSession session, BufferedReader in, PrintWriter out) {
    this.session = session;
    this.in = in;
    this.out = out;
  }

  void run() throws IOException {
    out.println("Cask review of toolpack " + session.toolpackName() + " (plain prompts: this terminal cannot draw a screen)");
    out.println("Commands: list | show N | diff N | approve N | block N | tier read|write|destructive|sensitive|all"
        + " | find TEXT | pending | quit");
    list();
    while (true) {
      out.print("review> ");
      out.flush();
      String line = in.readLine();
      if (line == null) {
        return;
      }
      String[] words = line.trim().split("\\s+", 2);
      String command = words[0].toLowerCase(Locale.ROOT);
      String arg = words.length > 1 ? words[1].trim() : "";
      try {
        switch (command) {
          case "" -> { }
          case "q", "quit", "exit" -> { return; }
          case "l", "list" -> list();
          case "s", "show" -> session.definition(item(arg)).forEach(out::println);
          case "d", "diff" -> session.diff(item(arg)).forEach(out::println);
          case "a", "approve" -> decide(item(arg), LockDecision.APPROVED);
          case "b", "block" -> decide(item(arg), LockDecision.BLOCKED);
          case "t", "tier" -> {
            tier = arg.equalsIgnoreCase("all") || arg.isEmpty() ? null : RiskTier.parse(arg);
            list();
          }
          case "f", "find" -> {
            text = arg;
            list();
          }
          case "p", "pending" -> {
            pendingOnly = !pendingOnly;
            list();
          }
          default -> out.println("Unknown command '" + Screens.safe(command) + "'.");
        }
      } catch (CaskException | IllegalArgumentException e) {
        out.println("Not done: " + e.getMessage());
      }
    }
  }

  private void list() {
    shown = session.items().stream().filter(i -> Screens.matches(i, tier, text, pendingOnly)).toList();
    out.printf("%3s  %-9s %-12s %-28s %s%n", "#", "STATE", "RISK", "TOOL", "CALL");
    for (int i = 0; i < shown.size(); i++) {
      ReviewItem item = shown.get(i);
      out.printf("%3d  %-9s %-12s %-28s %s%n", i + 1, item.state().label(), Screens.tierLabel(item), item.name(),
          Screens.safe(item.call()));
    }
    long pending = session.items().stream().filter(i -> i.state().pending()).count();
    out.println(shown.size() + " shown; " + pending + " need a decision; gate-check " + (session.passes() ? "passes" : "fails"));
  }

  private ReviewItem item(String number) {
    try {
      int n = Integer.parseInt(number);
      if (n >= 1 && n <= shown.size()) {
        return shown.get(n - 1);
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new IllegalArgumentException("give the number of a listed row (1-" + shown.size() + ")");
  }

  private void decide(ReviewItem item, LockDecision decision) throws IOException {
    out.println(item.name() + "  [" + Screens.tierLabel(item) + "]  " + Screens.safe(item.call()) + "  (" + item.state().label() + ")");
    if (!item.isPolicy()) {
      out.println("  risk: " + Screens.safe(String.join("; ", item.tool().definition().risk().reasons())));
      out.println("  description: " + Screens.safe(item.tool().definition().description()));
    }
    if (ReviewSession.needsTypedName(item, decision)) {
      out.print("Sensitive tool: type its name to approve it (anything else cancels): ");
      out.flush();
      String typed = in.readLine();
      if (typed == null || !typed.trim().equals(item.name())) {
        out.println("Not approved: the name was not typed.");
        return;
      }
    } else {
      out.print((decision == LockDecision.APPROVED ? "Approve " : "Block ") + item.name() + "? [y/N] ");
      out.flush();
      String answer = in.readLine();
      if (answer == null || !answer.trim().toLowerCase(Locale.ROOT).matches("y|yes")) {
        out.println("Nothing signed.");
        return;
      }
    }
    out.print("Reason (signed; Enter for \"" + session.defaultReason(decision) + "\"): ");
    out.flush();
    String reason = in.readLine();
    out.println(session.decide(item, decision, reason));
    list();
  }
}
