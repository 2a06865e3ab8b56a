package dev.cask.runtime.redact;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What the {@link Redactor} removes. Immutable; start from {@link #defaults()} and add to it.
 *
 * <p>Keys (JSON fields, form fields, query parameters, header names) are compared <em>normalized</em>: lower case with
 * everything but letters and digits removed, so {@code api_key}, {@code apiKey} and {@code X-Api-Key} all read
 * {@code apikey}/{@code xapikey}. A key is sensitive when its normalized form equals one of {@link #keys()} or ends with
 * one of {@link #keyEndings()}; its whole value is replaced, whatever its type.
 *
 * @param headers header names (lower case) whose values are always credentials
 * @param keys normalized keys whose values are always redacted
 * @param keyEndings normalized key endings whose values are always redacted ({@code newPassword}, {@code csrf_token})
 * @param patterns value patterns applied to every remaining text value, in order
 * @param allowedKeys normalized keys never redacted by the key rules or the personal-data patterns (credential patterns
 *     such as JWTs still apply)
 */
public record RedactionRules(
    Set<String> headers, Set<String> keys, Set<String> keyEndings, List<ValuePattern> patterns, Set<String> allowedKeys) {

  static final Set<String> DEFAULT_HEADERS =
      Set.of(
          "authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "api-key", "apikey",
          "x-auth-token", "x-access-token", "x-refresh-token", "x-session-token", "x-csrf-token", "x-xsrf-token",
          "csrf-token", "x-csrftoken", "x-amz-security-token", "x-goog-api-key", "ocp-apim-subscription-key",
          "authentication", "www-authenticate", "proxy-authenticate");

  static final Set<String> DEFAULT_KEYS =
      Set.of(
          "password", "passwd", "pwd", "pass", "passphrase", "secret", "token", "apikey", "key", "apisecret",
          "accesstoken", "refreshtoken", "idtoken", "clientsecret", "privatekey", "authorization", "auth",
          "credentials", "credential", "cookie", "session", "sessionid", "sid", "csrf", "csrftoken", "xsrftoken",
          "otp", "totp", "mfacode", "pin", "cvv", "cvc", "cvv2", "cardnumber", "creditcard", "ccnumber", "pan",
          "ssn", "socialsecuritynumber", "iban", "accountnumber", "signature", "sig", "jwt", "bearer",
          "secretkey", "accesskey", "accesskeyid");

  static final Set<String> DEFAULT_KEY_ENDINGS =
      Set.of("password", "passwd", "secret", "token", "apikey", "privatekey", "sessionid", "secretkey", "accesskey");

  /** Credentials first (a JWT contains no e-mail, but an e-mail rule must not eat half of a token), then personal data. */
  static List<ValuePattern> defaultPatterns() {
    List<ValuePattern> patterns = new ArrayList<>();
    patterns.add(credential("private-key",
        "-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)", text -> text.contains("PRIVATE KEY")));
    patterns.add(credential("jwt", "\\beyJ[A-Za-z0-9_-]{2,}\\.[A-Za-z0-9_-]{2,}\\.[A-Za-z0-9_-]*", text -> text.contains("eyJ")));
    patterns.add(credential("url-credentials", "(?i)(?<=\\b[a-z][a-z0-9+.-]{0,20}://)[^/\\s:@?#]+:[^/\\s@?#]+@",
        text -> text.contains("://") && text.indexOf('@') > 0));
    patterns.add(credential("auth-credentials", "(?i)\\b(?:bearer|basic|digest|token)\\s+[A-Za-z0-9._~+/=-]{8,}",
        text -> text.indexOf(' ') > 0 || text.indexOf('\t') > 0 || text.indexOf('\n') > 0));
    patterns.add(credential("api-key",
        "\\b(?:[sprk]k_(?:live|test)_[A-Za-z0-9]{10,}|gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{20,}"
            + "|AKIA[0-9A-Z]{16}|AIza[0-9A-Za-z_-]{35}|xox[abprs]-[A-Za-z0-9-]{10,}|glpat-[A-Za-z0-9_-]{20})",
        text -> text.length() >= 16 && (text.contains("k_") || text.contains("gh") || text.contains("AKIA")
            || text.contains("AIza") || text.contains("xox") || text.contains("glpat-"))));
    patterns.add(new ValuePattern("email",
        Pattern.compile("(?i)(?<![a-z0-9._%+-])[a-z0-9._%+-]{1,64}@[a-z0-9-]{1,63}(?:\\.[a-z0-9-]{1,63})*\\.[a-z]{2,24}\\b"),
        null, false, text -> text.indexOf('@') > 0));
    patterns.add(new ValuePattern("card-number", Pattern.compile("(?<![\\d-])[2-6](?:[ -]?\\d){12,18}(?![\\d-])"), Luhn::valid, false,
        text -> digits(text) >= 13));
    patterns.add(new ValuePattern("ssn", Pattern.compile("(?<![\\d-])(?!000|666|9\\d\\d)\\d{3}-(?!00)\\d{2}-(?!0000)\\d{4}(?![\\d-])"),
        null, false, text -> text.indexOf('-') > 0 && digits(text) >= 9));
    patterns.add(new ValuePattern("phone", Pattern.compile(
        "(?<![\\w/.:-])(?<!\\d )(?:\\+[1-9]\\d{7,14}(?!\\d)|(?:\\+\\d{1,3}[ .-]?)?(?:\\(\\d{2,4}\\)[ .-]?|\\d{2,4}[ .-])\\d{3,4}[ .-]\\d{3,4}(?![\\w/.-]| \\d))"),
        null, false, text -> digits(text) >= 8));
    return List.copyOf(patterns);
  }

  /** How many ASCII digits a text holds (stops counting at 20). */
  static int digits(String text) {
    int count = 0;
    for (int i = 0; i < text.length() && count < 20; i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        count++;
      }
    }
    return count;
  }

  private static ValuePattern credential(String rule, String regex, java.util.function.Predicate<String> quick) {
    return new ValuePattern(rule, Pattern.compile(regex), null, true, quick);
  }

  public RedactionRules {
    headers = lowerSet(headers);
    keys = normalizedSet(keys);
    keyEndings = normalizedSet(keyEndings);
    patterns = List.copyOf(patterns);
    allowedKeys = normalizedSet(allowedKeys);
  }

  /** Cask's built-in rules (documented on the site page "Traffic import"). */
  public static RedactionRules defaults() {
    return new RedactionRules(DEFAULT_HEADERS, DEFAULT_KEYS, DEFAULT_KEY_ENDINGS, defaultPatterns(), Set.of());
  }

  /** These rules plus more sensitive keys (also used as header names). */
  public RedactionRules withKeys(Collection<String> more) {
    Set<String> moreHeaders = new TreeSet<>(headers);
    more.forEach(key -> moreHeaders.add(key.trim().toLowerCase(Locale.ROOT)));
    Set<String> moreKeys = new TreeSet<>(keys);
    moreKeys.addAll(normalizedSet(more));
    return new RedactionRules(moreHeaders, moreKeys, keyEndings, patterns, allowedKeys);
  }

  /** These rules plus more value patterns, applied after the built-in ones. */
  public RedactionRules withPatterns(Collection<ValuePattern> more) {
    List<ValuePattern> all = new ArrayList<>(patterns);
    all.addAll(more);
    return new RedactionRules(headers, keys, keyEndings, all, allowedKeys);
  }

  /** These rules with fields whose values are kept (no key rule, no personal-data pattern; credentials still go). */
  public RedactionRules allowing(Collection<String> fields) {
    Set<String> allowed = new TreeSet<>(allowedKeys);
    allowed.addAll(normalizedSet(fields));
    return new RedactionRules(headers, keys, keyEndings, patterns, allowed);
  }

  /** {@code api_key} → {@code apikey}: lower case, letters and digits only. */
  public static String normalize(String key) {
    StringBuilder out = new StringBuilder(key.length());
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        out.append((char) (c + ('a' - 'A')));
      } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static Set<String> normalizedSet(Collection<String> values) {
    Set<String> out = new TreeSet<>();
    if (values != null) {
      for (String value : values) {
        String normalized = normalize(value);
        if (!normalized.isEmpty()) {
          out.add(normalized);
        }
      }
    }
    return java.util.Collections.unmodifiableSet(out);
  }

  private static Set<String> lowerSet(Collection<String> values) {
    Set<String> out = new TreeSet<>();
    if (values != null) {
      values.forEach(value -> out.add(value.trim().toLowerCase(Locale.ROOT)));
    }
    return java.util.Collections.unmodifiableSet(out);
  }
}
