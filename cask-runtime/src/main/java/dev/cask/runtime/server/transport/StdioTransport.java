package dev.cask.runtime.server.transport;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cask.runtime.server.spi.GovernedTools;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
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

  /** Serves until {@code in} reaches its end; {@code out} receives only JSON-RPC messages. */
  public static void serve(GovernedTools tools, ServerInfo info, InputStream in, OutputStream out) {
    ObjectMapper mapper = McpServers.wireMapper();
    McpJsonMapper json = McpServers.json(mapper);
    EndAwareInput input = new EndAwareInput(in);
    StdioServerTransportProvider provider = new StdioServerTransportProvider(json, input, out);
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

  /** Tells when the client has closed stdin (read returned -1 or failed). */
  private static final class EndAwareInput extends FilterInputStream {
    private final CountDownLatch ended = new CountDownLatch(1);

    EndAwareInput(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      return check(() -> super.read());
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return check(() -> super.read(b, off, len));
    }

    private int check(IoRead read) throws IOException {
      try {
        int n = read.read();
        if (n < 0) {
          ended.countDown();
        }
        return n;
      } catch (IOException | RuntimeException e) {
        ended.countDown();
        throw e;
      }
    }

    void awaitEnd() throws InterruptedException {
      ended.await();
    }

    @FunctionalInterface
    private interface IoRead {
      int read() throws IOException;
    }
  }
}
