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
import dev.cask.maven.incremental.UpToDateCheck;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
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

  /**
   * Which operations of the source become tools: path globs on the host, base path included, each optionally after a
   * method ({@code /users/**}, {@code GET /me}); default all. A source too large for one toolpack is compiled in parts.
   */
  @Parameter(property = "cask.operations")
  private List<String> operations;

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
    Path zip = Path.of(project.getBuild().getDirectory(), project.getBuild().getFinalName() + "-" + CLASSIFIER + ".zip");
    UpToDateCheck check = upToDateCheck(settings(), List.of(policyFile.toPath(), toolsetsFile.toPath()), outputs(zip), log);
    if (upToDate(check, log)) {
      attach(zip);
      return;
    }
    Object fromImport = project.getContextValue(CAPTURE_CONTEXT_KEY);
    Set<Path> reads = ConcurrentHashMap.newKeySet();
    Capture capture;
    if (fromImport instanceof Capture imported) {
      capture = imported;
      if (project.getContextValue(READS_CONTEXT_KEY) instanceof Set<?> importReads) {
        importReads.forEach(read -> reads.add((Path) read));
      }
    } else {
      capture = importCapture(log, reads::add);
    }
    CompiledToolpack toolpack =
        new ToolpackCompiler(
                new CompileSettings(toolpackName, toolpackVersion, descriptionMaxLength, projectPolicy(), strict)
                    .withToolsets(projectToolsets()).withOperations(operations), log)
            .compile(capture);
    ToolpackWriter.writeDirectory(outputPath(), toolpack);
    ToolpackWriter.writeZip(zip, toolpack);
    attach(zip);
    boolean table = summary != null ? summary : toolpack.tools().tools().size() <= 50;
    ToolpackSummary.lines(toolpack, table).forEach(log::info);
    log.info("Wrote " + basedir().relativize(outputPath()) + "/ and " + basedir().relativize(zip));
    if (check != null) {
      check.record(reads);
    }
  }

  private void attach(Path zip) {
    if (attach) {
      projectHelper.attachArtifact(project, "zip", CLASSIFIER, zip.toFile());
    }
  }

  /** The settings that can change what compile writes (besides the import settings the check adds). */
  private SortedMap<String, String> settings() {
    SortedMap<String, String> settings = new TreeMap<>();
    settings.put("cask.toolpackName", toolpackName);
    settings.put("cask.toolpackVersion", toolpackVersion);
    settings.put("cask.descriptionMaxLength", String.valueOf(descriptionMaxLength));
    settings.put("cask.policy", policyFile.getAbsolutePath());
    settings.put("cask.toolsets", toolsetsFile.getAbsolutePath());
    settings.put("cask.operations", operations == null ? "" : String.join("\n", operations));
    return settings;
  }

  /** Every file compile writes: the toolpack directory's files and the zip. */
  private List<Path> outputs(Path zip) {
    List<Path> outputs = new ArrayList<>();
    for (String file : List.of(CompiledToolpack.MANIFEST, CompiledToolpack.TOOLS, CompiledToolpack.POLICY,
        CompiledToolpack.TOOLSETS, CompiledToolpack.CAPTURE)) {
      outputs.add(outputPath().resolve(file));
    }
    outputs.add(zip);
    return outputs;
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
