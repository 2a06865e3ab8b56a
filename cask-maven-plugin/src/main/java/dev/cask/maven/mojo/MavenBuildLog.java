package dev.cask.maven.mojo;

import dev.cask.maven.log.BuildLog;
import org.apache.maven.plugin.logging.Log;

/** Sends engine lines to Maven's log. */
final class MavenBuildLog implements BuildLog {
  private final Log log;

  MavenBuildLog(Log log) {
    this.log = log;
  }

  @Override
  public void info(String message) {
    log.info(message);
  }

  @Override
  public void warn(String message) {
    log.warn(message);
  }

  @Override
  public void debug(String message) {
    if (log.isDebugEnabled()) {
      log.debug(message);
    }
  }
}
