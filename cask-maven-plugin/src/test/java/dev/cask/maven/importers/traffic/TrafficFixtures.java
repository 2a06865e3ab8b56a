package dev.cask.maven.importers.traffic;

import dev.cask.maven.compile.CompileSettings;
import dev.cask.maven.compile.CompiledToolpack;
import dev.cask.maven.compile.ToolpackCompiler;
import dev.cask.maven.importers.ImportRequest;
import dev.cask.maven.importers.ImportSettings;
import dev.cask.maven.importers.Importer;
import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.model.capture.Capture;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/** Shared helpers for traffic importer tests: fixture paths, a recording log, import and compile. */
public final class TrafficFixtures {
  private TrafficFixtures() {}

  public static Path fixture(String name) {
    try {
      return Paths.get(TrafficFixtures.class.getResource("/traffic/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing test fixture traffic/" + name, e);
    }
  }

  /** A build log that keeps every line, tagged by level. */
  public static final class Lines {
    public final List<String> all = new ArrayList<>();

    public BuildLog log() {
      return BuildLog.of(line -> all.add("INFO " + line), line -> all.add("WARN " + line), line -> all.add("DEBUG " + line));
    }

    public String text() {
      return String.join("\n", all);
    }
  }

  public static Capture read(Importer importer, String fixture, ImportSettings settings, BuildLog log) {
    return importer.read(new ImportRequest(fixture(fixture), "src/main/cask/" + fixture.substring(fixture.lastIndexOf('/') + 1), settings, log));
  }

  public static Capture read(Importer importer, String fixture) {
    return read(importer, fixture, ImportSettings.defaults(), BuildLog.silent());
  }

  public static CompiledToolpack compile(Capture capture) {
    return new ToolpackCompiler(CompileSettings.of("shop", "1.0.0"), BuildLog.silent()).compile(capture);
  }
}
