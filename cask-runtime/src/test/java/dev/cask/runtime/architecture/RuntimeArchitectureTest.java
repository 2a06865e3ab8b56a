package dev.cask.runtime.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency direction of cask-runtime, checked on every build: the runtime is deployed alone, so it must never
 * reach into the plugin, Maven or build-time libraries; only the transport package may speak the MCP SDK.
 */
class RuntimeArchitectureTest {
  private static JavaClasses runtime;

  @BeforeAll
  static void importClasses() {
    runtime =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.cask.runtime");
  }

  @Test
  void runtimeNeverImportsThePluginOrMaven() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.cask.maven..", "org.apache.maven..", "org.codehaus.plexus..")
        .check(runtime);
  }

  @Test
  void runtimeNeverImportsBuildTimeLibraries() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.swagger..", "org.apache.commons.lang3..")
        .check(runtime);
  }

  @Test
  void onlyTheTransportPackageImportsTheMcpSdk() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.cask.runtime.server.transport..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.modelcontextprotocol..")
        .check(runtime);
  }

  @Test
  void onlyTheTransportPackageImportsTheHttpServer() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.cask.runtime.server.transport..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.eclipse.jetty.server..", "org.eclipse.jetty.ee10..", "org.eclipse.jetty.ee11..", "jakarta.servlet..",
            "reactor..")
        .check(runtime);
  }

  @Test
  void onlyTheRedisStateStoreImportsTheRedisClient() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.cask.runtime.server.state.redis..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("redis.clients..", "org.apache.commons.pool2..")
        .check(runtime);
  }

  @Test
  void onlyTheTelemetryPackageImportsOpenTelemetry() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.cask.runtime.server.telemetry..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.opentelemetry..")
        .check(runtime);
  }

  /**
   * The Redis client and the OpenTelemetry SDK are large: a server without --state or --audit-otlp must not load them,
   * so outside their own packages only the cli's ReplicaServices (called only when those options are given) names them.
   */
  @Test
  void onlyReplicaServicesReachesTheRedisStoreAndTheExport() {
    noClasses()
        .that()
        .resideOutsideOfPackages("dev.cask.runtime.server.state.redis..", "dev.cask.runtime.server.telemetry..")
        .and()
        .doNotHaveFullyQualifiedName("dev.cask.runtime.cli.ReplicaServices")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.cask.runtime.server.state.redis..", "dev.cask.runtime.server.telemetry..")
        .check(runtime);
  }

  @Test
  void onlyTheCliImportsTheCommandLineParser() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.cask.runtime.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("picocli..")
        .check(runtime);
  }

  @Test
  void onlyTheReviewImportsTheTerminalLibrary() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.cask.runtime.review..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.jline..")
        .check(runtime);
  }

  @Test
  void theServerNeverSignsDecisionsNorConfiguresClients() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.cask.runtime.server..", "dev.cask.runtime.verification..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.cask.runtime.decision..", "dev.cask.runtime.review..", "dev.cask.runtime.clientconfig..")
        .check(runtime);
  }

  @Test
  void theModelDependsOnNothingButTheJdkAndJsonTrees() {
    noClasses()
        .that()
        .resideInAPackage("dev.cask.runtime.model..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.cask.runtime.json..",
            "dev.cask.runtime.schema..",
            "dev.cask.runtime.server..",
            "dev.cask.runtime.cli..",
            "com.networknt..",
            "org.erdtman..",
            "com.fasterxml.jackson.dataformat..",
            "com.fasterxml.jackson.core..")
        .check(runtime);
  }

  /** serve --browser speaks WebDriver to ChromeDriver itself: no browser library in the runtime jar. */
  @Test
  void theRuntimeUsesNoBrowserLibrary() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.openqa..", "com.microsoft.playwright..")
        .check(runtime);
  }
}
