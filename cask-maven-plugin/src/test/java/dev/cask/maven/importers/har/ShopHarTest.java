package dev.cask.maven.importers.har;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cask.maven.importers.ImportSettings;
import dev.cask.maven.importers.traffic.TrafficFixtures;
import dev.cask.runtime.json.CaskFiles;
import dev.cask.runtime.model.capture.Capture;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ShopHarTest {
  @Test
  void dump() {
    TrafficFixtures.Lines lines = new TrafficFixtures.Lines();
    String which = System.getProperty("fixture", "recorded/shop.har");
    dev.cask.maven.importers.Importer importer = which.endsWith(".har") ? new HarImporter() : new dev.cask.maven.importers.otel.OtelImporter();
    Capture capture = TrafficFixtures.read(importer, which, ImportSettings.defaults(), lines.log());
    System.out.println(lines.text());
    System.out.println(new String(CaskFiles.prettyJson(capture), StandardCharsets.UTF_8));
    System.out.println(new String(TrafficFixtures.compile(capture).files().get("tools.json"), StandardCharsets.UTF_8));
    assertThat(capture.operations()).isNotEmpty();
  }
}
