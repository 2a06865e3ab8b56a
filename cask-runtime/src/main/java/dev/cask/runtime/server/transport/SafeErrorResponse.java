package dev.cask.runtime.server.transport;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The MCP servlet's response, with every error it answers replaced by a fixed JSON-RPC error for the status: whatever
 * the servlet writes after an error status (the SDK serializes its exception object, stack frames and class names
 * included) and any container error page ({@code sendError}) never reach the client. Answers with a success status
 * (JSON, SSE streams) pass through untouched.
 */
final class SafeErrorResponse extends HttpServletResponseWrapper {
  private final ProtocolErrors errors;
  private JsonNode message;
  private String session;
  private int status = SC_OK;
  private boolean answered;

  SafeErrorResponse(HttpServletResponse response, ProtocolErrors errors) {
    super(response);
    this.errors = errors;
  }

  /** The message being answered: its id goes into an error answer, and a {@code tools/call} refused is audited. */
  void answering(JsonNode message, String session) {
    this.message = message;
    this.session = session;
  }

  /** Answers a request Cask refuses before the servlet sees it. */
  void refuse(int status, int code, String text) throws IOException {
    write(status, errors.answer(null, code, text));
  }

  /** Answers a message Cask refuses before the servlet sees it; a refused {@code tools/call} is audited. */
  void refuse(int status, JsonNode message, String session, int code, String text) throws IOException {
    write(status, errors.refuse(message, session, code, text));
  }

  @Override
  public void setStatus(int sc) {
    status = sc;
    super.setStatus(sc);
  }

  @Override
  public void sendError(int sc) throws IOException {
    safeError(sc);
  }

  @Override
  public void sendError(int sc, String msg) throws IOException {
    safeError(sc);
  }

  @Override
  public PrintWriter getWriter() throws IOException {
    if (status >= 400) {
      safeError(status);
      return new PrintWriter(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
    }
    return super.getWriter();
  }

  @Override
  public ServletOutputStream getOutputStream() throws IOException {
    if (status >= 400) {
      safeError(status);
      return new Discarding();
    }
    return super.getOutputStream();
  }

  /** After the servlet: an error status it set without a body still gets the fixed answer. */
  void finish() throws IOException {
    if (status >= 400 && !answered && !isCommitted()) {
      safeError(status);
    }
  }

  private void safeError(int status) throws IOException {
    if (answered) {
      return;
    }
    int sc = status;
    String text = sc == SC_NOT_FOUND ? "Session not found" : sc >= 500 ? "Internal error" : JsonErrors.reason(sc);
    if (sc >= 500 && message != null && !message.has("method")) {
      // the servlet fails an answer from the client only when no request of the server waits for it: the client's fault
      sc = SC_BAD_REQUEST;
      text = "Invalid Request: no request of the server waits for this answer";
    }
    byte[] body;
    int code = code(sc);
    body = message != null ? errors.refuse(message, session == null ? "" : session, code, text)
        : errors.answer(null, code, text);
    write(sc, body);
  }

  private void write(int sc, byte[] body) throws IOException {
    answered = true;
    status = sc;
    JsonErrors.send((HttpServletResponse) getResponse(), sc, body);
  }

  /** The JSON-RPC code for an HTTP status the servlet answered with. */
  private static int code(int status) {
    if (status == SC_NOT_FOUND) {
      return ProtocolErrors.SESSION_NOT_FOUND;
    }
    if (status == SC_BAD_REQUEST) {
      return ProtocolErrors.INVALID_REQUEST;
    }
    return status >= 500 ? ProtocolErrors.INTERNAL_ERROR : McpRequestFilter.HTTP_REFUSED;
  }

  private static final class Discarding extends ServletOutputStream {
    @Override
    public boolean isReady() {
      return true;
    }

    @Override
    public void setWriteListener(WriteListener listener) {
      // nothing is written
    }

    @Override
    public void write(int b) {
      // the servlet's own error body is dropped
    }
  }
}
