package dev.cask.runtime.server.transport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's stdin, one JSON-RPC message per line, each line parsed once into a tree. The message records are the
 * SDK's; the classification is the SDK's ({@code McpSchema.deserializeJsonRpcMessage}: {@code method} and {@code id}
 * make a request, {@code method} alone a notification, {@code result} or {@code error} a response), and the SDK's
 * record constructors check the rest (an id that is not a string or an integer). Params and results stay trees: the
 * handlers read them where they need them, with no map in between. A line that is too long, not JSON, not one JSON-RPC
 * 2.0 message (a batch, another {@code jsonrpc} version, no method, an id of the wrong type) is answered here with a
 * JSON-RPC error ({@code -32700} parse error, {@code -32600} invalid request; see {@link ProtocolErrors}) and dropped;
 * reading goes on.
 */
final class JsonRpcLines {
  private static final Logger LOG = LoggerFactory.getLogger(JsonRpcLines.class);

  private final InputStream in;
  private final ObjectMapper mapper;
  private final McpJsonMapper json;
  private final ProtocolErrors errors;
  private final String session;
  private final int maxLineBytes;
  private final byte[] chunk = new byte[1 << 16];
  private int chunkPos;
  private int chunkEnd;
  private byte[] line = new byte[1 << 12];
  private int lineLength;
  private boolean eof;

  /**
   * @param errors answers refused lines (and audits a refused {@code tools/call})
   * @param session the session's id, for the audit of a refused {@code tools/call}
   */
  JsonRpcLines(InputStream in, ObjectMapper mapper, McpJsonMapper json, ProtocolErrors errors, String session,
      int maxLineBytes) {
    this.in = in;
    this.mapper = mapper;
    this.json = json;
    this.errors = errors;
    this.session = session;
    this.maxLineBytes = maxLineBytes;
  }

  /** The next message, answering (on {@code out}) and skipping lines that are not one; null at the end. */
  McpSchema.JSONRPCMessage next(StdioTransport.LineWriter out) throws IOException {
    while (true) {
      int state = readLine();
      if (state == END) {
        return null;
      }
      if (state == TOO_LONG) {
        refuse(out, null, ProtocolErrors.INVALID_REQUEST, "Invalid Request: longer than " + maxLineBytes + " bytes",
            "a stdio message longer than " + maxLineBytes + " bytes");
        continue;
      }
      if (isBlank()) {
        continue;
      }
      JsonNode tree;
      try {
        tree = mapper.readTree(line, 0, lineLength);
      } catch (JsonProcessingException e) {
        refuse(out, null, ProtocolErrors.PARSE_ERROR, "Parse error", "a stdio line that is not JSON");
        continue;
      }
      JsonRpcRules.Refusal refusal = JsonRpcRules.check(tree);
      if (refusal != null) {
        refuse(out, tree, refusal.code(), refusal.text(), "a stdio line that is not one JSON-RPC 2.0 message");
        continue;
      }
      McpSchema.JSONRPCMessage message;
      try {
        message = message(tree);
      } catch (RuntimeException e) {
        message = null;
      }
      if (message == null) {
        refuse(out, tree, ProtocolErrors.INVALID_REQUEST, "Invalid Request", "a stdio message that is not a JSON-RPC message");
        continue;
      }
      return message;
    }
  }

  /** The SDK's message record for a JSON-RPC 2.0 object, or null when it is none (the records' constructors check the rest). */
  private McpSchema.JSONRPCMessage message(JsonNode tree) {
    String jsonrpc = McpSchema.JSONRPC_VERSION;
    JsonNode method = tree.get("method");
    if (method != null) {
      if (!method.isTextual()) {
        return null;
      }
      if (tree.has("id")) {
        return new McpSchema.JSONRPCRequest(jsonrpc, method.textValue(), id(tree.get("id")), tree.get("params"));
      }
      return new McpSchema.JSONRPCNotification(jsonrpc, method.textValue(), tree.get("params"));
    }
    if (tree.has("result") || tree.has("error")) {
      JsonNode error = tree.get("error");
      McpSchema.JSONRPCResponse.JSONRPCError rpcError = error == null || error.isNull()
          ? null
          : json.convertValue(error, McpSchema.JSONRPCResponse.JSONRPCError.class);
      return new McpSchema.JSONRPCResponse(jsonrpc, id(tree.get("id")), tree.get("result"), rpcError);
    }
    return null;
  }

  /** A string or integer id as the SDK's records hold it; anything else as it is (the record refuses it). */
  private static Object id(JsonNode id) {
    if (id == null || id.isNull()) {
      return null;
    }
    if (id.isTextual()) {
      return id.textValue();
    }
    if (id.isInt()) {
      return id.intValue();
    }
    if (id.isLong()) {
      return id.longValue();
    }
    return id;
  }

  private void refuse(StdioTransport.LineWriter out, JsonNode tree, int code, String answer, String what) {
    LOG.warn("answered {} with a JSON-RPC error", what);
    out.writeLine(errors.refuse(tree, session, code, answer));
  }

  private static final int LINE = 0;
  private static final int TOO_LONG = 1;
  private static final int END = 2;

  /** Reads up to the next newline into {@link #line}; a line longer than the maximum is consumed and reported. */
  private int readLine() throws IOException {
    lineLength = 0;
    boolean tooLong = false;
    boolean any = false;
    while (true) {
      if (chunkPos >= chunkEnd && !fill()) {
        if (!any) {
          return END;
        }
        return tooLong ? TOO_LONG : LINE;
      }
      any = true;
      int start = chunkPos;
      int newline = -1;
      for (int i = chunkPos; i < chunkEnd; i++) {
        if (chunk[i] == '\n') {
          newline = i;
          break;
        }
      }
      int end = newline < 0 ? chunkEnd : newline;
      chunkPos = newline < 0 ? chunkEnd : newline + 1;
      if (!tooLong) {
        int n = end - start;
        if (lineLength + n > maxLineBytes) {
          tooLong = true;
          lineLength = 0;
        } else {
          append(start, n);
        }
      }
      if (newline >= 0) {
        return tooLong ? TOO_LONG : LINE;
      }
    }
  }

  private void append(int start, int n) {
    if (lineLength + n > line.length) {
      line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + n));
    }
    System.arraycopy(chunk, start, line, lineLength, n);
    lineLength += n;
  }

  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    int n = in.read(chunk, 0, chunk.length);
    if (n < 0) {
      eof = true;
      return false;
    }
    chunkPos = 0;
    chunkEnd = n;
    return true;
  }

  private boolean isBlank() {
    for (int i = 0; i < lineLength; i++) {
      byte b = line[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }
}
