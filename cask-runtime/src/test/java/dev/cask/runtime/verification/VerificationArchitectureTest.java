package dev.cask.runtime.verification;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** A {@link VerifiedToolpack} proves a clean verification only if nothing but the {@link Verifier} can make one. */
class VerificationArchitectureTest {
  private static final JavaClasses RUNTIME =
      new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.cask.runtime");

  @Test
  void onlyTheVerifierCreatesVerifiedToolpacks() {
    noClasses().that().doNotHaveFullyQualifiedName(Verifier.class.getName())
        .and().doNotHaveFullyQualifiedName(VerifiedToolpack.class.getName())
        .should().callMethod(VerifiedToolpack.class, "of",
            dev.cask.runtime.model.toolpack.ToolpackManifest.class, java.util.List.class,
            dev.cask.runtime.model.policy.Policy.class, String.class, String.class,
            dev.cask.runtime.model.lockfile.Lockfile.class, java.util.List.class)
        .check(RUNTIME);
  }

  @Test
  void checksAreOnlyRunByTheVerifier() {
    noClasses().that().resideOutsideOfPackages("dev.cask.runtime.verification..")
        .should().dependOnClassesThat().resideInAPackage("dev.cask.runtime.verification.checks..")
        .check(RUNTIME);
  }
}
