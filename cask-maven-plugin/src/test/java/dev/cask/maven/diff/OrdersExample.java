package dev.cask.maven.diff;

import dev.cask.maven.compile.CompileSettings;
import dev.cask.maven.compile.CompiledToolpack;
import dev.cask.maven.compile.ToolpackCompiler;
import dev.cask.maven.importers.CaptureImporter;
import dev.cask.maven.importers.ImportSettings;
import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.json.CanonicalJson;
import java.nio.file.Path;
import java.util.List;

/**
 * A realistic change to an "orders" API, through the real importer and compiler: each project directory holds
 * {@code src/main/cask/orders.yaml}, as a Maven project would.
 */
public final class OrdersExample {
  /** The approved spec, and the pull request: a new admin endpoint, a description rewrite, a new required parameter. */
  public static final Path APPROVED = Path.of("src/test/resources/orders/approved");
  public static final Path PROPOSED = Path.of("src/test/resources/orders/proposed");

  private OrdersExample() {}

  public static CompiledToolpack compile(Path project) {
    return compile(project, "src/main/cask");
  }

  /** Imports {@code inputs} (relative to {@code project}) and compiles them. */
  public static CompiledToolpack compile(Path project, String inputs) {
    var capture = CaptureImporter.standard()
        .importAll(project, List.of(Path.of(inputs)), ImportSettings.defaults(), BuildLog.silent());
    return new ToolpackCompiler(CompileSettings.of("orders", "1.0.0"), BuildLog.silent()).compile(capture);
  }

  public static ToolpackSnapshot snapshot(Path project, String label) {
    return snapshot(project, "src/main/cask", label);
  }

  public static ToolpackSnapshot snapshot(Path project, String inputs, String label) {
    CompiledToolpack compiled = compile(project, inputs);
    return new ToolpackSnapshot(label, compiled.tools(), compiled.policy(),
        CanonicalJson.digest(compiled.policy()), compiled.capture());
  }
}
