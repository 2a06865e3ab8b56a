package dev.cask.maven.importers.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cask.runtime.json.CanonicalJson;
import dev.cask.runtime.model.capture.Capture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The same document gives the same capture bytes wherever it lies and whatever the JVM's locale and time zone. */
class DeterminismTest {
  @TempDir Path first;
  @TempDir Path second;

  @ParameterizedTest
  @ValueSource(strings = {"petstore-30.yaml", "swagger-20.yaml", "petstore-31.json", "split/api.yaml"})
  void sameDocumentGivesTheSameBytesUnderAnotherDirectoryLocaleAndTimeZone(String fixture) throws IOException {
    Path source = Fixtures.path(fixture).getParent();
    Path a = copyTree(source, first.resolve("checkout-one/api"));
    Path b = copyTree(source, second.resolve("elsewhere/two/api"));
    String name = Path.of(fixture).getFileName().toString();

    byte[] here = CanonicalJson.canonicalBytes(Fixtures.readFile(a.resolve(name), "api/" + name));
    Locale locale = Locale.getDefault();
    TimeZone zone = TimeZone.getDefault();
    byte[] there;
    try {
      Locale.setDefault(new Locale("tr", "TR"));
      TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Chatham")); // +12:45/+13:45: date shifts show up here
      there = CanonicalJson.canonicalBytes(Fixtures.readFile(b.resolve(name), "api/" + name));
    } finally {
      Locale.setDefault(locale);
      TimeZone.setDefault(zone);
    }
    assertThat(new String(there, java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(new String(here, java.nio.charset.StandardCharsets.UTF_8));
    assertThat(there).isEqualTo(here);
  }

  @Test
  void dateDefaultsSurviveTimeZonesEastOfUtc() {
    TimeZone zone = TimeZone.getDefault();
    Capture capture;
    try {
      TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati")); // UTC+14
      capture = Fixtures.read("petstore-30.yaml");
    } finally {
      TimeZone.setDefault(zone);
    }
    assertThat(capture.schemas().get("User").at("/properties/createdOn/default").asText()).isEqualTo("2020-01-01");
  }

  @Test
  void jsonAndYamlCopiesOfADocumentGiveEqualTrees() throws IOException {
    Path yaml = Fixtures.path("petstore-30.yaml");
    com.fasterxml.jackson.databind.JsonNode tree = SpecTreeReader.read(Files.readAllBytes(yaml), "petstore-30.yaml");
    Path json = Files.writeString(first.resolve("petstore-30.json"), tree.toString());
    Capture fromYaml = Fixtures.readFile(yaml, "api");
    Capture fromJson = Fixtures.readFile(json, "api");
    assertThat(fromJson.schemas()).isEqualTo(fromYaml.schemas());
    assertThat(fromJson.operations()).isEqualTo(fromYaml.operations());
  }

  private static Path copyTree(Path from, Path to) throws IOException {
    try (var files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
    return to;
  }
}
