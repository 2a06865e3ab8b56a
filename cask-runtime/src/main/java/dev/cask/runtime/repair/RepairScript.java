package dev.cask.runtime.repair;

import dev.cask.runtime.text.ControlCharacters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code repair.sh}: only the SAFE commands (read-only diagnostics), each once, run from the project directory. Nothing
 * in it grants, approves, rejects or edits anything, so it may run unattended. Each runs even when one before it exits
 * non-zero; the script exits with the last non-zero code (0 when every diagnostic found nothing wrong).
 */
final class RepairScript {
  private RepairScript() {}

  static byte[] render(RepairReport report, RepairSettings settings) {
    Map<String, List<String>> commands = new LinkedHashMap<>();
    for (Diagnosis diagnosis : report.diagnoses()) {
      for (Fix fix : diagnosis.fixes()) {
        if (fix.fixClass() == FixClass.SAFE) {
          fix.commands().forEach(command -> commands.computeIfAbsent(command, k -> new ArrayList<>()).add(diagnosis.id()));
        }
      }
    }
    Path output = settings.output().toAbsolutePath().normalize();
    Path project = settings.project().toAbsolutePath().normalize();
    String toProject = output.relativize(project).toString();
    StringBuilder sh = new StringBuilder();
    sh.append("#!/bin/sh\n");
    sh.append("# cask repair: the SAFE (read-only) commands of repair.md; they change nothing and may run unattended.\n");
    sh.append("# The fixes that grant a capability (APPROVAL_REQUIRED) or need a person (MANUAL) are in repair.md only.\n");
    // Every diagnostic runs even when one reports a problem by its exit code (audit verify: 7 for an incomplete log);
    // the script exits with the last such code.
    sh.append("set -u\nstatus=0\n");
    sh.append("cd \"$(dirname \"$0\")\"").append(toProject.isEmpty() ? "" : "/" + Commands.quote(toProject)).append(" || exit 1\n");
    if (commands.isEmpty()) {
      sh.append("# nothing to run\n");
    }
    commands.forEach((command, ids) -> {
      sh.append("# ").append(String.join(", ", ids)).append('\n');
      sh.append(ControlCharacters.escape(command)).append(" || status=$?\n");
    });
    sh.append("exit \"$status\"\n");
    return sh.toString().getBytes(StandardCharsets.UTF_8);
  }
}
