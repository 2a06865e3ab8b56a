package dev.cask.runtime.cli;

import dev.cask.runtime.server.RuntimeCore;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Map;

/**
 * What commands get from the process: the core, the real stdin/stdout (stdout carries JSON-RPC only in stdio mode;
 * {@code System.out} itself is pointed at stderr so nothing else can write there), stderr and the environment.
 */
record CliContext(
    RuntimeCore core, InputStream stdin, OutputStream stdout, PrintStream stderr, Map<String, String> env) {}
