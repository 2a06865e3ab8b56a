package dev.cask.runtime.server.upstream;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpHeader;

/**
 * Collects a response body as it streams in and aborts the exchange as soon as it would exceed the maximum (a declared
 * {@code Content-Length} above the maximum aborts before any byte is read). Memory use is bounded by the maximum.
 */
final class BoundedResponseListener implements Response.Listener {
  /** The body grew past the maximum. */
  static final class TooLargeException extends RuntimeException {
    TooLargeException(String message) {
      super(message, null, false, false);
    }
  }

  record Completed(int status, String contentType, String location, byte[] body) {}

  private final int max;
  private final CompletableFuture<Completed> future = new CompletableFuture<>();
  private byte[] buffer = new byte[1024];
  private int size;

  BoundedResponseListener(int max) {
    this.max = max;
  }

  CompletableFuture<Completed> future() {
    return future;
  }

  @Override
  public void onHeaders(Response response) {
    long declared;
    try {
      declared = response.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
    } catch (NumberFormatException e) {
      declared = -1; // Jetty's parser rejects a malformed length itself; the streaming cap still applies
    }
    if (declared > max) {
      response.abort(new TooLargeException("the response declares " + declared + " bytes, more than the maximum " + max));
    } else if (declared > buffer.length) {
      buffer = new byte[(int) declared];
    }
  }

  @Override
  public void onContent(Response response, ByteBuffer content) {
    int length = content.remaining();
    if ((long) size + length > max) {
      response.abort(new TooLargeException("the response is larger than the maximum " + max + " bytes"));
      return;
    }
    if (size + length > buffer.length) {
      buffer = Arrays.copyOf(buffer, (int) Math.min(max, Math.max((long) buffer.length * 2, size + length)));
    }
    content.get(buffer, size, length);
    size += length;
  }

  @Override
  public void onComplete(Result result) {
    if (result.isFailed()) {
      future.completeExceptionally(result.getFailure());
      return;
    }
    Response response = result.getResponse();
    future.complete(new Completed(
        response.getStatus(),
        response.getHeaders().get(HttpHeader.CONTENT_TYPE),
        response.getHeaders().get(HttpHeader.LOCATION),
        Arrays.copyOf(buffer, size)));
  }
}
