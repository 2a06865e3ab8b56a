package dev.cask.maven.diff;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import dev.cask.runtime.model.Lists;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A word-level diff of two texts, the way a reviewer reads a changed description: unchanged runs, removed words and
 * inserted words, in order. Whitespace stays attached to the tokens so that joining the {@code before} segments gives
 * the old text back exactly and joining the {@code after} segments gives the new one.
 *
 * <p>The diff is computed by java-diff-utils (Myers' algorithm, the same one {@code git diff} uses; a small,
 * dependency-free and maintained library): writing and testing our own LCS would add code without adding anything.
 *
 * @param segments the segments, in text order; adjacent segments never have the same kind
 */
public record WordDiff(List<Segment> segments) {
  private static final Pattern TOKEN = Pattern.compile("\\s+|[^\\s]+");

  /** Above this many tokens (words and spaces) on either side, the texts are shown replaced as a whole. */
  static final int MAX_TOKENS = 20_000;

  /** What a segment is. */
  public enum Kind {
    EQUAL,
    DELETED,
    INSERTED
  }

  /** A run of text of one kind. */
  public record Segment(Kind kind, String text) {
    public Segment {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(text, "text");
    }
  }

  public WordDiff {
    segments = Lists.copy(segments);
  }

  public static WordDiff of(String before, String after) {
    List<String> from = tokens(before);
    List<String> to = tokens(after);
    if (from.size() > MAX_TOKENS || to.size() > MAX_TOKENS) {
      // Myers is O((N+M)·D): bound the cost of hostile megabyte descriptions; show them replaced whole instead
      Builder whole = new Builder();
      whole.add(Kind.DELETED, from);
      whole.add(Kind.INSERTED, to);
      return new WordDiff(whole.segments);
    }
    Patch<String> patch = DiffUtils.diff(from, to);
    Builder builder = new Builder();
    List<String> deleted = new ArrayList<>();
    List<String> inserted = new ArrayList<>();
    int position = 0;
    for (AbstractDelta<String> delta : patch.getDeltas()) {
      int start = delta.getSource().getPosition();
      List<String> equal = from.subList(position, start);
      if (!deleted.isEmpty() || !inserted.isEmpty()) {
        if (equal.stream().allMatch(String::isBlank)) {
          // "[-a-] [-b-]{+c+} {+d+}" reads worse than "[-a b-]{+c d+}": a lone space between two changes joins them.
          deleted.addAll(equal);
          inserted.addAll(equal);
          equal = List.of();
        } else {
          builder.flush(deleted, inserted);
        }
      }
      builder.add(Kind.EQUAL, equal);
      deleted.addAll(delta.getSource().getLines());
      inserted.addAll(delta.getTarget().getLines());
      position = start + delta.getSource().size();
    }
    builder.flush(deleted, inserted);
    builder.add(Kind.EQUAL, from.subList(position, from.size()));
    return new WordDiff(builder.segments);
  }

  /** The old text. */
  public String before() {
    return join(Kind.INSERTED);
  }

  /** The new text. */
  public String after() {
    return join(Kind.DELETED);
  }

  /** Only the inserted words, joined by single spaces: what was added to the prompt. */
  public String insertedText() {
    return String.join(" ", segments.stream().filter(s -> s.kind() == Kind.INSERTED).map(s -> s.text().strip()).toList());
  }

  /** git's {@code --word-diff=plain} notation: {@code [-removed-]{+added+}}. */
  public String plain() {
    StringBuilder text = new StringBuilder();
    for (Segment segment : segments) {
      switch (segment.kind()) {
        case EQUAL -> text.append(segment.text());
        case DELETED -> text.append("[-").append(segment.text()).append("-]");
        case INSERTED -> text.append("{+").append(segment.text()).append("+}");
      }
    }
    return text.toString();
  }

  private String join(Kind skipped) {
    StringBuilder text = new StringBuilder();
    segments.stream().filter(s -> s.kind() != skipped).forEach(s -> text.append(s.text()));
    return text.toString();
  }

  private static List<String> tokens(String text) {
    List<String> tokens = new ArrayList<>();
    Matcher matcher = TOKEN.matcher(text == null ? "" : text);
    while (matcher.find()) {
      tokens.add(matcher.group());
    }
    return tokens;
  }

  private static final class Builder {
    private final List<Segment> segments = new ArrayList<>();

    void flush(List<String> deleted, List<String> inserted) {
      add(Kind.DELETED, deleted);
      add(Kind.INSERTED, inserted);
      deleted.clear();
      inserted.clear();
    }

    void add(Kind kind, List<String> tokens) {
      if (tokens.isEmpty()) {
        return;
      }
      String text = String.join("", List.copyOf(tokens));
      if (!segments.isEmpty() && segments.get(segments.size() - 1).kind() == kind) {
        Segment last = segments.remove(segments.size() - 1);
        text = last.text() + text;
      }
      segments.add(new Segment(kind, text));
    }
  }
}
