package dev.cask.maven.mojo;

import dev.cask.maven.compile.CompiledToolpack;
import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.json.CaskFiles;
import dev.cask.runtime.model.capture.Capture;
import dev.cask.maven.incremental.UpToDateCheck;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/** Imports the inputs (OpenAPI/Swagger documents, HAR files, OTLP/JSON traces) into the normalised, redacted capture {@code target/cask/capture.json}. */
@Mojo(name = CaptureImportMojo.GOAL, defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class CaptureImportMojo extends AbstractImportingMojo {
  public static final String GOAL = "capture-import";

  @Override
  protected String goal() {
    return GOAL;
  }

  @Override
  protected void run(BuildLog log) {
    Path captureFile = outputPath().resolve(CompiledToolpack.CAPTURE);
    UpToDateCheck check = upToDateCheck(new TreeMap<>(), List.of(), List.of(captureFile), log);
    if (upToDate(check, log)) {
      return; // compile reads the capture itself if it has to run
    }
    Set<Path> reads = ConcurrentHashMap.newKeySet();
    Capture capture = importCapture(log, reads::add);
    CaskFiles.writeAtomically(outputPath(), Map.of(CompiledToolpack.CAPTURE, CaskFiles.prettyJson(capture)));
    project.setContextValue(CAPTURE_CONTEXT_KEY, capture);
    project.setContextValue(READS_CONTEXT_KEY, Set.copyOf(reads));
    if (check != null) {
      check.record(reads);
    }
    log.info("Imported " + capture.operations().size() + " operations from " + capture.sources().size()
        + " source(s) → " + basedir().relativize(captureFile));
  }
}
