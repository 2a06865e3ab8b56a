package dev.cask.maven.incremental;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cask.maven.importers.CaptureImporter;
import dev.cask.maven.importers.ImportSettings;
import dev.cask.maven.log.BuildLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The up-to-date check skips a goal only when nothing it depends on or wrote has changed: every kind of change (input
 * bytes, an added input, a document reached through $ref, a setting, the plugin's code, an output edited or deleted,
 * a lost or damaged record) makes it run again.
 */
class UpToDateCheckTest {
  @TempDir Path project;
  private Path stamp;
  private Path input;
  private Path plugin;
  private Path output;
  private Path zip;

  @BeforeEach
  void setUp() throws IOException {
    stamp = project.resolve("target/cask-build-stamps/compile.json");
    input = write("src/main/cask/api.yaml", "openapi: 3.0.3");
    plugin = write("plugin/cask-maven-plugin.jar", "plugin code v1");
    output = write("target/cask/tools.json", "{\"tools\": []}");
    zip = write("target/demo-toolpack.zip", "zip bytes");
  }

  private Path write(String name, String text) throws IOException {
    Path file = project.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private UpToDateCheck check(SortedMap<String, String> settings, List<Path> inputs) {
    SortedMap<String, Path> code = new TreeMap<>();
    code.put("dev.cask:cask-maven-plugin:maven-plugin:0.1.0-SNAPSHOT", plugin);
    return new UpToDateCheck(stamp, project, new UpToDateCheck.Goal(settings, code, inputs, List.of(output, zip)));
  }

  private UpToDateCheck check() {
    return check(settings("demo"), List.of(input));
  }

  private static SortedMap<String, String> settings(String toolpackName) {
    SortedMap<String, String> settings = new TreeMap<>();
    settings.put("cask.toolpackName", toolpackName);
    settings.put("cask.strict", "false");
    return settings;
  }

  @Test
  void runsWhenThereIsNoRecordAndIsUpToDateAfterARecordedRun() {
    assertThat(check().staleReason()).isEqualTo("no record of an earlier run");
    check().record(List.of());
    assertThat(check().staleReason()).isNull();
  }

  @Test
  void timestampsAloneChangeNothing() throws IOException {
    check().record(List.of());
    Files.setLastModifiedTime(input, FileTime.fromMillis(0));
    Files.setLastModifiedTime(output, FileTime.fromMillis(0));
    assertThat(check().staleReason()).isNull();
  }

  @Test
  void changedInputRuns() throws IOException {
    check().record(List.of());
    Files.writeString(input, "openapi: 3.1.0");
    assertThat(check().staleReason()).isEqualTo("src/main/cask/api.yaml changed");
  }

  @Test
  void sameSizeEditInTheClockTickOfTheRecordIsStillSeen() throws IOException {
    // A file system whose clock ticks once a second: the output and the record get the same time.
    FileTime tick = FileTime.fromMillis(1_700_000_000_000L);
    Files.setLastModifiedTime(output, tick);
    check().record(List.of());
    Files.setLastModifiedTime(stamp, tick);
    assertThat(check().staleReason()).isNull();
    Files.writeString(output, "{\"tools\": {}}"); // as long as before, in the same tick: size and time cannot tell
    Files.setLastModifiedTime(output, tick);
    assertThat(check().staleReason()).isEqualTo("target/cask/tools.json is missing or not as the last run wrote it");
  }

  @Test
  void addedOrRemovedInputRuns() throws IOException {
    check().record(List.of());
    Path added = write("src/main/cask/more.har", "{}");
    assertThat(check(settings("demo"), List.of(input, added)).staleReason())
        .isEqualTo("the input files changed (added or removed)");
    check(settings("demo"), List.of(input, added)).record(List.of());
    assertThat(check().staleReason()).isEqualTo("the input files changed (added or removed)");
  }

  @Test
  void deletedInputRuns() throws IOException {
    Path policy = write("src/main/cask/policy.yaml", "default: deny");
    check(settings("demo"), List.of(input, policy)).record(List.of());
    Files.delete(policy);
    assertThat(check(settings("demo"), List.of(input, policy)).staleReason()).isEqualTo("src/main/cask/policy.yaml changed");
  }

  @Test
  void documentReachedThroughAReferenceIsAnInputToo() throws IOException {
    Path referenced = write("src/main/cask/schemas/pet.yaml", "Pet: {type: object}");
    check().record(List.of(referenced));
    assertThat(check().staleReason()).isNull();
    Files.writeString(referenced, "Pet: {type: string}");
    assertThat(check().staleReason()).isEqualTo("src/main/cask/schemas/pet.yaml changed");
    check().record(List.of(referenced));
    Files.delete(referenced);
    assertThat(check().staleReason()).isEqualTo("src/main/cask/schemas/pet.yaml changed");
  }

  @Test
  void changedSettingRunsAndNamesIt() {
    check().record(List.of());
    assertThat(check(settings("other"), List.of(input)).staleReason()).isEqualTo("the settings changed (cask.toolpackName)");
    SortedMap<String, String> more = settings("demo");
    more.put("cask.baseUrl", "https://api.example.com");
    assertThat(check(more, List.of(input)).staleReason()).isEqualTo("the settings changed (cask.baseUrl)");
  }

  @Test
  void anotherBuildOfThePluginRuns() throws IOException {
    check().record(List.of());
    Files.writeString(plugin, "plugin code v2");
    assertThat(check().staleReason()).startsWith("the plugin changed");
  }

  @Test
  void pluginClassesDirectoryIsHashedFileByFile() throws IOException {
    Path classes = write("plugin/classes/dev/cask/A.class", "a").getParent().getParent().getParent();
    SortedMap<String, Path> code = new TreeMap<>();
    code.put("plugin", classes);
    UpToDateCheck fromClasses =
        new UpToDateCheck(stamp, project, new UpToDateCheck.Goal(settings("demo"), code, List.of(input), List.of(output)));
    fromClasses.record(List.of());
    assertThat(fromClasses.staleReason()).isNull();
    write("plugin/classes/dev/cask/B.class", "b");
    assertThat(fromClasses.staleReason()).startsWith("the plugin changed");
  }

  @Test
  void editedOrDeletedOutputRuns() throws IOException {
    check().record(List.of());
    Files.writeString(output, "{\"tools\": [{\"name\": \"injected\"}]}");
    assertThat(check().staleReason()).isEqualTo("target/cask/tools.json is missing or not as the last run wrote it");
    check().record(List.of());
    Files.delete(zip);
    assertThat(check().staleReason()).isEqualTo("target/demo-toolpack.zip is missing or not as the last run wrote it");
  }

  @Test
  void forgottenOrDamagedRecordRuns() throws IOException {
    check().record(List.of());
    check().forget();
    assertThat(check().staleReason()).isEqualTo("no record of an earlier run");
    check().record(List.of());
    Files.writeString(stamp, "{\"format\": {\"version\": \"cask-build-stamp/0\"}, \"inputs\": {}, \"outputs\": {}}");
    assertThat(check().staleReason()).isEqualTo("no record of an earlier run");
    Files.writeString(stamp, "{not json");
    assertThat(check().staleReason()).isEqualTo("no record of an earlier run");
  }

  @Test
  void importReportsTheDocumentsItsReferencesReach() throws IOException {
    Path spec = write("specs/api.yaml", """
        openapi: 3.0.3
        info: {title: t, version: "1"}
        servers: [{url: "https://api.example.com"}]
        paths:
          /pets:
            get:
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: {$ref: 'schemas/pet.yaml#/Pet'}
        """);
    Path pet = write("specs/schemas/pet.yaml", "Pet: {type: object, properties: {owner: {$ref: 'owner.yaml#/Owner'}}}\n");
    Path owner = write("specs/schemas/owner.yaml", "Owner: {type: object, properties: {name: {type: string}}}\n");
    write("specs/schemas/unused.yaml", "Unused: {type: object}\n");
    Set<Path> reads = ConcurrentHashMap.newKeySet();
    CaptureImporter.standard().importAll(project, List.of(spec), ImportSettings.defaults(), BuildLog.silent(), reads::add);
    assertThat(reads).containsExactlyInAnyOrder(pet.toAbsolutePath().normalize(), owner.toAbsolutePath().normalize());
  }
}
