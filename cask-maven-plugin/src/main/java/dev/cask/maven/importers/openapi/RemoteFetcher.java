package dev.cask.maven.importers.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Fetches a remote document for a {@code $ref}. Only ever called when the user allowed remote references; the
 * importer never hands an http(s) reference to swagger-parser.
 */
interface RemoteFetcher {
  byte[] fetch(URI url, long maxBytes) throws IOException;

  /** Plain HTTP GET with timeouts and a size limit; no credentials are ever sent. */
  static RemoteFetcher http() {
    return (url, maxBytes) -> {
      HttpClient client =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(10))
              .followRedirects(HttpClient.Redirect.NORMAL)
              .build();
      HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).GET().build();
      try {
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
          if (response.statusCode() != 200) {
            throw new IOException("HTTP status " + response.statusCode());
          }
          byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
          if (bytes.length > maxBytes) {
            throw new IOException("larger than the limit of " + maxBytes + " bytes");
          }
          return bytes;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    };
  }
}
