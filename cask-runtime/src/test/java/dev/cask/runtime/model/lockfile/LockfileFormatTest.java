package dev.cask.runtime.model.lockfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cask.runtime.CaskException;
import dev.cask.runtime.verification.GateFiles;
import dev.cask.runtime.verification.GateFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockfileFormatTest {
  @TempDir Path dir;

  @Test
  void writingIsDeterministicAndRoundTripsUnderAHostileLocale() {
    Locale locale = Locale.getDefault();
    TimeZone zone = TimeZone.getDefault();
    try {
      GateFixture fixture = new GateFixture(dir);
      byte[] first = GateFiles.lockfileBytes(fixture.lockfile);
      Locale.setDefault(Locale.forLanguageTag("tr-TR"));
      TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
      GateFixture again = new GateFixture(dir);
      assertThat(GateFiles.lockfileBytes(again.lockfile)).isEqualTo(first);
      assertThat(GateFiles.parseLockfile(first, "cask.lock.yaml")).isEqualTo(fixture.lockfile);
      assertThat(GateFiles.parseSigners(GateFiles.signersBytes(fixture.signers), "s")).isEqualTo(fixture.signers);
      String text = new String(first, StandardCharsets.UTF_8);
      assertThat(text.indexOf("DELETE api.example.com")).isLessThan(text.indexOf("GET api.example.com"));
    } finally {
      Locale.setDefault(locale);
      TimeZone.setDefault(zone);
    }
  }

  @Test
  void valuesHaveExactlyOneSpelling() {
    assertThatThrownBy(() -> Names.instant("2026-03-01T12:00:00.000Z", "signedAt")).hasMessageContaining("2026-03-01T12:00:00Z");
    assertThatThrownBy(() -> Names.instant("2026-03-01T13:00:00+01:00", "signedAt")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Names.reason("ok\u202Eevil")).hasMessageContaining("U+202E");
    assertThatThrownBy(() -> OperationIds.parse("get api.example.com/x")).isInstanceOf(IllegalArgumentException.class);
    assertThat(OperationIds.parse("GET api.example.com:8443/users/{}").host()).isEqualTo("api.example.com:8443");
  }

  @Test
  void aDuplicateKeyNamesItsLine() {
    String yaml = "formatVersion: 1\ntoolpack: demo\nsequence: 1\nsequence: 2\noperations: {}\n";
    assertThatThrownBy(() -> GateFiles.parseLockfile(yaml.getBytes(StandardCharsets.UTF_8), "cask.lock.yaml"))
        .isInstanceOf(CaskException.class).hasMessageContaining("cask.lock.yaml").hasMessageContaining("line 4")
        .hasMessageContaining("sequence");
  }

  @Test
  void instantsAreAcceptedExactlyWhenTheIsoParserReadsThemBackUnchanged() {
    java.util.List<String> samples = new java.util.ArrayList<>(java.util.List.of(
        "2026-03-01T12:00:00Z", "2024-02-29T23:59:59Z", "2023-02-29T00:00:00Z", "2026-13-01T00:00:00Z",
        "2026-00-10T00:00:00Z", "2026-04-31T00:00:00Z", "2026-04-30T24:00:00Z", "2026-04-30T23:60:00Z",
        "2026-04-30T23:59:60Z", "0000-01-01T00:00:00Z", "0999-12-31T23:59:59Z", "9999-12-31T23:59:59Z",
        "2026-03-01t12:00:00Z", "2026-03-01T12:00:00z", "2026-03-01T12:00Z", "+2026-03-01T12:00:00Z",
        "2026-03-01T12:00:00.5Z", "2026-3-01T12:00:00Z", "2026-03-01T12:00:0aZ", "2026-03-01T12:00:00+00:00",
        "1900-02-29T00:00:00Z", "2000-02-29T00:00:00Z"));
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < 2000; i++) {
      samples.add(String.format(Locale.ROOT, "%04d-%02d-%02dT%02d:%02d:%02dZ", random.nextInt(10000), random.nextInt(14),
          random.nextInt(33), random.nextInt(26), random.nextInt(62), random.nextInt(62)));
    }
    for (String text : samples) {
      boolean iso;
      try {
        java.time.Instant instant = java.time.Instant.parse(text);
        iso = instant.getNano() == 0 && instant.toString().equals(text);
      } catch (java.time.format.DateTimeParseException e) {
        iso = false;
      }
      boolean accepted;
      try {
        accepted = Names.instant(text, "signedAt").equals(text);
      } catch (IllegalArgumentException e) {
        accepted = false;
      }
      assertThat(accepted).as(text).isEqualTo(iso);
    }
  }
}
