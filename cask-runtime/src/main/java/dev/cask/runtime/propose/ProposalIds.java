package dev.cask.runtime.propose;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * Proposal ids: {@code p} and 11 characters of Crockford's base32 alphabet in lower case, 55 random bits from
 * {@link SecureRandom}. The strict format is also the file-name check: an id can never name a path outside the store
 * ({@code ../}, {@code /}, a NUL or a drive letter simply do not match).
 */
public final class ProposalIds {
  private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
  private static final Pattern FORMAT = Pattern.compile("p[0-9a-hjkmnp-tv-z]{11}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private ProposalIds() {}

  static String next() {
    char[] id = new char[12];
    id[0] = 'p';
    for (int i = 1; i < id.length; i++) {
      id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new String(id);
  }

  public static boolean isWellFormed(String id) {
    return id != null && FORMAT.matcher(id).matches();
  }
}
