package dev.cask.runtime.review;

import dev.cask.runtime.CaskException;
import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.lockfile.LockDecision;
import java.util.ArrayList;
import java.util.List;
import org.jline.keymap.BindingReader;
import org.jline.keymap.KeyMap;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp.Capability;

/**
 * The full-screen review on a JLine terminal (any terminal with cursor addressing, also over SSH): the tools as a
 * table with risk colours and change state, a filter by tier, text and pending state, a tool's full definition and its
 * diff against the approved one, and signed decisions with a reason. Keyboard only. Everything it shows and does comes
 * from the {@link ReviewSession}.
 */
final class FullScreenReview {
  private enum Op { UP, DOWN, PAGE_UP, PAGE_DOWN, HOME, END, OPEN, BACK, APPROVE, BLOCK, DIFF, FIND, TIER, PENDING, QUIT,
    INSERT, BACKSPACE, ACCEPT, CANCEL }

  private final Terminal terminal;
  private final ReviewSession session;
  private final Display display;
  private final BindingReader reader;
  private final KeyMap<Op> listKeys = new KeyMap<>();
  private final KeyMap<Op> inputKeys = new KeyMap<>();
  private final Object lock = new Object();

  private RiskTier tier;
  private String text = "";
  private boolean pendingOnly;
  private int selected;
  private int top;
  private boolean detail;
  private boolean diff;
  private int detailTop;
  private String status = "";
  private String promptLabel;
  private final StringBuilder input = new StringBuilder();
  private int signed;

  FullScreenReview(Terminal terminal, ReviewSession session) {
    this.terminal = terminal;
    this.session = session;
    this.display = new Display(terminal, true);
    this.reader = new BindingReader(terminal.reader());
    bindKeys();
  }

  private void bindKeys() {
    bind(listKeys, Op.UP, Capability.key_up, "\033[A", "\033OA", "k");
    bind(listKeys, Op.DOWN, Capability.key_down, "\033[B", "\033OB", "j");
    bind(listKeys, Op.PAGE_UP, Capability.key_ppage, "\033[5~");
    bind(listKeys, Op.PAGE_DOWN, Capability.key_npage, "\033[6~", " ");
    bind(listKeys, Op.HOME, Capability.key_home, "\033[H", "\033OH", "g");
    bind(listKeys, Op.END, Capability.key_end, "\033[F", "\033OF", "G");
    listKeys.bind(Op.OPEN, "\r", "\n", "\033[C", "\033OC", "l");
    listKeys.bind(Op.BACK, "\033", "\033[D", "\033OD", "h");
    listKeys.bind(Op.APPROVE, "a");
    listKeys.bind(Op.BLOCK, "b");
    listKeys.bind(Op.DIFF, "d");
    listKeys.bind(Op.FIND, "/");
    listKeys.bind(Op.TIER, "t");
    listKeys.bind(Op.PENDING, "p");
    listKeys.bind(Op.QUIT, "q", KeyMap.ctrl('C'));
    listKeys.setAmbiguousTimeout(150);
    inputKeys.bind(Op.INSERT, KeyMap.range(" -~"));
    inputKeys.setUnicode(Op.INSERT);
    inputKeys.bind(Op.BACKSPACE, KeyMap.del(), "\b");
    inputKeys.bind(Op.ACCEPT, "\r", "\n");
    inputKeys.bind(Op.CANCEL, "\033", KeyMap.ctrl('C'));
    inputKeys.setAmbiguousTimeout(150);
  }

  private void bind(KeyMap<Op> map, Op op, Capability capability, String... sequences) {
    String fromTerminal = KeyMap.key(terminal, capability);
    if (fromTerminal != null && !fromTerminal.isEmpty()) {
      map.bind(op, fromTerminal);
    }
    map.bind(op, sequences);
  }

  /** Runs until the reviewer quits; returns how many decisions were signed. */
  int run() {
    Attributes saved = terminal.enterRawMode();
    terminal.puts(Capability.enter_ca_mode);
    terminal.puts(Capability.keypad_xmit);
    // The alternate screen keeps the cursor where the build's output left it: start the frame at the top left.
    terminal.puts(Capability.clear_screen);
    terminal.flush();
    display.clear();
    Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.WINCH, signal -> render());
    try {
      while (true) {
        render();
        Op op = reader.readBinding(listKeys);
        if (op == null || (op == Op.QUIT && !detail)) {
          return signed;
        }
        handle(op);
      }
    } finally {
      terminal.handle(Terminal.Signal.WINCH, previous);
      terminal.puts(Capability.keypad_local);
      terminal.puts(Capability.exit_ca_mode);
      terminal.setAttributes(saved);
      terminal.flush();
    }
  }

  private List<ReviewItem> shown() {
    return session.items().stream().filter(i -> Screens.matches(i, tier, text, pendingOnly)).toList();
  }

  private ReviewItem current() {
    List<ReviewItem> rows = shown();
    if (rows.isEmpty()) {
      return null;
    }
    selected = Math.max(0, Math.min(selected, rows.size() - 1));
    return rows.get(selected);
  }

  private void handle(Op op) {
    status = "";
    int page = Math.max(1, terminal.getSize().getRows() - 8);
    switch (op) {
      case UP -> { if (detail) detailTop = Math.max(0, detailTop - 1); else selected = Math.max(0, selected - 1); }
      case DOWN -> { if (detail) detailTop++; else selected++; }
      case PAGE_UP -> { if (detail) detailTop = Math.max(0, detailTop - page); else selected = Math.max(0, selected - page); }
      case PAGE_DOWN -> { if (detail) detailTop += page; else selected += page; }
      case HOME -> { if (detail) detailTop = 0; else selected = 0; }
      case END -> { if (detail) detailTop = Integer.MAX_VALUE / 2; else selected = Integer.MAX_VALUE / 2; }
      case OPEN -> { if (current() != null) { detail = true; diff = false; detailTop = 0; } }
      case BACK, QUIT -> detail = false;
      case DIFF -> { if (current() != null) { detail = true; diff = !diff; detailTop = 0; } }
      case TIER -> {
        tier = Screens.TIERS.get((Screens.TIERS.indexOf(tier) + 1) % Screens.TIERS.size());
        selected = 0;
      }
      case PENDING -> { pendingOnly = !pendingOnly; selected = 0; }
      case FIND -> {
        String typed = ask("Find (name, call or description; empty shows all): ", text);
        if (typed != null) {
          text = typed;
          selected = 0;
        }
      }
      case APPROVE -> decide(LockDecision.APPROVED);
      case BLOCK -> decide(LockDecision.BLOCKED);
      default -> { }
    }
  }

  private void decide(LockDecision decision) {
    ReviewItem item = current();
    if (item == null) {
      return;
    }
    if (item.isPolicy() && decision == LockDecision.BLOCKED) {
      status = "The policy cannot be blocked: edit src/main/cask/policy.yaml instead.";
      return;
    }
    String verb = decision == LockDecision.APPROVED ? "approve" : "block";
    if (ReviewSession.needsTypedName(item, decision)) {
      String typed = ask("Sensitive tool: type its name to approve it: ", "");
      if (typed == null || !typed.equals(item.name())) {
        status = "Not approved: the typed name was not " + item.name() + ".";
        return;
      }
    } else {
      String answer = ask(Character.toUpperCase(verb.charAt(0)) + verb.substring(1) + " " + item.name() + "? (y/N) ", "");
      if (answer == null || !(answer.equalsIgnoreCase("y") || answer.equalsIgnoreCase("yes"))) {
        status = "Nothing signed.";
        return;
      }
    }
    String reason = ask("Reason (signed; Enter for \"" + session.defaultReason(decision) + "\"): ", "");
    if (reason == null) {
      status = "Nothing signed.";
      return;
    }
    try {
      status = session.decide(item, decision, reason);
      signed++;
    } catch (CaskException e) {
      status = "Not signed: " + e.getMessage();
    }
  }

  /** A line of input at the bottom of the screen; null when cancelled (Esc, Ctrl-C). */
  private String ask(String label, String initial) {
    promptLabel = label;
    input.setLength(0);
    input.append(initial);
    try {
      while (true) {
        render();
        Op op = reader.readBinding(inputKeys);
        if (op == null || op == Op.CANCEL) {
          return null;
        }
        switch (op) {
          case INSERT -> input.append(reader.getLastBinding());
          case BACKSPACE -> { if (input.length() > 0) input.setLength(input.length() - 1); }
          case ACCEPT -> { return input.toString().trim(); }
          default -> { }
        }
      }
    } finally {
      promptLabel = null;
    }
  }

  private void render() {
    synchronized (lock) {
      Size size = terminal.getSize();
      int rows = Math.max(10, size.getRows());
      int cols = Math.max(40, size.getColumns());
      display.resize(rows, cols);
      List<AttributedString> lines = new ArrayList<>();
      ReviewItem item = current();
      lines.add(header(cols));
      int body = rows - 4;
      if (detail && item != null) {
        detailBody(item, body, cols, lines);
      } else {
        listBody(body, cols, lines);
      }
      while (lines.size() < rows - 3) {
        lines.add(AttributedString.EMPTY);
      }
      lines.add(new AttributedString(fit(Screens.safe(status), cols), AttributedStyle.BOLD));
      int cursor = -1;
      if (promptLabel != null) {
        String line = fit(promptLabel + input, cols - 1);
        lines.add(new AttributedString(line, AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN)));
        cursor = size.cursorPos(rows - 2, Math.min(cols - 1, line.length()));
      } else {
        lines.add(AttributedString.EMPTY);
      }
      lines.add(new AttributedString(fit(help(), cols), AttributedStyle.DEFAULT.inverse()));
      display.update(lines.subList(0, rows), cursor);
      terminal.flush();
    }
  }

  private AttributedString header(int cols) {
    long pending = session.items().stream().filter(i -> i.state().pending()).count();
    String line = "Cask review: toolpack " + session.toolpackName() + "   " + (session.items().size() - 1) + " tools, "
        + pending + " need a decision   gate-check " + (session.passes() ? "PASSES" : "fails")
        + "   filter: tier " + (tier == null ? "all" : tier.wireName()) + (text.isEmpty() ? "" : ", '" + Screens.safe(text) + "'")
        + (pendingOnly ? ", pending only" : "");
    return new AttributedString(fit(line, cols), AttributedStyle.BOLD.inverse());
  }

  private void listBody(int body, int cols, List<AttributedString> lines) {
    List<ReviewItem> rows = shown();
    lines.add(new AttributedString(fit(String.format("  %-9s %-12s %-28s %s", "STATE", "RISK", "TOOL", "CALL"), cols),
        AttributedStyle.BOLD));
    int visible = body - 3;
    if (selected < top) {
      top = selected;
    } else if (selected >= top + visible) {
      top = selected - visible + 1;
    }
    for (int i = top; i < Math.min(rows.size(), top + visible); i++) {
      ReviewItem row = rows.get(i);
      AttributedStringBuilder line = new AttributedStringBuilder();
      line.append(i == selected ? "> " : "  ");
      line.style(stateStyle(row.state())).append(String.format("%-9s ", row.state().label()));
      line.style(tierStyle(row)).append(String.format("%-12s ", Screens.tierLabel(row)));
      line.style(AttributedStyle.DEFAULT).append(String.format("%-28s %s", row.name(), Screens.safe(row.call())));
      AttributedString rendered = line.toAttributedString().columnSubSequence(0, cols);
      lines.add(i == selected ? new AttributedStringBuilder().style(AttributedStyle.INVERSE).append(rendered).toAttributedString()
          : rendered);
    }
    if (rows.isEmpty()) {
      lines.add(new AttributedString("  (nothing matches the filter: t tier, / text, p pending only)"));
    }
    while (lines.size() < body - 1) {
      lines.add(AttributedString.EMPTY);
    }
    ReviewItem item = current();
    if (item != null) {
      String about = item.isPolicy() ? "the policy: " + (item.detail().isEmpty() ? "approved" : item.detail())
          : item.tool().definition().description();
      lines.add(new AttributedString(fit(item.name() + ": " + Screens.safe(about), cols), AttributedStyle.DEFAULT.faint()));
      if (!item.detail().isEmpty() && !item.isPolicy()) {
        lines.add(new AttributedString(fit("  gate: " + Screens.safe(item.detail()), cols), AttributedStyle.DEFAULT.faint()));
      }
    }
  }

  private void detailBody(ReviewItem item, int body, int cols, List<AttributedString> lines) {
    AttributedStringBuilder title = new AttributedStringBuilder();
    title.style(AttributedStyle.BOLD).append(item.name()).append("  ");
    title.style(tierStyle(item)).append("[" + Screens.tierLabel(item) + "]");
    title.style(AttributedStyle.DEFAULT).append("  " + Screens.safe(item.call()) + "  ");
    title.style(stateStyle(item.state())).append(item.state().label());
    title.style(AttributedStyle.DEFAULT).append(diff ? "   (diff against the approved definition)" : "   (full definition)");
    lines.add(title.toAttributedString().columnSubSequence(0, cols));
    List<String> content = new ArrayList<>();
    if (!item.isPolicy()) {
      content.add("risk: " + Screens.safe(String.join("; ", item.tool().definition().risk().reasons())));
      if (!item.detail().isEmpty()) {
        content.add("gate: " + Screens.safe(item.detail()));
      }
    }
    content.addAll(diff ? session.diff(item) : session.definition(item));
    // Long lines wrap instead of being cut: every character of a description must be readable before it is approved.
    List<AttributedString> wrapped = new ArrayList<>();
    for (String line : content) {
      AttributedStyle style = AttributedStyle.DEFAULT;
      if (diff && line.startsWith("+") && !line.startsWith("+++")) {
        style = style.foreground(AttributedStyle.GREEN);
      } else if (diff && line.startsWith("-") && !line.startsWith("---")) {
        style = style.foreground(AttributedStyle.RED);
      } else if (diff && line.startsWith("@@")) {
        style = style.foreground(AttributedStyle.CYAN);
      }
      for (int at = 0; at == 0 || at < line.length(); at += cols) {
        wrapped.add(new AttributedString(line.substring(at, Math.min(line.length(), at + cols)), style));
      }
    }
    int visible = body - 1;
    detailTop = Math.max(0, Math.min(detailTop, Math.max(0, wrapped.size() - visible)));
    lines.addAll(wrapped.subList(detailTop, Math.min(wrapped.size(), detailTop + visible)));
  }

  private String help() {
    return detail
        ? " Up/Down PgUp/PgDn scroll   d definition/diff   a approve   b block   q/Left back"
        : " Up/Down move   Enter definition   d diff   a approve   b block   t tier   / find   p pending   q quit";
  }

  private static String fit(String line, int cols) {
    return line.length() <= cols ? line : line.substring(0, Math.max(0, cols - 1)) + "~";
  }

  private static AttributedStyle stateStyle(ReviewItem.State state) {
    return switch (state) {
      case NEW -> AttributedStyle.BOLD.foreground(AttributedStyle.CYAN);
      case CHANGED -> AttributedStyle.BOLD.foreground(AttributedStyle.YELLOW);
      case APPROVED -> AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
      case BLOCKED -> AttributedStyle.DEFAULT.foreground(AttributedStyle.RED);
      case INVALID -> AttributedStyle.BOLD.foreground(AttributedStyle.RED);
    };
  }

  private static AttributedStyle tierStyle(ReviewItem item) {
    if (item.isPolicy()) {
      return AttributedStyle.DEFAULT.foreground(AttributedStyle.BLUE);
    }
    return switch (item.tier()) {
      case READ -> AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
      case WRITE -> AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW);
      case DESTRUCTIVE -> AttributedStyle.BOLD.foreground(AttributedStyle.RED);
      case SENSITIVE -> AttributedStyle.BOLD.foreground(AttributedStyle.MAGENTA);
    };
  }
}
