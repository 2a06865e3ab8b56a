package dev.cask.runtime.server.pipeline;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.cask.runtime.server.spi.GovernedTools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The enforcement core's own dependency rules: the pipeline is the only place that decides calls, and the parts it is
 * made of (policy, rate limits, confirmation, upstream, audit) do not reach back into it or into each other's jobs.
 */
class EnforcementArchitectureTest {
  private static JavaClasses runtime;

  @BeforeAll
  static void importClasses() {
    runtime = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.cask.runtime");
  }

  @Test
  void onlyThePipelineImplementsGovernedTools() {
    // Exception: the synthetic deny-all tools of the AppCDS training run (cli `train`), served only on in-memory pipes
    // and an ephemeral loopback port for a moment, never from a toolpack.
    classes().that().implement(GovernedTools.class)
        .and().doNotHaveFullyQualifiedName("dev.cask.runtime.cli.TrainCommand$DenyAll")
        .should().resideInAPackage("dev.cask.runtime.server.pipeline").check(runtime);
  }

  @Test
  void thePolicyEngineKnowsNothingOfTheServer() {
    noClasses().that().resideInAPackage("dev.cask.runtime.policy..")
        .should().dependOnClassesThat().resideInAPackage("dev.cask.runtime.server..").check(runtime);
  }

  @Test
  void thePipelineDoesNotKnowWhichStateStoreItHas() {
    noClasses().that().resideInAPackage("dev.cask.runtime.server.pipeline..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.cask.runtime.server.state.redis..",
            "dev.cask.runtime.server.telemetry..")
        .check(runtime);
    noClasses().that().resideInAnyPackage("dev.cask.runtime.server.ratelimit..", "dev.cask.runtime.server.confirm..")
        .should().dependOnClassesThat().resideInAPackage("dev.cask.runtime.server.state..")
        .check(runtime);
  }

  @Test
  void thePartsDoNotDependOnThePipelineOrOnEachOther() {
    String[] parts = {
        "dev.cask.runtime.server.ratelimit..", "dev.cask.runtime.server.confirm..", "dev.cask.runtime.server.upstream..",
        "dev.cask.runtime.server.audit.."};
    for (String part : parts) {
      for (String other : parts) {
        if (!other.equals(part)) {
          noClasses().that().resideInAPackage(part).should().dependOnClassesThat().resideInAPackage(other).check(runtime);
        }
      }
      noClasses().that().resideInAPackage(part)
          .should().dependOnClassesThat().resideInAnyPackage("dev.cask.runtime.server.pipeline..", "dev.cask.runtime.server.transport..")
          .check(runtime);
    }
  }
}
