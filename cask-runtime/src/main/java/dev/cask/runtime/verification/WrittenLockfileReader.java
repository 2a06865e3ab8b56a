package dev.cask.runtime.verification;

import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.lockfile.Approval;
import dev.cask.runtime.model.lockfile.LockDecision;
import dev.cask.runtime.model.lockfile.LockEntry;
import dev.cask.runtime.model.lockfile.Lockfile;
import dev.cask.runtime.model.lockfile.PolicyLock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads a lockfile that is laid out exactly as {@link GateFiles#lockfileBytes} writes it, without a YAML parser; for
 * anything else it answers {@code null} and the caller parses the file with the strict YAML mapper.
 *
 * <p>Why: a server's start-up reads the lockfile before it can serve, and the general YAML stack (SnakeYAML's
 * character-by-character scanner, Jackson's binding) spends hundreds of milliseconds on a 700 KiB lockfile in a cold
 * JVM, most of it before the JIT has compiled the scanner. This reader is a few line splits.
 *
 * <p>Why it cannot read a file differently from the YAML path: it accepts only the writer's layout, line by line (keys
 * in the writer's order at the writer's indentation, comments only in the leading header, LF line ends, nothing after
 * the last entry), and only scalars whose meaning in YAML is their literal text: each field's value must match a
 * pattern that excludes every YAML-special spelling (no indicator first, no {@code ": "} or {@code " #"}, no reserved
 * word such as {@code null}, {@code yes} or {@code on}, nothing a YAML resolver reads as a number, date or boolean; a
 * quoted value only without escapes or quotes inside; ASCII only). Any other line, spelling or value makes it give up,
 * and the YAML path then reads the file (and reports its problems with their lines). The model's own validation runs
 * either way. {@code WrittenLockfileReaderTest} checks that both paths agree on every accepted input, including
 * thousands of mutated lockfiles.
 */
final class WrittenLockfileReader {
  private static final Pattern COUNT = Pattern.compile("0|[1-9][0-9]{0,17}");
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0,127}");
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final Pattern OPERATION = Pattern.compile("[A-Z]{3,7} [a-z0-9][a-z0-9.-]*(:[0-9]{1,5})?/[A-Za-z0-9/{}._~-]*");
  private static final Pattern KEY_ID = Pattern.compile("ed25519:[0-9a-f]{16}");
  private static final Pattern SIGNED_AT = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z");
  private static final Pattern PLAIN_TEXT = Pattern.compile("[A-Za-z][A-Za-z0-9 _./()=@-]*[A-Za-z0-9_./()=@-]|[A-Za-z]");
  private static final Pattern QUOTABLE = Pattern.compile("[ !#-&(-\\[\\]-~]*"); // printable ASCII but ' " \
  private static final Pattern SIGNATURE = Pattern.compile("[A-Za-z0-9+/]{86}==");
  /** Plain words YAML 1.1 resolves to booleans or null (compared ignoring case, so also {@code NULL}, {@code Yes}). */
  private static final Set<String> RESERVED =
      Set.of("null", "true", "false", "yes", "no", "on", "off", "y", "n");

  private final String[] lines;
  private int next;

  private WrittenLockfileReader(String[] lines) {
    this.lines = lines;
  }

  /** The lockfile, or null when the bytes are not exactly in the writer's layout (then the YAML path decides). */
  static Lockfile read(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0 || (b < 0x20 && b != '\n')) {
        return null; // non-ASCII, tabs, CR and other control characters: the YAML path
      }
    }
    String text = new String(bytes, StandardCharsets.US_ASCII);
    if (!text.endsWith("\n")) {
      return null;
    }
    try {
      return new WrittenLockfileReader(text.substring(0, text.length() - 1).split("\n", -1)).lockfile();
    } catch (NotWritten | IllegalArgumentException | NullPointerException e) {
      return null; // another layout, or a value the model refuses: the YAML path reports it with its line
    }
  }

  private Lockfile lockfile() {
    while (next < lines.length && lines[next].startsWith("#")) {
      next++;
    }
    int formatVersion = Integer.parseInt(value("", "formatVersion", COUNT));
    String toolpack = plainName(value("", "toolpack", NAME));
    long sequence = Long.parseLong(value("", "sequence", COUNT));
    PolicyLock policy = null;
    if (at("policy:")) {
      next++;
      String digest = value("  ", "digest", DIGEST);
      String toolsets = peek("  toolsets: ") ? value("  ", "toolsets", DIGEST) : null;
      policy = new PolicyLock(digest, toolsets, approvals("  "));
    }
    TreeMap<String, LockEntry> operations = new TreeMap<>();
    if (at("operations: {}")) {
      next++;
    } else {
      expect("operations:");
      while (next < lines.length) {
        String line = lines[next++];
        if (!line.startsWith("  ") || !line.endsWith(":")) {
          throw new NotWritten();
        }
        String operation = line.substring(2, line.length() - 1);
        if (!OPERATION.matcher(operation).matches() || operations.containsKey(operation)) {
          throw new NotWritten();
        }
        String tool = plainName(value("    ", "tool", NAME));
        String digest = value("    ", "digest", DIGEST);
        RiskTier risk = RiskTier.parse(value("    ", "risk", NAME));
        LockDecision decision = LockDecision.parse(value("    ", "decision", NAME));
        operations.put(operation, new LockEntry(tool, digest, risk, decision, approvals("    ")));
      }
    }
    if (next != lines.length) {
      throw new NotWritten();
    }
    return new Lockfile(formatVersion, toolpack, sequence, policy, operations);
  }

  private List<Approval> approvals(String indent) {
    if (at(indent + "approvals: []")) {
      next++;
      return List.of();
    }
    expect(indent + "approvals:");
    String item = indent + "  - ";
    String field = indent + "    ";
    List<Approval> approvals = new ArrayList<>();
    while (peek(item)) {
      lines[next] = field + lines[next].substring(item.length()); // "- signer: x" is the item's first field
      String signer = plainName(value(field, "signer", NAME));
      String keyId = value(field, "keyId", KEY_ID);
      String signedAt = value(field, "signedAt", SIGNED_AT);
      String reason = text(value(field, "reason", null));
      String signature = value(field, "signature", SIGNATURE);
      approvals.add(new Approval(signer, keyId, signedAt, reason, signature));
    }
    if (approvals.isEmpty()) {
      throw new NotWritten();
    }
    return approvals;
  }

  /** The value of {@code indent + key + ": " + value} on the next line, matching {@code pattern} when given. */
  private String value(String indent, String key, Pattern pattern) {
    String prefix = indent + key + ": ";
    if (!peek(prefix)) {
      throw new NotWritten();
    }
    String value = lines[next++].substring(prefix.length());
    if (pattern != null && !pattern.matcher(value).matches()) {
      throw new NotWritten();
    }
    return value;
  }

  /** A name-like plain scalar that YAML does not read as a boolean or null. */
  private static String plainName(String value) {
    if (RESERVED.contains(value.toLowerCase(Locale.ROOT))) {
      throw new NotWritten();
    }
    return value;
  }

  /** Free text: plain without YAML meaning, or quoted without escapes or quotes inside; else not ours to read. */
  private static String text(String value) {
    if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
      String inside = value.substring(1, value.length() - 1);
      if (QUOTABLE.matcher(inside).matches()) {
        return inside;
      }
      throw new NotWritten();
    }
    if (PLAIN_TEXT.matcher(value).matches()) {
      return plainName(value);
    }
    throw new NotWritten();
  }

  private boolean peek(String prefix) {
    return next < lines.length && lines[next].startsWith(prefix);
  }

  private boolean at(String line) {
    return next < lines.length && lines[next].equals(line);
  }

  private void expect(String line) {
    if (!at(line)) {
      throw new NotWritten();
    }
    next++;
  }

  /** The text is not in the writer's layout. */
  private static final class NotWritten extends RuntimeException {
    NotWritten() {
      super(null, null, false, false);
    }
  }
}
