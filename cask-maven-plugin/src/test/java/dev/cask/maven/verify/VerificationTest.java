package dev.cask.maven.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cask.maven.importers.ImportSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerificationTest {
  @TempDir Path dir;

  @Test
  void recordedShopTrafficPassesEveryContract() {
    VerifyProject project = new VerifyProject(dir).build(ImportSettings.defaults().withAllowHosts(List.of("127.0.0.1:18080")),
        "traffic/recorded/shop.har");
    Verification.Result result = project.verify();
    System.out.println(new String(result.files().get("verify.md"), StandardCharsets.UTF_8));
    VerifyReports.table(result.report()).forEach(System.out::println);
    assertThat(result.report().failures()).isEmpty();
  }
}
