package dev.cask.runtime.server;

import dev.cask.runtime.server.spi.GovernedTools;
import dev.cask.runtime.server.transport.HttpSettings;
import dev.cask.runtime.server.transport.HttpTransport;
import dev.cask.runtime.server.transport.ServerInfo;
import dev.cask.runtime.server.transport.StdioTransport;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The facade where the governed core meets a transport. It holds nothing but a {@link GovernedTools} (which the core
 * only builds from a verified toolpack) and how to introduce itself, so whatever transport serves it, every call goes
 * through the one pipeline and only approved tools are listed.
 */
public final class GovernedServer {
  private final GovernedTools tools;
  private final String toolpackName;
  private final String toolpackVersion;
  private final ServerInfo info;
  private final boolean elicitation;
  private final boolean outputSchemas;

  private GovernedServer(GovernedTools tools, String toolpackName, String toolpackVersion, boolean elicitation) {
    this(tools, toolpackName, toolpackVersion, elicitation, true);
  }

  private GovernedServer(GovernedTools tools, String toolpackName, String toolpackVersion, boolean elicitation,
      boolean outputSchemas) {
    this.tools = Objects.requireNonNull(tools, "tools");
    this.toolpackName = Objects.requireNonNull(toolpackName, "toolpackName");
    this.toolpackVersion = Objects.requireNonNull(toolpackVersion, "toolpackVersion");
    this.info = info(toolpackName, toolpackVersion, elicitation);
    this.elicitation = elicitation;
    this.outputSchemas = outputSchemas;
  }

  /**
   * The server with confirmations out of band only ({@code confirm <id>}): a person approves with the server key, never
   * by answering a prompt in the client. {@link #withElicitation} opts in to asking in the client.
   *
   * @param tools the governed core of a verified toolpack
   * @param toolpackName the verified toolpack's name
   * @param toolpackVersion the verified toolpack's version
   */
  public static GovernedServer of(GovernedTools tools, String toolpackName, String toolpackVersion) {
    return new GovernedServer(tools, toolpackName, toolpackVersion, false);
  }

  /** How a server of this toolpack introduces itself ({@code initialize}). */
  public static ServerInfo info(String toolpackName, String toolpackVersion, boolean elicitation) {
    return new ServerInfo(
        "cask-" + toolpackName,
        toolpackVersion,
        "Tools of the verified toolpack '"
            + toolpackName
            + "'. Every call is checked against the signed lockfile and policy; a result with reason"
            + " confirmation_required names a challenge id that a person approves out of band"
            + (elicitation ? " (or in this client, when it supports elicitation)." : "."));
  }

  /**
   * The same server, but when a call needs a confirmation and the client declared MCP elicitation, the person is asked
   * in the client ({@code serve --elicitation}). Whoever answers that prompt approves the write: only for clients
   * that show it to a person and never answer it by themselves (an agent runner or an auto-accepting client would
   * approve its own writes).
   */
  public GovernedServer withElicitation() {
    return new GovernedServer(tools, toolpackName, toolpackVersion, true, outputSchemas);
  }

  /**
   * The same server, listing its tools without their output schemas ({@code serve --no-output-schemas}): clients then
   * do not check structured results again (the server checks them against the approved schema either way) and do
   * not compile a validator per tool when they list them.
   */
  public GovernedServer withoutOutputSchemas() {
    return new GovernedServer(tools, toolpackName, toolpackVersion, elicitation, false);
  }

  /** Whether listed tools carry their output schemas. */
  public boolean outputSchemas() {
    return outputSchemas;
  }

  /** Whether a person may approve a confirmation in a client that supports MCP elicitation. */
  public boolean elicitation() {
    return elicitation;
  }

  public String toolpackName() {
    return toolpackName;
  }

  public String toolpackVersion() {
    return toolpackVersion;
  }

  public GovernedTools tools() {
    return tools;
  }

  public ServerInfo info() {
    return info;
  }

  /** Serves MCP over stdio until the client closes {@code in}; {@code out} carries JSON-RPC only. */
  public void serveStdio(InputStream in, OutputStream out) {
    StdioTransport.serve(tools, CompletableFuture.completedFuture(info), in, out, elicitation, outputSchemas);
  }

  /** Starts MCP over Streamable HTTP; the caller joins or closes the returned transport. */
  public HttpTransport startHttp(HttpSettings settings) {
    return HttpTransport.start(tools, info, settings, elicitation, outputSchemas);
  }
}
