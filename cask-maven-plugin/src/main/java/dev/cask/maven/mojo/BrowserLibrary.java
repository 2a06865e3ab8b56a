package dev.cask.maven.mojo;

import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.CaskException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.DependencyFilter;
import org.eclipse.aether.graph.Exclusion;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;

/**
 * Resolves the browser library {@code cask:mint} drives Chromium with (Selenium, at the versions pinned in the parent
 * pom: {@code browser-library.properties}) through Maven's own resolver, only when mint runs: the same repositories,
 * mirrors, proxies, offline mode and checksum policy as the build, and the local repository as cache. No other goal
 * resolves or loads it, so users who never mint never download it.
 */
final class BrowserLibrary {
  private static final String COORDINATES = "/dev/cask/maven/mint/browser-library.properties";
  private static final Set<String> SCOPES = Set.of("compile", "runtime");

  private BrowserLibrary() {}

  static List<Path> resolve(RepositorySystem system, RepositorySystemSession session, List<RemoteRepository> repositories,
      BuildLog log) {
    Properties coordinates = load();
    List<Exclusion> exclusions = new ArrayList<>();
    for (String excluded : list(coordinates.getProperty("exclusions"))) {
      String[] parts = excluded.split(":");
      exclusions.add(new Exclusion(parts[0], parts[1], "*", "*"));
    }
    CollectRequest collect = new CollectRequest();
    for (String artifact : list(coordinates.getProperty("artifacts"))) {
      collect.addDependency(new Dependency(new DefaultArtifact(artifact), "runtime", false, exclusions));
    }
    collect.setRepositories(repositories);
    DependencyFilter runtime = (node, parents) ->
        node.getDependency() == null || SCOPES.contains(node.getDependency().getScope());
    List<Path> jars = new ArrayList<>();
    try {
      for (ArtifactResult result : system.resolveDependencies(session, new DependencyRequest(collect, runtime)).getArtifactResults()) {
        jars.add(result.getArtifact().getFile().toPath());
      }
    } catch (DependencyResolutionException e) {
      throw new CaskException("cask:mint", null, "cannot resolve the browser library (" + String.join(", ",
          list(coordinates.getProperty("artifacts"))) + "): " + e.getMessage(),
          "check the repository settings; an offline build (-o) needs it in the local repository: run mint once online");
    }
    long bytes = 0;
    for (Path jar : jars) {
      try {
        bytes += Files.size(jar);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    log.info(String.format(Locale.ROOT, "mint: browser library: %d jars, %.1f MB (resolved by Maven, cached in the local"
        + " repository; no other goal loads it)", jars.size(), bytes / 1048576.0));
    return jars;
  }

  private static Properties load() {
    Properties properties = new Properties();
    try (InputStream in = BrowserLibrary.class.getResourceAsStream(COORDINATES)) {
      if (in == null) {
        throw new IllegalStateException(COORDINATES + " is missing from the plugin");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }

  private static List<String> list(String text) {
    List<String> items = new ArrayList<>();
    for (String item : (text == null ? "" : text).split(",")) {
      if (!item.isBlank()) {
        items.add(item.trim());
      }
    }
    return items;
  }
}
