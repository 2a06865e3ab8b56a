package dev.cask.maven.mojo;

import dev.cask.maven.compile.CompiledToolpack;
import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.json.CaskFiles;
import dev.cask.runtime.model.capture.Capture;
import java.util.Map;
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
    Capture capture = importCapture(log);
    CaskFiles.writeAtomically(outputPath(), Map.of(CompiledToolpack.CAPTURE, CaskFiles.prettyJson(capture)));
    project.setContextValue(CAPTURE_CONTEXT_KEY, capture);
    log.info("Imported " + capture.operations().size() + " operations from " + capture.sources().size()
        + " source(s) → " + basedir().relativize(outputPath().resolve(CompiledToolpack.CAPTURE)));
  }
}
