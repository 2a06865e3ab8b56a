package dev.cask.runtime.server.transport;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.server.spi.GovernedTools;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.DefaultMcpStreamableServerSessionFactory;
import jakarta.servlet.DispatcherType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * MCP over Streamable HTTP: the SDK's {@link HttpServletStreamableServerTransportProvider} servlet on embedded Jetty
 * 12 (a well-kept server that runs a jakarta servlet with async support and no container), with Cask's
 * {@link McpProtocol} answering requests in the SDK's sessions. In front of it, in this order: Host/Origin validation
 * with the SDK's {@link DefaultServerTransportSecurityValidator} (DNS-rebinding protection, on every path), the paths
 * and methods the server has ({@link PathMethodFilter}: anything else is 404 or 405 before any token is looked at), the
 * bearer token (on the MCP endpoint), then the MCP request itself ({@link McpRequestFilter}: media types, size, one
 * JSON-RPC 2.0 message, a session; and the servlet's error answers made safe), which answers most {@code tools/call}
 * requests itself with one JSON body ({@link DirectToolCalls}). {@code /healthz} needs no token. No
 * answer carries a stack trace, an exception's text or the container's name ({@link JsonErrorHandler}). Each request already has its own Jetty thread,
 * so the core runs on it ({@code tools/call} is not handed to another thread).
 */
public final class HttpTransport implements AutoCloseable {
  public static final String MCP_PATH = "/mcp";
  public static final String HEALTH_PATH = "/healthz";

  private static final Logger LOG = LoggerFactory.getLogger(HttpTransport.class);

  private final Server jetty;
  private final HttpServletStreamableServerTransportProvider mcp;
  private final int port;

  private HttpTransport(Server jetty, HttpServletStreamableServerTransportProvider mcp, int port) {
    this.jetty = jetty;
    this.mcp = mcp;
    this.port = port;
  }

  /**
   * Binds and starts serving. A bind failure is reported as a {@link CaskException} naming the address, with every
   * thread already stopped (Jetty otherwise keeps the JVM alive).
   */
  public static HttpTransport start(GovernedTools tools, ServerInfo info, HttpSettings settings) {
    return start(tools, info, settings, true);
  }

  /**
   * @param elicitation whether to ask persons in clients that support MCP elicitation (else confirmations are out of
   *     band only)
   */
  public static HttpTransport start(GovernedTools tools, ServerInfo info, HttpSettings settings, boolean elicitation) {
    return start(tools, info, settings, elicitation, true);
  }

  /** @param outputSchemas whether listed tools carry their output schemas */
  public static HttpTransport start(GovernedTools tools, ServerInfo info, HttpSettings settings, boolean elicitation,
      boolean outputSchemas) {
    ObjectMapper mapper = McpWire.mapper();
    McpJsonMapper json = McpWire.json(mapper);

    QueuedThreadPool threads = new QueuedThreadPool(64, 4);
    threads.setName("cask-http");
    Server jetty = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
    connector.setHost(settings.host());
    connector.setPort(settings.port());
    jetty.addConnector(connector);
    try {
      connector.open();
    } catch (Exception e) {
      stopQuietly(jetty);
      throw new CaskException(
          "--http " + hostPort(settings.host(), settings.port()),
          null,
          "cannot listen: " + describe(e),
          "choose a free port (or 0 for any free port), or stop the process that uses this one");
    }
    int port = connector.getLocalPort();

    DefaultServerTransportSecurityValidator validator =
        DefaultServerTransportSecurityValidator.builder()
            .allowedHosts(allowedHosts(settings, port))
            .allowedOrigins(allowedOrigins(settings, port))
            .build();
    HttpServletStreamableServerTransportProvider provider =
        HttpServletStreamableServerTransportProvider.builder()
            .jsonMapper(json)
            .mcpEndpoint(MCP_PATH)
            .httpHeaderValidator(validator)
            .maxRequestSize(StdioTransport.MAX_MESSAGE_BYTES)
            .build();
    McpProtocol protocol = new McpProtocol(tools, CompletableFuture.completedFuture(info), mapper,
        Schedulers.boundedElastic(), elicitation, outputSchemas);
    List<String> versions = provider.protocolVersions();
    HttpSessions sessions = new HttpSessions(
        new DefaultMcpStreamableServerSessionFactory(McpProtocol.CLIENT_REQUEST_TIMEOUT,
            request -> protocol.initialize(request, versions), protocol.requestHandlers(),
            protocol.notificationHandlers(), session -> Mono.empty()));
    provider.setSessionFactory(sessions);

    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    context.setErrorHandler(new JsonErrorHandler());
    addFilter(context, new HostOriginFilter(validator), "/*");
    addFilter(context, new PathMethodFilter(
        Map.of(MCP_PATH, Set.of("GET", "POST", "DELETE"), HEALTH_PATH, Set.of("GET", "HEAD"))), "/*");
    if (settings.requiresAuth()) {
      addFilter(context, new BearerTokenFilter(settings.token()), MCP_PATH);
    }
    addFilter(context,
        new McpRequestFilter(mapper, json, new ProtocolErrors(tools, mapper), StdioTransport.MAX_MESSAGE_BYTES,
            sessions, new DirectToolCalls(sessions, protocol, mapper, elicitation)), MCP_PATH);
    ServletHolder servlet = new ServletHolder(provider);
    servlet.setAsyncSupported(true);
    context.addServlet(servlet, MCP_PATH);
    context.addServlet(new ServletHolder(new HealthServlet()), HEALTH_PATH);
    jetty.setHandler(context);
    jetty.setErrorHandler(new JsonErrorHandler());
    try {
      jetty.start();
    } catch (Exception e) {
      provider.close();
      stopQuietly(jetty);
      throw new CaskException(
          "--http " + hostPort(settings.host(), settings.port()), null, "cannot start: " + describe(e), null);
    }
    LOG.info(
        "MCP Streamable HTTP on http://{}{} ({})",
        hostPort(settings.host(), port),
        MCP_PATH,
        settings.requiresAuth() ? "bearer token required" : "NO AUTHENTICATION (--no-auth)");
    return new HttpTransport(jetty, provider, port);
  }

  /** Filters run in the order they are added, for requests (not for the dispatches of an async answer). */
  private static void addFilter(ServletContextHandler context, jakarta.servlet.Filter filter, String path) {
    FilterHolder holder = new FilterHolder(filter);
    holder.setAsyncSupported(true);
    context.addFilter(holder, path, EnumSet.of(DispatcherType.REQUEST));
  }

  /** The bound port (useful with port 0). */
  public int port() {
    return port;
  }

  /** Blocks until the server stops. */
  public void join() throws InterruptedException {
    jetty.join();
  }

  @Override
  public void close() {
    try {
      mcp.closeGracefully().block(java.time.Duration.ofSeconds(10));
    } catch (RuntimeException e) {
      LOG.warn("closing the MCP sessions failed: {}", e.toString());
    }
    stopQuietly(jetty);
  }

  static List<String> allowedHosts(HttpSettings settings, int port) {
    Set<String> hosts = new LinkedHashSet<>();
    hosts.add(hostPort(settings.host(), port));
    if (isLoopbackLiteral(settings.host())) {
      hosts.add("127.0.0.1:" + port);
      hosts.add("localhost:" + port);
      hosts.add("[::1]:" + port);
    }
    hosts.addAll(settings.extraAllowedHosts());
    return new ArrayList<>(hosts);
  }

  static List<String> allowedOrigins(HttpSettings settings, int port) {
    Set<String> origins = new LinkedHashSet<>();
    for (String host : allowedHosts(settings, port)) {
      if (!settings.extraAllowedHosts().contains(host)) {
        origins.add("http://" + host);
      }
    }
    origins.addAll(settings.extraAllowedOrigins());
    return new ArrayList<>(origins);
  }

  static String hostPort(String host, int port) {
    return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
  }

  /** Loopback by its literal form only: no name lookup (an attacker may control DNS). */
  public static boolean isLoopbackLiteral(String host) {
    String h = host.toLowerCase(java.util.Locale.ROOT);
    return h.equals("localhost")
        || h.equals("::1")
        || h.equals("[::1]")
        || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  }

  private static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  private static void stopQuietly(Server jetty) {
    try {
      jetty.stop();
    } catch (Exception e) {
      LOG.warn("stopping the HTTP server failed: {}", e.toString());
    }
  }
}
