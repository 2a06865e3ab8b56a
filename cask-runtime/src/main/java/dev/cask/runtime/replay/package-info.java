/**
 * The runtime's own request building and call pipeline, opened for {@code cask:verify}: {@link
 * dev.cask.runtime.replay.ToolRequests} is the code {@code serve} builds upstream requests with, and {@link
 * dev.cask.runtime.replay.GovernedCalls} runs calls through the same enforcement pipeline (policy, SSRF guard,
 * redaction, audit) against an upstream the caller chooses. Public types here use only the JDK, the model and JSON
 * trees, so the build can use them without seeing the server's internals.
 */
package dev.cask.runtime.replay;
