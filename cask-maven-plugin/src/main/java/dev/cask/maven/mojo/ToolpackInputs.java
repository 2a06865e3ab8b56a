package dev.cask.maven.mojo;

import dev.cask.maven.diff.Severity;
import dev.cask.maven.diff.ToolpackSnapshot;
import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.CaskException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/**
 * Finds the toolpacks diff and drift compare, shared by the goals and the site report: the current toolpack directory,
 * and the baseline from a file ({@code cask.baseline}: a toolpack directory, a tools.json or a toolpack zip) or from a
 * published {@code toolpack} artifact by Maven coordinates ({@code cask.baselineArtifact}), resolved through Maven's
 * own repositories and settings.
 */
final class ToolpackInputs {
  /** The classifier and extension of the toolpack zip a build attaches. */
  static final String CLASSIFIER = "toolpack";
  static final String EXTENSION = "zip";

  private ToolpackInputs() {}

  /** The compiled toolpack (a directory or zip) that diff compares with the baseline. */
  static ToolpackSnapshot current(Path basedir, Path toolpack) {
    String label = relative(basedir, toolpack);
    if (!isCompiled(toolpack)) {
      throw new CaskException(label + (Files.isDirectory(toolpack) ? "/toolpack.yaml" : ""), null,
          "not found: there is no compiled toolpack to compare",
          "run cask:compile first (mvn verify cask:diff), or point -Dcask.toolpack at a toolpack directory or zip");
    }
    return ToolpackSnapshot.load(toolpack, label);
  }

  /** Whether cask:compile has written a toolpack there: a directory with its manifest, or a zip. */
  static boolean isCompiled(Path toolpack) {
    return Files.isRegularFile(toolpack) || Files.isRegularFile(toolpack.resolve("toolpack.yaml"));
  }

  /** The baseline, or null when neither a file nor coordinates are given. */
  static ToolpackSnapshot baseline(
      Path basedir, File baseline, String coordinates, RepositorySystem repositories, RepositorySystemSession session,
      List<RemoteRepository> remotes, BuildLog log) {
    if (baseline != null && coordinates != null && !coordinates.isBlank()) {
      throw new CaskException("-Dcask.baseline and -Dcask.baselineArtifact", null, "both are set",
          "give the baseline either as a file or as Maven coordinates");
    }
    if (baseline != null) {
      return ToolpackSnapshot.load(baseline.toPath(), relative(basedir, baseline.toPath()));
    }
    if (coordinates == null || coordinates.isBlank()) {
      return null;
    }
    Path file = resolve(coordinates, repositories, session, remotes, log);
    return ToolpackSnapshot.load(file, artifact(coordinates.trim()).toString());
  }

  /** The published toolpack zip for {@code g:a:v} (or full coordinates), resolved through Maven's repositories. */
  static Path resolve(
      String coordinates, RepositorySystem repositories, RepositorySystemSession session, List<RemoteRepository> remotes,
      BuildLog log) {
    Artifact artifact = artifact(coordinates.trim());
    try {
      File file = repositories.resolveArtifact(session, new ArtifactRequest(artifact, remotes, null)).getArtifact().getFile();
      log.info("Cask baseline: " + artifact + " (" + file.getName() + ")");
      return file.toPath();
    } catch (ArtifactResolutionException e) {
      throw new CaskException("-Dcask.baselineArtifact=" + coordinates, null, "cannot be resolved: " + e.getMessage(),
          "publish the toolpack artifact (cask:compile attaches it) or give -Dcask.baseline=<file>", e);
    }
  }

  /** {@code g:a:v} means the toolpack zip; {@code g:a:ext:classifier:v} is taken as written. */
  static Artifact artifact(String coordinates) {
    String[] parts = coordinates.split(":", -1);
    try {
      if (parts.length == 3) {
        return new DefaultArtifact(parts[0], parts[1], CLASSIFIER, EXTENSION, parts[2]);
      }
      return new DefaultArtifact(coordinates);
    } catch (IllegalArgumentException e) {
      throw new CaskException("-Dcask.baselineArtifact=" + coordinates, null, "is not Maven coordinates",
          "write groupId:artifactId:version (the toolpack zip) or groupId:artifactId:extension:classifier:version");
    }
  }

  static Severity threshold(String failOn) {
    if (failOn == null || failOn.isBlank() || failOn.trim().equalsIgnoreCase("none")) {
      return null;
    }
    try {
      return Severity.parse(failOn);
    } catch (IllegalArgumentException e) {
      throw new CaskException("-Dcask.failOn=" + failOn, null, "is not a severity",
          "use critical, high, medium, low, info, or none to never fail");
    }
  }

  /** A path relative to the project with forward slashes: reports never carry absolute paths. */
  static String relative(Path basedir, Path path) {
    Path base = basedir.toAbsolutePath().normalize();
    Path target = path.toAbsolutePath().normalize();
    String text = target.startsWith(base) ? base.relativize(target).toString() : target.getFileName().toString();
    return text.isEmpty() ? "." : text.replace('\\', '/');
  }

  /** Where SARIF points results with no source document: the lockfile when the project has one, else the pom. */
  static String fallbackLocation(Path basedir, Path lockfile) {
    return Files.isRegularFile(lockfile) ? relative(basedir, lockfile) : "pom.xml";
  }
}
