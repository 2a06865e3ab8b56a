package dev.cask.maven.importers.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cask.maven.importers.CaptureImporter;
import dev.cask.maven.importers.ImportSettings;
import dev.cask.runtime.model.capture.Capture;
import dev.cask.runtime.model.capture.CaptureSource;
import dev.cask.runtime.model.capture.CapturedOperation;
import dev.cask.runtime.model.capture.SourceKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The facade reads specs and traffic together: traffic files pool their samples; the spec's definitions win. */
class CaptureImporterTrafficTest {
  @TempDir Path project;

  private Path copy(String fixture, String target) throws Exception {
    Path file = project.resolve(target);
    Files.createDirectories(file.getParent());
    Files.copy(TrafficFixtures.fixture(fixture), file);
    return file;
  }

  private static CapturedOperation op(Capture capture, String method, String fullPath) {
    return capture.operations().stream().filter(o -> o.method().name().equals(method) && o.key().pathTemplate().equals(fullPath))
        .findFirst().orElseThrow(() -> new AssertionError(method + " " + fullPath));
  }

  @Test
  void harAndOtlpInOneDirectoryPoolTheirCalls() throws Exception {
    copy("recorded/shop.har", "src/main/cask/a-browser.har");
    copy("recorded/shop-stable.otlp.jsonl", "src/main/cask/b-traces.otlp.jsonl");
    TrafficFixtures.Lines lines = new TrafficFixtures.Lines();
    Capture capture = CaptureImporter.standard().importAll(project, List.of(Path.of("src/main/cask")), ImportSettings.defaults(), lines.log());
    assertThat(capture.sources()).extracting(CaptureSource::kind).containsExactly(SourceKind.HAR, SourceKind.OTEL);
    assertThat(capture.operations()).hasSize(9);
    CapturedOperation user = op(capture, "GET", "/api/v1/users/{userId}");
    assertThat(user.evidence().observedCount()).as("4 calls in each file").isEqualTo(8);
    assertThat(user.evidence().firstSeen()).isEqualTo(7);
    assertThat(user.evidence().lastSeen()).as("input order runs on across files").isGreaterThan(20);
  }

  @Test
  void specWinsTrafficAddsEvidenceAndFlagsWhatTheSpecDoesNotDescribe() throws Exception {
    copy("spec/shop-openapi.yaml", "src/main/cask/openapi.yaml");
    copy("recorded/shop.har", "src/main/cask/shop.har");
    TrafficFixtures.Lines lines = new TrafficFixtures.Lines();
    Capture capture = CaptureImporter.standard().importAll(project, List.of(Path.of("src/main/cask")), ImportSettings.defaults(), lines.log());
    assertThat(capture.sources()).extracting(CaptureSource::path).containsExactly("src/main/cask/openapi.yaml", "src/main/cask/shop.har");

    CapturedOperation user = op(capture, "GET", "/api/v1/users/{id}");
    assertThat(user.operationId()).as("the spec's definition").isEqualTo("getUser");
    assertThat(user.parameters()).extracting(p -> p.name()).containsExactly("id");
    assertThat(user.evidence().observedCount()).isEqualTo(4);
    assertThat(user.evidence().undocumented()).contains(
        "/responses/404", "/responses/200/properties/phone", "/responses/200/properties/ssn",
        "/responses/200/properties/addresses/items/properties/line1")
        .doesNotContain("/responses/200/properties/email", "/responses/200/properties/addresses/items/properties/city");

    CapturedOperation list = op(capture, "GET", "/api/v1/users");
    assertThat(list.operationId()).isEqualTo("listUsers");
    assertThat(list.evidence().undocumented()).contains("/parameters/query/page", "/responses/200/properties/items/items/properties/ssn")
        .doesNotContain("/parameters/query/limit");

    assertThat(op(capture, "GET", "/api/v1/health").evidence()).as("declared, never observed").isNull();
    CapturedOperation login = op(capture, "POST", "/api/v1/login");
    assertThat(login.operationId()).as("observed only in traffic").isNull();
    assertThat(login.evidence().observedCount()).isEqualTo(1);
    assertThat(capture.securitySchemes()).containsKeys("http-bearer", "cookie-session");
    assertThat(lines.text()).contains("traffic: 6 observed operation(s) matched 2 spec operation(s)".replace("6", "2"));
  }
}
