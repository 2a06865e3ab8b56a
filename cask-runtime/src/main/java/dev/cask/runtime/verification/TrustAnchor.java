package dev.cask.runtime.verification;

import dev.cask.runtime.CaskException;
import dev.cask.runtime.crypto.Ed25519Keys;
import dev.cask.runtime.model.lockfile.Names;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One trust anchor, as an operator gives it from outside the repository: signers-file version digests it vouches for,
 * and/or signer key fingerprints of which {@code threshold} must have signed a version. Verification walks the
 * signers chain from the newest version the anchor vouches for to the current one (site page "Signers").
 *
 * <p>Text form: tokens separated by white space or commas, {@code #} to the end of a line is a comment:
 * {@code sha256:<64 hex>} (a version's content digest), {@code ed25519:<64 hex>} (a key fingerprint) and
 * {@code threshold=N} (how many of the pinned keys must have signed; default 1).
 *
 * @param source where it came from, for messages ({@code --trust-anchor}, {@code CASK_TRUST_ANCHOR}, a file)
 * @param digests pinned signers-file version digests
 * @param fingerprints pinned key fingerprints
 * @param threshold how many distinct pinned keys must have signed a version for the anchor to vouch for it
 */
public record TrustAnchor(String source, List<String> digests, List<String> fingerprints, int threshold) {
  /** An anchor file larger than this is not an anchor file. */
  static final int MAX_FILE_BYTES = 64 * 1024;

  private static final String SYNTAX = "an anchor is sha256:<64 hex> (a signers version digest, printed by mvn "
      + "cask:gate-status) and/or ed25519:<64 hex> key fingerprints (printed by mvn cask:keygen), optionally threshold=N,"
      + " separated by commas or white space";

  public TrustAnchor {
    Objects.requireNonNull(source, "source");
    digests = List.copyOf(digests);
    fingerprints = List.copyOf(fingerprints);
    if (digests.isEmpty() && fingerprints.isEmpty()) {
      throw new IllegalArgumentException("pins nothing");
    }
    if (threshold < 1 || (!fingerprints.isEmpty() && threshold > fingerprints.size())) {
      throw new IllegalArgumentException("threshold=" + threshold + " must be between 1 and the " + fingerprints.size()
          + " pinned key(s)");
    }
  }

  /**
   * An anchor given as a value ({@code sha256:...}, {@code ed25519:...}) or as the path of a file holding one: a value
   * starts with one of the token prefixes, anything else is a path.
   *
   * @throws CaskException naming the source, the token and the fix when it is not an anchor or the file is unreadable
   */
  public static TrustAnchor read(String source, String valueOrFile) {
    String text = valueOrFile == null ? "" : valueOrFile.strip();
    if (text.isEmpty()) {
      throw new CaskException(source, null, "is empty", SYNTAX);
    }
    if (isValue(text)) {
      return parse(source, text);
    }
    return readFile(source, Path.of(text));
  }

  /** An anchor file (the text form); {@code source} says how it was named. */
  public static TrustAnchor readFile(String source, Path file) {
    String label = source.equals(file.toString()) ? source : source + " (file " + file + ")";
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new CaskException(label, null, "is larger than " + MAX_FILE_BYTES + " bytes, so it is not an anchor file", SYNTAX);
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new CaskException(source, null, "names the file " + file + ", which does not exist",
          "give the anchor itself (" + SYNTAX + ") or the path of a file that holds it");
    } catch (IOException e) {
      throw new CaskException(label, null, "cannot be read: " + e.getMessage(), "check the path and its permissions");
    }
    return parse(label, new String(bytes, StandardCharsets.UTF_8));
  }

  /** Whether {@code text} is an anchor itself rather than the path of a file holding one (see {@link #read}). */
  public static boolean isValue(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    return lower.startsWith("sha256:") || lower.startsWith(Ed25519Keys.KEY_ID_PREFIX) || lower.startsWith("threshold=");
  }

  /** Parses the text form. */
  public static TrustAnchor parse(String source, String text) {
    List<String> digests = new ArrayList<>();
    List<String> fingerprints = new ArrayList<>();
    Integer threshold = null;
    for (String line : text.split("\n", -1)) {
      int hash = line.indexOf('#');
      String body = hash >= 0 ? line.substring(0, hash) : line;
      for (String token : body.split("[\\s,]+")) {
        if (token.isEmpty()) {
          continue;
        }
        if (token.startsWith("threshold=")) {
          if (threshold != null) {
            throw new CaskException(source, token, "names a threshold twice", SYNTAX);
          }
          try {
            threshold = Integer.parseInt(token.substring("threshold=".length()));
          } catch (NumberFormatException e) {
            throw new CaskException(source, token, "is not a whole number", "write threshold=N, e.g. threshold=2");
          }
        } else if (Names.DIGEST.matcher(token).matches()) {
          add(digests, token);
        } else if (Ed25519Keys.FINGERPRINT.matcher(token).matches()) {
          add(fingerprints, token);
        } else if (Ed25519Keys.KEY_ID.matcher(token).matches()) {
          throw new CaskException(source, token, "is a key id (the first 16 hex digits of the fingerprint, 64 bits): too "
              + "short to pin trust on", "pin the key's full fingerprint, ed25519:<64 hex>, as mvn cask:keygen prints it or "
              + "openssl pkey -pubin -in KEY.pem -outform DER | tail -c 32 | sha256sum computes it");
        } else {
          throw new CaskException(source, printable(token), "is not an anchor token", SYNTAX);
        }
      }
    }
    if (digests.isEmpty() && fingerprints.isEmpty()) {
      throw new CaskException(source, null, "pins no signers version and no key", SYNTAX);
    }
    if (threshold != null && fingerprints.isEmpty()) {
      throw new CaskException(source, "threshold=" + threshold, "applies to pinned keys, and none is pinned",
          "pin keys (ed25519:<64 hex>) or drop the threshold");
    }
    try {
      return new TrustAnchor(source, digests, fingerprints, threshold == null ? 1 : threshold);
    } catch (IllegalArgumentException e) {
      throw new CaskException(source, null, e.getMessage(), SYNTAX);
    }
  }

  private static void add(List<String> list, String token) {
    if (!list.contains(token)) {
      list.add(token);
    }
  }

  private static String printable(String token) {
    String cut = token.length() > 80 ? token.substring(0, 80) + "..." : token;
    return cut.codePoints().allMatch(c -> c >= 0x20 && c < 0x7f) ? cut : "(a token with non-ASCII or control characters)";
  }

  /** What it pins, for messages: {@code sha256:1234abcd5678 or 2 of keys ed25519:...}. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    digests.forEach(d -> parts.add("version " + d));
    if (!fingerprints.isEmpty()) {
      parts.add((fingerprints.size() == 1 ? "key " : threshold + " of keys ") + String.join(", ", fingerprints));
    }
    return String.join(" or ", parts);
  }
}
