package dev.cask.maven.importers.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cask.maven.compile.CompiledToolpack;
import dev.cask.maven.importers.har.HarImporter;
import dev.cask.maven.importers.otel.OtelImporter;
import dev.cask.runtime.model.toolpack.Tool;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The done-when check of the traffic import: a HAR recorded by a real browser and OTLP traces recorded by an
 * instrumented client of the same app (stable and legacy conventions) compile to the same tools — same names and the
 * same digests, so every schema, binding, risk and security requirement is equal; only the evidence differs.
 */
class SameToolsTest {
  private static Map<String, String> digests(CompiledToolpack toolpack) {
    Map<String, String> digests = new TreeMap<>();
    for (Tool tool : toolpack.tools().tools()) {
      digests.put(tool.name(), tool.digest());
    }
    return digests;
  }

  @Test
  void harAndOtlpOfTheSameAppCompileToTheSameTools() {
    CompiledToolpack har = TrafficFixtures.compile(TrafficFixtures.read(new HarImporter(), "recorded/shop.har"));
    CompiledToolpack stable = TrafficFixtures.compile(TrafficFixtures.read(new OtelImporter(), "recorded/shop-stable.otlp.jsonl"));
    CompiledToolpack legacy = TrafficFixtures.compile(TrafficFixtures.read(new OtelImporter(), "recorded/shop-legacy.otlp.json"));

    assertThat(digests(har).keySet()).containsExactly(
        "create_feedback", "create_login", "create_users_orders", "delete_users_orders", "get_products", "get_users",
        "get_users_orders", "list_me", "list_users");
    assertThat(digests(stable)).isEqualTo(digests(har));
    assertThat(digests(legacy)).isEqualTo(digests(har));

    Tool harUser = har.tools().tools().stream().filter(t -> t.name().equals("get_users")).findFirst().orElseThrow();
    Tool otelUser = stable.tools().tools().stream().filter(t -> t.name().equals("get_users")).findFirst().orElseThrow();
    assertThat(harUser.evidence().samples().get(0).locator()).startsWith("entries/");
    assertThat(otelUser.evidence().samples().get(0).locator()).startsWith("span/");
    assertThat(otelUser.evidence().observedCount()).isEqualTo(harUser.evidence().observedCount()).isEqualTo(4);
  }
}
