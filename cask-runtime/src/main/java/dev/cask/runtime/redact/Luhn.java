package dev.cask.runtime.redact;

/** The Luhn checksum that every payment card number passes (ISO/IEC 7812). */
final class Luhn {
  private Luhn() {}

  /** Whether the digits of {@code text} (separators ignored) are 13 to 19 digits with a valid checksum. */
  static boolean valid(String text) {
    int sum = 0;
    int count = 0;
    boolean doubled = false;
    for (int i = text.length() - 1; i >= 0; i--) {
      char c = text.charAt(i);
      if (c == ' ' || c == '-') {
        continue;
      }
      if (c < '0' || c > '9') {
        return false;
      }
      int digit = c - '0';
      if (doubled) {
        digit *= 2;
        if (digit > 9) {
          digit -= 9;
        }
      }
      sum += digit;
      doubled = !doubled;
      count++;
    }
    return count >= 13 && count <= 19 && sum % 10 == 0;
  }
}
