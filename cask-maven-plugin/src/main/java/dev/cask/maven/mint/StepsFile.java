package dev.cask.maven.mint;

import dev.cask.runtime.CaskException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a mint steps file: one step per line, a line starting with {@code #} is a comment, words are separated by
 * spaces and a word with spaces is written in double quotes ({@code \"} and {@code \\} inside them).
 *
 * <pre>
 * # a path on the start URL's origin, or an absolute URL
 * goto /login.html
 * fill #username alice
 * # from the environment: a secret (never logged, redacted everywhere it is recorded)
 * fill #password ${env:APP_PASSWORD}
 * click "#sign-in"
 * # seconds (default 10)
 * wait for "#list li" 10
 * # an option's value or visible text
 * select #sort newest
 * # the element's text contains the words; the page's URL contains the text
 * expect #status loaded
 * expect url /todos.html
 * </pre>
 *
 * A click on a submit button submits its form: the steps file is the only way a mint submits forms.
 */
public final class StepsFile {
  static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);
  private static final Pattern ENV = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");

  private StepsFile() {}

  /**
   * @param display how to name the file in messages
   * @param env the environment {@code ${env:NAME}} reads
   */
  public static List<Step> read(Path file, String display, Map<String, String> env) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new CaskException("-Dcask.mint.steps", null, "the steps file " + display + " does not exist",
          "give the path of a steps file (format: the site page \"Minting\")");
    } catch (IOException e) {
      throw new CaskException(display, null, "cannot be read: " + e.getMessage(), "check the file");
    }
    return parse(text, display, env);
  }

  static List<Step> parse(String text, String display, Map<String, String> env) {
    List<Step> steps = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int number = i + 1;
      List<String> words = words(line, display, number);
      steps.add(step(words, display, number, env));
    }
    if (steps.isEmpty()) {
      throw new CaskException(display, null, "has no steps", "write at least one step, e.g. goto /");
    }
    return List.copyOf(steps);
  }

  private static Step step(List<String> words, String display, int line, Map<String, String> env) {
    String verb = words.get(0);
    List<String> args = words.subList(1, words.size());
    return switch (verb) {
      case "goto" -> {
        expect(args, 1, "goto URL", display, line);
        yield new Step.Goto(line, args.get(0));
      }
      case "click" -> {
        expect(args, 1, "click SELECTOR", display, line);
        yield new Step.Click(line, args.get(0));
      }
      case "fill" -> {
        expect(args, 2, "fill SELECTOR VALUE", display, line);
        yield new Step.Fill(line, args.get(0), value(args.get(1), display, line, env));
      }
      case "select" -> {
        expect(args, 2, "select SELECTOR VALUE", display, line);
        yield new Step.Select(line, args.get(0), value(args.get(1), display, line, env));
      }
      case "wait" -> {
        if (args.isEmpty() || !args.get(0).equals("for") || args.size() < 2 || args.size() > 3) {
          throw bad(display, line, "is not 'wait for SELECTOR [SECONDS]'");
        }
        Duration timeout = DEFAULT_WAIT;
        if (args.size() == 3) {
          if (!args.get(2).matches("\\d{1,4}")) {
            throw bad(display, line, "waits '" + args.get(2) + "' seconds, which is not a whole number");
          }
          timeout = Duration.ofSeconds(Integer.parseInt(args.get(2)));
        }
        yield new Step.WaitFor(line, args.get(1), timeout);
      }
      case "expect" -> {
        expect(args, 2, "expect SELECTOR TEXT or expect url TEXT", display, line);
        yield args.get(0).equals("url") ? new Step.ExpectUrl(line, args.get(1)) : new Step.ExpectText(line, args.get(0), args.get(1));
      }
      default -> throw bad(display, line, "has the unknown step '" + verb + "' (steps: goto, click, fill, select, wait for, expect)");
    };
  }

  private static Step.Value value(String word, String display, int line, Map<String, String> env) {
    Matcher matcher = ENV.matcher(word);
    if (!matcher.find()) {
      return new Step.Value(word, null);
    }
    String name = matcher.group(1);
    String secret = env.get(name);
    if (secret == null) {
      throw new CaskException(display, "line " + line, "reads the environment variable " + name + ", which is not set",
          "set " + name + " in the environment of the build");
    }
    StringBuilder value = new StringBuilder();
    matcher.reset();
    int last = 0;
    while (matcher.find()) {
      String variable = env.get(matcher.group(1));
      if (variable == null) {
        throw new CaskException(display, "line " + line, "reads the environment variable " + matcher.group(1)
            + ", which is not set", "set it in the environment of the build");
      }
      value.append(word, last, matcher.start()).append(variable);
      last = matcher.end();
    }
    value.append(word.substring(last));
    return new Step.Value(value.toString(), name);
  }

  private static void expect(List<String> args, int count, String form, String display, int line) {
    if (args.size() != count) {
      throw bad(display, line, "is not '" + form + "' (" + args.size() + " word(s) after the step; quote words with spaces)");
    }
  }

  /** Splits a line into words: spaces separate, double quotes group, backslash escapes inside quotes. */
  static List<String> words(String line, String display, int number) {
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '\\' && i + 1 < line.length() && (line.charAt(i + 1) == '"' || line.charAt(i + 1) == '\\')) {
          word.append(line.charAt(++i));
        } else if (c == '"') {
          quoted = false;
        } else {
          word.append(c);
        }
      } else if (c == '"') {
        quoted = true;
        word = word == null ? new StringBuilder() : word;
      } else if (Character.isWhitespace(c)) {
        if (word != null) {
          words.add(word.toString());
          word = null;
        }
      } else {
        word = word == null ? new StringBuilder() : word;
        word.append(c);
      }
    }
    if (quoted) {
      throw bad(display, number, "has a quote that is not closed");
    }
    if (word != null) {
      words.add(word.toString());
    }
    return words;
  }

  private static CaskException bad(String display, int line, String problem) {
    return new CaskException(display, "line " + line, problem, "see the steps format on the site page \"Minting\"");
  }
}
