package dev.cask.maven.mojo;

import dev.cask.maven.compile.CompileSettings;
import dev.cask.maven.compile.CompiledToolpack;
import dev.cask.maven.compile.ToolpackCompiler;
import dev.cask.maven.compile.ToolpackSummary;
import dev.cask.maven.compile.ToolpackWriter;
import dev.cask.maven.compile.toolsets.ToolsetCompiler;
import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.json.CaskFiles;
import dev.cask.runtime.model.capture.Capture;
import dev.cask.runtime.model.policy.Policy;
import java.io.File;
import java.nio.file.Path;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProjectHelper;

/**
 * Compiles the capture into the toolpack under {@code target/cask/} ({@code toolpack.yaml}, {@code tools.json},
 * {@code policy.yaml}, {@code capture.json}) and attaches it as the {@code zip} artifact with classifier
 * {@code toolpack}.
 */
@Mojo(name = CompileMojo.GOAL, defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true)
public class CompileMojo extends AbstractImportingMojo {
  public static final String GOAL = "compile";
  public static final String CLASSIFIER = "toolpack";

  /** The toolpack name; the lockfile is bound to it. */
  @Parameter(property = "cask.toolpackName", defaultValue = "${project.artifactId}")
  private String toolpackName;

  /** The toolpack version. */
  @Parameter(property = "cask.toolpackVersion", defaultValue = "${project.version}")
  private String toolpackVersion;

  /** The longest tool description, in characters; longer ones are cut at a word boundary. */
  @Parameter(property = "cask.descriptionMaxLength", defaultValue = "1024")
  private int descriptionMaxLength;

  /** The project's own policy; when the file does not exist, the default policy is generated. */
  @Parameter(property = "cask.policy", defaultValue = "${project.basedir}/src/main/cask/policy.yaml")
  private File policyFile;

  /** The project's own toolsets ({@code serve --toolset NAME}); the default and per-tag sets are always compiled. */
  @Parameter(property = "cask.toolsets", defaultValue = "${project.basedir}/src/main/cask/toolsets.yaml")
  private File toolsetsFile;

  /** Whether to print every tool in a table (default: only for toolpacks of at most 50 tools). */
  @Parameter(property = "cask.summary")
  private Boolean summary;

  /** Whether to attach the toolpack zip to the project, so that install/deploy publish it. */
  @Parameter(property = "cask.attach", defaultValue = "true")
  private boolean attach;

  @Component private MavenProjectHelper projectHelper;

  @Override
  protected String goal() {
    return GOAL;
  }

  @Override
  protected void run(BuildLog log) {
    Object fromImport = project.getContextValue(CAPTURE_CONTEXT_KEY);
    Capture capture = fromImport instanceof Capture c ? c : importCapture(log);
    CompiledToolpack toolpack =
        new ToolpackCompiler(
                new CompileSettings(toolpackName, toolpackVersion, descriptionMaxLength, projectPolicy(), strict)
                    .withToolsets(projectToolsets()), log)
            .compile(capture);
    ToolpackWriter.writeDirectory(outputPath(), toolpack);
    Path zip = Path.of(project.getBuild().getDirectory(), project.getBuild().getFinalName() + "-" + CLASSIFIER + ".zip");
    ToolpackWriter.writeZip(zip, toolpack);
    if (attach) {
      projectHelper.attachArtifact(project, "zip", CLASSIFIER, zip.toFile());
    }
    boolean table = summary != null ? summary : toolpack.tools().tools().size() <= 50;
    ToolpackSummary.lines(toolpack, table).forEach(log::info);
    log.info("Wrote " + basedir().relativize(outputPath()) + "/ and " + basedir().relativize(zip));
  }

  private ToolsetCompiler.ProjectFile projectToolsets() {
    if (!toolsetsFile.isFile()) {
      return null;
    }
    Path file = toolsetsFile.toPath();
    String display = basedir().relativize(file.toAbsolutePath()).toString().replace(File.separatorChar, '/');
    try {
      return new ToolsetCompiler.ProjectFile(java.nio.file.Files.readAllBytes(file), display);
    } catch (java.io.IOException e) {
      throw new dev.cask.runtime.CaskException(display, null, "cannot be read: " + e.getMessage(), "check the file");
    }
  }

  private Policy projectPolicy() {
    if (!policyFile.isFile()) {
      return null;
    }
    Path file = policyFile.toPath();
    String display = basedir().relativize(file.toAbsolutePath()).toString().replace(File.separatorChar, '/');
    return CaskFiles.readYaml(file, display, Policy.class, "correct the policy (format: site page \"Policy\") or delete the file to use the default policy");
  }
}
