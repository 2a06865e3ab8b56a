package dev.cask.runtime.cli;

import picocli.CommandLine.Command;

/** {@code evidence}: commands on an evidence bundle. */
@Command(
    name = "evidence",
    mixinStandardHelpOptions = true,
    description = "Work with an evidence bundle (evidence.zip, written by mvn cask:verify).",
    synopsisSubcommandLabel = "COMMAND")
final class EvidenceCommand {}
