package dev.cask.maven.diff;

import org.junit.jupiter.api.Test;

class DiffProbeTest {
  @Test
  void probe() {
    ToolpackDiff diff = ToolpackDiffer.diff(Fixtures.snapshot("v1"), Fixtures.snapshot("v2"), null, Severity.HIGH);
    for (Change c : diff.allChanges()) {
      System.out.println(c.severity() + " " + c.rule().id() + " " + c.tool() + " " + c.pointer() + " | " + c.subject() + " | " + c.detail());
    }
  }
}
