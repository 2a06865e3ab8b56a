package dev.cask.runtime.server.testing;

import dev.cask.runtime.cli.CaskCli;

/**
 * The real CLI ({@link CaskCli}) with the test core: {@code java -cp cask-runtime.jar:test-classes
 * dev.cask.runtime.server.testing.SpiServerMain serve ...}. Used by the real-client tests and benchmarks.
 */
public final class SpiServerMain {
  private SpiServerMain() {}

  public static void main(String[] args) {
    System.exit(CaskCli.runProcess(args, new SpiContractCore()));
  }
}
