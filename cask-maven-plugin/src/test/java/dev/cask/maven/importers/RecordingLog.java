package dev.cask.maven.importers;

import dev.cask.maven.log.BuildLog;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A build log that keeps every line, by level, for assertions. */
public final class RecordingLog implements BuildLog {
  // Synchronized: progress lines come from the progress timer's thread while the work logs from its own.
  public final List<String> infos = Collections.synchronizedList(new ArrayList<>());
  public final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
  public final List<String> debugs = Collections.synchronizedList(new ArrayList<>());

  @Override
  public void info(String message) {
    infos.add(message);
  }

  @Override
  public void warn(String message) {
    warnings.add(message);
  }

  @Override
  public void debug(String message) {
    debugs.add(message);
  }
}
