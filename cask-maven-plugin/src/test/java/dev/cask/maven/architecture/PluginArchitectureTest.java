package dev.cask.maven.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plugin's dependency direction, checked on every build: engines are plain Java that tests drive without Maven;
 * only the Mojos translate between Maven and the engines; nothing reaches into the runtime's server or CLI.
 */
class PluginArchitectureTest {
  private static JavaClasses plugin;

  @BeforeAll
  static void importClasses() {
    plugin =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.cask.maven");
  }

  @Test
  void onlyTheMojoPackageImportsMaven() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.cask.maven.mojo..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.maven..", "org.codehaus.plexus..", "org.eclipse.aether..")
        .check(plugin);
  }

  @Test
  void enginesNeverImportTheMojos() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.cask.maven.mojo..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.cask.maven.mojo..")
        .check(plugin);
  }

  @Test
  void thePluginNeverUsesTheServerOrTheCli() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.cask.runtime.server..", "dev.cask.runtime.cli..", "io.modelcontextprotocol..")
        .check(plugin);
  }

  @Test
  void onlyTheOpenApiImporterUsesSwaggerParser() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.cask.maven.importers.openapi..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.swagger..")
        .check(plugin);
  }

  @Test
  void onlyTheGraphQlImporterUsesGraphQlJava() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.cask.maven.importers.graphql..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("graphql..")
        .check(plugin);
  }

  /** The browser library is not on the plugin's class path: only the isolated loader's package may refer to it. */
  @Test
  void onlyTheBrowserPackageUsesTheBrowserLibrary() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.cask.maven.mint.browser..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.openqa..", "com.google.common..", "io.opentelemetry..")
        .check(plugin);
  }

  /** Loaded by name in the isolated class loader only: a direct reference would load it without its library. */
  @Test
  void nothingReferencesTheBrowserPackageDirectly() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.cask.maven.mint.browser..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.cask.maven.mint.browser..")
        .check(plugin);
  }

  /** Across the loader boundary go only JDK types and the mint package's own (loaded once, by the plugin). */
  @Test
  void theBrowserPackageTalksToTheRestOfCaskOnlyThroughTheMintPackage() {
    com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes()
        .that()
        .resideInAPackage("dev.cask.maven.mint.browser..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "org.openqa..", "dev.cask.maven.mint", "dev.cask.maven.mint.browser..")
        .check(plugin);
  }
}
