package dev.cask.runtime.redact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.json.CaskMappers;
import dev.cask.runtime.model.capture.Redaction;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RedactorTest {
  private static final String JWT =
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxNyIsIm5hbWUiOiJBZGEifQ.c2lnbmF0dXJlX3BsYW50ZWRfMTIz";
  private final Redactor redactor = Redactor.withDefaults();

  private static JsonNode json(String text) throws Exception {
    return CaskMappers.json().readTree(text.replace('\'', '"'));
  }

  @Test
  void authorizationKeepsOnlyItsSchemeWord() {
    RedactionLog log = new RedactionLog();
    assertThat(redactor.header("Authorization", "Bearer " + JWT, "f#e/1/headers", log))
        .isEqualTo("Bearer [REDACTED:auth-header]");
    assertThat(redactor.header("Authorization", "s3cr3t-raw-key", "f#e/1/headers", log)).isEqualTo("[REDACTED:auth-header]");
    assertThat(redactor.header("Cookie", "session=abc123; theme=dark", "f#e/1/headers", log)).isEqualTo("[REDACTED:auth-header]");
    assertThat(redactor.header("Set-Cookie", "sid=xyz; HttpOnly", "f#e/1/headers", log)).isEqualTo("[REDACTED:auth-header]");
    assertThat(redactor.header("X-Api-Key", "k_12345678", "f#e/1/headers", log)).isEqualTo("[REDACTED:auth-header]");
    assertThat(redactor.header("X-CSRF-Token", "abcdef", "f#e/1/headers", log)).isEqualTo("[REDACTED:auth-header]");
    assertThat(redactor.header("X-Service-Secret", "abcdef", "f#e/1/headers", log)).as("key ending 'secret'").isEqualTo("[REDACTED:auth-header]");
    assertThat(redactor.header("Accept", "application/json", "f#e/1/headers", log)).isEqualTo("application/json");
    assertThat(redactor.header("Referer", "https://x.example/?email=ada@example.com", "f#e/1/headers", log))
        .isEqualTo("https://x.example/?email=[REDACTED:email]");
    assertThat(log.redactions()).extracting(Redaction::location)
        .contains("f#e/1/headers/authorization", "f#e/1/headers/cookie", "f#e/1/headers/x-api-key", "f#e/1/headers/referer");
  }

  @Test
  void urlsLoseUserInfoSecretQueryValuesPersonalPathSegmentsAndFragment() {
    RedactionLog log = new RedactionLog();
    String url = redactor.url(
        "https://bob:hunter2@api.example.com/v1/users/ada%40example.com/orders?api_key=KEY123456&limit=10&access_token=" + JWT
            + "&note=call+%2B1+415+555+0142#token=abc",
        "f#entries/3/request/url", log);
    assertThat(url).doesNotContain("hunter2", "bob", "KEY123456", JWT, "ada", "415", "#", "abc");
    assertThat(url).startsWith("https://api.example.com/v1/users/%5BREDACTED%3Aemail%5D/orders?api_key=")
        .contains("limit=10");
    assertThat(log.redactions()).extracting(Redaction::rule)
        .contains("url-credentials", "email", "sensitive-key", "phone", "url-fragment");
    assertThat(log.redactions()).extracting(Redaction::location)
        .contains("f#entries/3/request/url/userinfo", "f#entries/3/request/url/query/api_key", "f#entries/3/request/url/path/3");
  }

  @Test
  void jsonTreesAreRedactedAtAnyDepthIncludingArraysAndKeepTheirTypes() throws Exception {
    JsonNode input = json("{'user':{'email':'ada@example.com','profile':{'phones':['+1 415 555 0142','(212) 555-0199']}},"
        + "'items':[{'sku':'a','secret':'S1'},{'sku':'b','card':{'number':4111111111111111,'cvv':737}}],"
        + "'auth':{'refresh_token':'r-1','client_secret':'cs'},'password':'pw','newPassword':'pw2','notes':'paid with 4111 1111 1111 1111',"
        + "'ok':'4111 1111 1111 1112','count':3,'ssn':null,'id':'078-05-1120','ada@example.com':{'x':1}}");
    RedactionLog log = new RedactionLog();
    JsonNode out = redactor.json(input, "f#body", log);
    String text = out.toString();
    assertThat(text).doesNotContain("ada@example.com", "415", "212", "S1", "4111111111111111", "737", "r-1", "\"cs\"",
        "\"pw\"", "pw2", "4111 1111 1111 1111", "078-05-1120");
    assertThat(out.at("/items/1/card/number").isNumber()).as("numbers stay numbers").isTrue();
    assertThat(out.at("/items/1/card/cvv").asInt()).isZero();
    assertThat(out.at("/ok").asText()).as("fails Luhn: not a card").isEqualTo("4111 1111 1111 1112");
    assertThat(out.at("/count").asInt()).isEqualTo(3);
    assertThat(out.at("/auth").isTextual()).as("a sensitive key's whole subtree goes").isTrue();
    assertThat(out.has("ada@example.com")).as("an e-mail used as a key is dropped").isFalse();
    assertThat(input.at("/user/email").asText()).as("input untouched").isEqualTo("ada@example.com");
    assertThat(log.redactions()).extracting(Redaction::location)
        .contains("f#body/user/email", "f#body/user/profile/phones/0", "f#body/items/0/secret", "f#body/items/1/card/number");
  }

  @Test
  void formBodiesRedactSensitiveFieldsAndPersonalValues() {
    RedactionLog log = new RedactionLog();
    String out = redactor.form("email=ada%40example.com&password=hunter2&rating=5&msg=hi+there", "f#body", log);
    assertThat(out).doesNotContain("hunter2", "ada").contains("rating=5", "msg=hi+there");
    assertThat(log.redactions()).extracting(Redaction::location).contains("f#body/email", "f#body/password");
  }

  @Test
  void freeTextPatterns() {
    RedactionLog log = new RedactionLog();
    String text = "jwt " + JWT + " basic Basic dXNlcjpwYXNzd29yZA== key AKIAABCDEFGHIJKLMNOP gh ghp_abcdefghijklmnopqrstuvwxyz0123456789"
        + " stripe sk_live_abcdefghij0123 ssn 078-05-1120 phone +14155550142 card 5500-0055-5555-5559\n"
        + "-----BEGIN PRIVATE KEY-----\nMIIEv\n-----END PRIVATE KEY-----";
    String out = redactor.text(text, "f#t", log);
    assertThat(out).doesNotContain(JWT, "dXNlcjpwYXNzd29yZA", "AKIAABCDEFGHIJKLMNOP", "ghp_", "sk_live", "078-05-1120",
        "4155550142", "5500-0055", "MIIEv");
    assertThat(log.redactions()).extracting(Redaction::rule)
        .contains("jwt", "auth-credentials", "api-key", "ssn", "phone", "card-number", "private-key");
  }

  @Test
  void ordinaryValuesAreNotPersonalData() {
    for (String value : List.of("2024-01-01", "127.0.0.1", "v1.2.3", "12:30:45", "ORD-2024-0001", "1700000000000",
        "order 12345 shipped", "3f2b8c1e-9a7d-4c1b-8e2f-1a2b3c4d5e6f", "https://example.com/a/b")) {
      assertThat(redactor.findRule(value)).as(value).isNull();
    }
  }

  @Test
  void rulesAreConfigurable() throws Exception {
    Redactor custom = new Redactor(RedactionRules.defaults()
        .withKeys(List.of("internal_code"))
        .withPatterns(List.of(ValuePattern.parse("employee-id=EMP-\\d{6}")))
        .allowing(List.of("contact_email")));
    RedactionLog log = new RedactionLog();
    JsonNode out = custom.json(json("{'internalCode':'x','who':'EMP-123456','contact_email':'desk@example.com','token':'t',"
        + "'contactEmail2':'a@example.com'}"), "f#b", log);
    assertThat(out.get("internalCode").asText()).isEqualTo("[REDACTED:sensitive-key]");
    assertThat(out.get("who").asText()).isEqualTo("[REDACTED:employee-id]");
    assertThat(out.get("contact_email").asText()).as("allow-listed").isEqualTo("desk@example.com");
    assertThat(out.get("contactEmail2").asText()).isEqualTo("[REDACTED:email]");
    assertThat(custom.header("Internal-Code", "zzz", "f#h", log)).isEqualTo("[REDACTED:auth-header]");
    JsonNode jwtInAllowed = custom.json(json("{'contact_email':'" + JWT + "'}"), "f#b", log);
    assertThat(jwtInAllowed.get("contact_email").asText()).as("credentials go even in allowed fields").isEqualTo("[REDACTED:jwt]");
  }

  @Test
  void recordsNeverHoldTheValueAndAreListedOncePerPlace() {
    RedactionLog log = new RedactionLog();
    for (int entry = 0; entry < 500; entry++) {
      redactor.header("Authorization", "Bearer tok" + entry + "abcdefgh", "f#entries/" + entry + "/request/headers", log);
    }
    assertThat(log.total()).isEqualTo(500);
    assertThat(log.redactions()).containsExactly(new Redaction("f#entries/0/request/headers/authorization", "auth-header"));
    assertThat(log.redactions().toString()).doesNotContain("tok0");
    log.scope("POST /login");
    redactor.header("Authorization", "Bearer tok999abcdefgh", "f#entries/999/request/headers", log);
    assertThat(log.redactions()).as("another scope lists the place again")
        .contains(new Redaction("f#entries/999/request/headers/authorization", "auth-header")).hasSize(2);
  }

  @Test
  void badCustomPatternsAreRejectedClearly() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ValuePattern.parse("x=("))
        .hasMessageContaining("not a valid Java regular expression");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ValuePattern.parse("no-equals"))
        .hasMessageContaining("rule-name=regex");
    assertThat(Pattern.compile("a").matcher("a").matches()).isTrue();
  }
}
