package dev.cask.runtime.cli;

import picocli.CommandLine.Option;

/** {@code --stacktrace} on every command; read by {@link CaskCli}'s error handler. */
final class StackTraceOption {
  @Option(names = "--stacktrace", description = "Show the full stack trace of an error (for bug reports).")
  boolean stacktrace;
}
