package dev.cask.runtime.server.confirm;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * Challenge ids: 12 characters of Crockford's base32 alphabet in lower case (no i, l, o, u: easy to read aloud and
 * type), 60 random bits from {@link SecureRandom}. The strict format doubles as a file name check: an id can never
 * name a path outside the store.
 */
public final class ChallengeIds {
  private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
  private static final Pattern FORMAT = Pattern.compile("[0-9a-hjkmnp-tv-z]{12}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private ChallengeIds() {}

  public static String next() {
    char[] id = new char[12];
    for (int i = 0; i < id.length; i++) {
      id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new String(id);
  }

  public static boolean isWellFormed(String id) {
    return id != null && FORMAT.matcher(id).matches();
  }
}
