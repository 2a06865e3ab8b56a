package dev.cask.maven.compile;

import dev.cask.maven.compile.toolsets.ToolsetCompiler;
import dev.cask.runtime.model.policy.Policy;
import java.util.List;
import java.util.Objects;

/**
 * What the compiler needs besides the capture.
 *
 * @param name the toolpack name ({@code cask.toolpackName}, default the artifactId)
 * @param version the toolpack version (default the project version)
 * @param descriptionMaxLength the longest tool description, in characters ({@code cask.descriptionMaxLength})
 * @param projectPolicy the project's own policy ({@code src/main/cask/policy.yaml}), or null to generate the default one
 * @param strict whether an operation that cannot be compiled fails the build ({@code -Dcask.strict}) instead of being
 *     left out with a warning and recorded in the manifest
 * @param projectToolsets the project's own toolsets ({@code src/main/cask/toolsets.yaml}), or null
 * @param operations which operations of the source become tools ({@code cask.operations}: path globs, each optionally
 *     after a method, see {@link OperationSelection}); empty for all
 */
public record CompileSettings(
    String name, String version, int descriptionMaxLength, Policy projectPolicy, boolean strict,
    ToolsetCompiler.ProjectFile projectToolsets, List<String> operations) {
  public CompileSettings {
    operations = operations == null ? List.of() : List.copyOf(operations);
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}")) {
      throw new IllegalArgumentException(
          "toolpack name '" + name + "' must be 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    if (descriptionMaxLength < 80) {
      throw new IllegalArgumentException("descriptionMaxLength must be at least 80, was " + descriptionMaxLength);
    }
  }

  /** Settings without project toolsets. */
  public CompileSettings(String name, String version, int descriptionMaxLength, Policy projectPolicy, boolean strict) {
    this(name, version, descriptionMaxLength, projectPolicy, strict, null, List.of());
  }

  /** Settings that leave out operations that cannot be compiled (not strict). */
  public CompileSettings(String name, String version, int descriptionMaxLength, Policy projectPolicy) {
    this(name, version, descriptionMaxLength, projectPolicy, false);
  }

  public static CompileSettings of(String name, String version) {
    return new CompileSettings(name, version, ToolDescriptions.DEFAULT_MAX_LENGTH, null);
  }

  public CompileSettings withStrict(boolean failOnLeftOut) {
    return new CompileSettings(name, version, descriptionMaxLength, projectPolicy, failOnLeftOut, projectToolsets,
        operations);
  }

  public CompileSettings withToolsets(ToolsetCompiler.ProjectFile toolsets) {
    return new CompileSettings(name, version, descriptionMaxLength, projectPolicy, strict, toolsets, operations);
  }

  public CompileSettings withOperations(List<String> selection) {
    return new CompileSettings(name, version, descriptionMaxLength, projectPolicy, strict, projectToolsets, selection);
  }
}
