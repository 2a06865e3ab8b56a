package dev.cask.maven.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cask.runtime.json.CaskMappers;
import dev.cask.runtime.model.capture.RecordedExchange;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The offline upstream of the outcome contract: for every host the approved tools call, a real HTTP server on
 * 127.0.0.1 (an ephemeral port) that answers each request with the response recorded for the same call (method, path
 * and query; the first recorded call in input order when several match). A request nothing was recorded for gets a
 * 404 that says so. Tools are routed here by base URL ({@link #routes()}); nothing leaves the machine.
 */
final class ReplayUpstream implements AutoCloseable {
  /** The address the guard must allow for these servers, and nothing wider. */
  static final String LOOPBACK_RANGE = "127.0.0.1/32";

  private final List<HttpServer> servers = new ArrayList<>();
  private final Map<String, String> routes = new TreeMap<>();

  private ReplayUpstream() {}

  /** Starts one server per host of the approved tools, serving the recorded responses of the calls that resolved. */
  static ReplayUpstream start(List<ToolDefinition> approved, RecordedCalls calls) {
    ReplayUpstream upstream = new ReplayUpstream();
    try {
      Map<String, Map<String, RecordedExchange.Response>> byHost = new LinkedHashMap<>();
      for (ToolDefinition tool : approved) {
        byHost.computeIfAbsent(tool.host().toLowerCase(Locale.ROOT), k -> new HashMap<>());
      }
      for (RecordedCalls.Call call : calls.all()) {
        if (call.tool() != null) {
          byHost.get(call.tool().host().toLowerCase(Locale.ROOT))
              .putIfAbsent(key(call.exchange().request().method().name(), call.url().segments(), call.url().query(),
                  calls.credentialQueryNames()), call.exchange().response());
        }
      }
      Map<String, Integer> ports = new HashMap<>();
      for (Map.Entry<String, Map<String, RecordedExchange.Response>> host : byHost.entrySet()) {
        ports.put(host.getKey(), upstream.serve(host.getValue(), calls.credentialQueryNames()));
      }
      for (ToolDefinition tool : approved) {
        String basePath = URI.create(tool.baseUrl()).getRawPath();
        upstream.routes.put(tool.baseUrl(), "http://127.0.0.1:" + ports.get(tool.host().toLowerCase(Locale.ROOT))
            + (basePath == null ? "" : basePath));
      }
      return upstream;
    } catch (RuntimeException e) {
      upstream.close();
      throw e;
    }
  }

  /** A tool's base URL → this upstream's base URL for it. */
  Map<String, String> routes() {
    return Map.copyOf(routes);
  }

  private int serve(Map<String, RecordedExchange.Response> responses, Set<String> credentialNames) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the replay upstream on 127.0.0.1", e);
    }
    server.createContext("/", exchange -> answer(exchange, responses, credentialNames));
    server.start();
    servers.add(server);
    return server.getAddress().getPort();
  }

  private static void answer(HttpExchange exchange, Map<String, RecordedExchange.Response> responses, Set<String> credentialNames)
      throws IOException {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      URI uri = exchange.getRequestURI();
      String key = key(exchange.getRequestMethod(), Urls.segments(uri.getRawPath()), Urls.pairs(uri.getRawQuery()),
          credentialNames);
      RecordedExchange.Response response = responses.get(key);
      if (response == null) {
        send(exchange, 404, "application/json", ("{\"error\":\"cask replay upstream: no recorded call matches "
            + exchange.getRequestMethod() + " " + uri.getRawPath() + "\"}").getBytes(StandardCharsets.UTF_8));
        return;
      }
      send(exchange, response.status(), response.mediaType(), body(response));
    }
  }

  private static byte[] body(RecordedExchange.Response response) {
    if (response.body() == null) {
      return new byte[0];
    }
    try {
      return CaskMappers.json().writeValueAsBytes(response.body());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize a recorded response", e);
    }
  }

  private static void send(HttpExchange exchange, int status, String mediaType, byte[] body) throws IOException {
    if (mediaType != null) {
      exchange.getResponseHeaders().set("Content-Type", mediaType);
    }
    boolean empty = body.length == 0 || status == 204 || status == 304 || status < 200;
    exchange.sendResponseHeaders(status, empty ? -1 : body.length);
    if (!empty) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** Method, decoded path and the query as a sorted multiset (credential parameters left out). */
  static String key(String method, List<String> segments, List<Map.Entry<String, String>> query, Set<String> credentialNames) {
    StringBuilder key = new StringBuilder(method.toUpperCase(Locale.ROOT)).append(' ');
    segments.forEach(segment -> key.append('/').append(Urls.decode(segment, false)));
    Map<String, List<String>> pairs = new TreeMap<>();
    for (Map.Entry<String, String> pair : query) {
      if (!credentialNames.contains(pair.getKey().toLowerCase(Locale.ROOT))) {
        pairs.computeIfAbsent(pair.getKey(), k -> new ArrayList<>()).add(pair.getValue());
      }
    }
    key.append('?').append(pairs);
    return key.toString();
  }

  @Override
  public void close() {
    servers.forEach(server -> server.stop(0));
  }
}
