package dev.cask.runtime.server.transport;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cask.runtime.server.spi.GovernedTools;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.io.InputStream;
import java.io.OutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MCP over stdio with the SDK's {@link StdioServerTransportProvider}: one JSON-RPC message per line on the given
 * output, nothing else. {@link #serve} returns when the client closes the input, which is how stdio clients end a
 * session.
 */
public final class StdioTransport {
  private static final Logger LOG = LoggerFactory.getLogger(StdioTransport.class);

  private StdioTransport() {}

  /** The largest message accepted on stdin (a tools/call with a large body fits many times over). */
  static final int MAX_MESSAGE_BYTES = 16 << 20;

  /** Serves until {@code in} reaches its end; {@code out} receives only JSON-RPC messages. */
  public static void serve(GovernedTools tools, ServerInfo info, InputStream in, OutputStream out) {
    ObjectMapper mapper = McpServers.wireMapper();
    McpJsonMapper json = McpServers.json(mapper);
    JsonRpcLineInput input = new JsonRpcLineInput(in, out, json, MAX_MESSAGE_BYTES);
    StdioServerTransportProvider provider = new StdioServerTransportProvider(json, input, out, MAX_MESSAGE_BYTES + 1);
    McpTools mcpTools = new McpTools(tools, mapper);
    McpSyncServer server = McpServers.build(McpServer.sync(provider), mcpTools, info, json);
    LOG.info("serving {} tools over stdio", server.listTools().size());
    try {
      input.awaitEnd();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      server.closeGracefully();
    }
  }
}
