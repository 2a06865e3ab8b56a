package dev.cask.maven.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cask.runtime.repair.Diagnosis;
import dev.cask.runtime.repair.Fix;
import dev.cask.runtime.repair.FixClass;
import dev.cask.runtime.repair.Repair;
import dev.cask.runtime.repair.RepairReport;
import dev.cask.runtime.repair.RepairSettings;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code repair} reads the {@code verify.json} that {@code cask:verify} really writes: a tool whose signed output
 * schema the recorded response breaks is one diagnosis naming the contract, the recorded call and the first difference.
 */
class RepairReadsVerifyTest {
  @TempDir Path dir;

  @Test
  void aFailedContractInVerifyJsonIsADiagnosisOfItsTool() throws IOException {
    VerifyProject project = new VerifyProject(dir.resolve("shop")).build(VerificationTest.SHOP, "traffic/recorded/shop.har");
    project.edit(tool -> !tool.name().equals("get_users") ? tool : VerificationTest.withOutputSchema(tool,
        "{\"type\":\"object\",\"required\":[\"nickname\"],\"properties\":{\"nickname\":{\"type\":\"string\"}}}"),
        capture -> capture);
    assertThat(project.verify().report().passed()).isFalse();
    Path verifyJson = project.project.resolve("target/cask/verify.json");
    assertThat(verifyJson).exists();

    RepairSettings settings = RepairSettings.defaults(project.project)
        .withAuditLog(dir.resolve("no-server").resolve("audit.jsonl"));
    RepairReport report = Repair.diagnose(settings, VerifyProject.CLOCK);

    assertThat(report.gatePassed()).as(report.inputs().toString()).isTrue();
    assertThat(report.inputs()).contains("verify.json " + verifyJson + ": read");
    assertThat(report.diagnoses()).extracting(Diagnosis::kind).containsExactly("verify-failed");
    Diagnosis failed = report.diagnoses().get(0);
    assertThat(failed.tool()).isEqualTo("get_users");
    assertThat(failed.title()).isEqualTo("the outcome contract(s) fail for get_users");
    assertThat(failed.evidence()).singleElement().asString()
        .startsWith("verify.json: outcome get_users: src/main/cask/shop.har#entries/7: output_schema_mismatch: ")
        .contains("nickname");
    assertThat(failed.fixes()).extracting(Fix::fixClass).containsExactly(FixClass.MANUAL);
  }
}
