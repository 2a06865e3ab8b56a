package dev.cask.runtime.server.transport;

import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Streamable HTTP sessions the SDK's provider started, as {@link DirectToolCalls} needs to know them: which ids
 * exist and whether the client declared elicitation. It wraps the provider's session factory, so a session is known
 * from the moment the provider keeps it; it is forgotten when the client deletes it, or when the provider answers
 * that it does not exist (the provider also drops a session whose event stream broke).
 */
final class HttpSessions implements McpStreamableServerSession.Factory {
  private final McpStreamableServerSession.Factory sdk;
  /** Session id to whether its client can be asked for a confirmation (MCP elicitation). */
  private final ConcurrentHashMap<String, Boolean> sessions = new ConcurrentHashMap<>();

  HttpSessions(McpStreamableServerSession.Factory sdk) {
    this.sdk = sdk;
  }

  @Override
  public McpStreamableServerSession.McpStreamableServerSessionInit startSession(McpSchema.InitializeRequest request) {
    McpStreamableServerSession.McpStreamableServerSessionInit init = sdk.startSession(request);
    sessions.put(init.session().getId(), ClientConfirmation.supported(request.capabilities()));
    return init;
  }

  /** Whether the session exists and its client declared elicitation; null when there is no such session. */
  Boolean clientElicits(String session) {
    return session == null ? null : sessions.get(session);
  }

  void ended(String session) {
    if (session != null) {
      sessions.remove(session);
    }
  }
}
