package dev.cask.maven.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.cask.maven.diff.Fixtures;
import dev.cask.runtime.json.CanonicalJson;
import dev.cask.runtime.json.CaskMappers;
import java.util.ArrayList;
import java.util.List;

/** Validation against the official SARIF 2.1.0 schema, shared by the diff and drift report tests. */
public final class SarifSchema {
  private SarifSchema() {}

  /** The official SARIF 2.1.0 schema is JSON Schema draft-04 (see src/test/resources/sarif/README.md). */
  public static List<String> problems(byte[] sarif) throws Exception {
    byte[] schemaBytes = Fixtures.bytes("sarif/sarif-schema-2.1.0.json");
    assertThat(CanonicalJson.sha256Hex(schemaBytes))
        .as("the committed SARIF schema is the unmodified OASIS file")
        .isEqualTo("c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e");
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(
        SpecificationVersion.DRAFT_4, builder -> builder.schemaLoader(loader -> loader.fetchRemoteResources(false)));
    Schema schema = registry.getSchema(CaskMappers.json().readTree(schemaBytes));
    List<String> problems = new ArrayList<>();
    for (Error error : schema.validate(CaskMappers.json().readTree(sarif))) {
      problems.add(error.getInstanceLocation() + ": " + error.getMessage());
    }
    return problems;
  }
}
