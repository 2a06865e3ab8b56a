package dev.cask.runtime.verification.checks;

/** One verification rule. Checks report every problem they find and never throw for bad input. */
public interface Check {
  void run(CheckContext context);
}
