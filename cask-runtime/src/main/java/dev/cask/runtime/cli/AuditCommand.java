package dev.cask.runtime.cli;

import picocli.CommandLine.Command;

/** {@code audit}: commands on the audit log. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "Work with the audit log.",
    synopsisSubcommandLabel = "COMMAND")
final class AuditCommand {}
