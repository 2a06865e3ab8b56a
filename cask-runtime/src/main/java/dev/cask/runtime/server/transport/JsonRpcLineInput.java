package dev.cask.runtime.server.transport;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the SDK's stdio transport reads: the client's stdin, one line at a time, passing on only lines the SDK can
 * parse as a JSON-RPC message. The SDK stops reading for good at the first line it cannot parse, which would leave the
 * server deaf and the process alive forever; instead such a line is answered here with a JSON-RPC error
 * ({@code -32700} parse error, {@code -32600} invalid request, {@code id: null}) and dropped. The answer is written
 * under the same lock the SDK takes on the output, so lines never interleave. Also tells when the input has ended.
 */
final class JsonRpcLineInput extends InputStream {
  private static final Logger LOG = LoggerFactory.getLogger(JsonRpcLineInput.class);
  private static final byte[] PARSE_ERROR =
      "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"Parse error\"}}\n"
          .getBytes(StandardCharsets.UTF_8);
  private static final byte[] INVALID_REQUEST =
      "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"Invalid Request\"}}\n"
          .getBytes(StandardCharsets.UTF_8);

  private final InputStream in;
  private final OutputStream out;
  private final McpJsonMapper json;
  private final int maxLineBytes;
  private final CountDownLatch ended = new CountDownLatch(1);
  private final byte[] chunk = new byte[1 << 16];
  private int chunkPos;
  private int chunkEnd;
  private byte[] line = new byte[0];
  private int linePos;
  private boolean eof;

  JsonRpcLineInput(InputStream in, OutputStream out, McpJsonMapper json, int maxLineBytes) {
    this.in = in;
    this.out = out;
    this.json = json;
    this.maxLineBytes = maxLineBytes;
  }

  void awaitEnd() throws InterruptedException {
    ended.await();
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (linePos >= line.length) {
      if (!nextValidLine()) {
        ended.countDown();
        return -1;
      }
    }
    int n = Math.min(len, line.length - linePos);
    System.arraycopy(line, linePos, b, off, n);
    linePos += n;
    return n;
  }

  /** Reads lines until one the SDK accepts (kept with its newline); false at the end of the input. */
  private boolean nextValidLine() throws IOException {
    while (true) {
      ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
      boolean tooLong = false;
      int b;
      while ((b = nextByte()) >= 0 && b != '\n') {
        if (buffer.size() < maxLineBytes) {
          buffer.write(b);
        } else {
          tooLong = true;
        }
      }
      if (b < 0 && buffer.size() == 0) {
        return false;
      }
      String text = buffer.toString(StandardCharsets.UTF_8).strip();
      if (text.isEmpty()) {
        if (b < 0) {
          return false;
        }
        continue;
      }
      byte[] refusal = tooLong ? INVALID_REQUEST : check(text);
      if (refusal == null) {
        line = (text + "\n").getBytes(StandardCharsets.UTF_8);
        linePos = 0;
        return true;
      }
      LOG.warn("answered a malformed stdio message ({} bytes) with a JSON-RPC error", buffer.size());
      synchronized (out) {
        out.write(refusal);
        out.flush();
      }
      if (b < 0) {
        return false;
      }
    }
  }

  /** Null when the SDK will accept the line; otherwise the error to answer it with. */
  private byte[] check(String text) {
    try {
      McpSchema.deserializeJsonRpcMessage(json, text);
      return null;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return e instanceof com.fasterxml.jackson.core.JsonParseException ? PARSE_ERROR : INVALID_REQUEST;
    } catch (IOException | RuntimeException e) {
      return INVALID_REQUEST;
    }
  }

  private int nextByte() throws IOException {
    if (chunkPos >= chunkEnd) {
      if (eof) {
        return -1;
      }
      int n;
      try {
        n = in.read(chunk, 0, chunk.length);
      } catch (IOException e) {
        eof = true;
        ended.countDown();
        throw e;
      }
      if (n < 0) {
        eof = true;
        return -1;
      }
      chunkPos = 0;
      chunkEnd = n;
    }
    return chunk[chunkPos++] & 0xff;
  }
}
