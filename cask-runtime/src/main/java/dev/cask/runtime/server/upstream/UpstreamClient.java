package dev.cask.runtime.server.upstream;

import dev.cask.runtime.model.HttpMethod;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * Sends upstream requests. Built on Jetty's HttpClient because it lets the guard own name resolution: Jetty asks its
 * {@code SocketAddressResolver} for addresses and connects to exactly those, so the addresses the guard vetted are the
 * addresses used (the JDK's HttpClient resolves internally and offers no such hook; OkHttp's {@code Dns} would do too,
 * but Jetty is already the server's library). Redirects are off unless the operator enables them; then this class
 * follows them itself so that every hop is re-checked (scheme, host allowlist, addresses) and credentials and agent
 * headers are dropped as soon as the host changes. Cookies are never stored, no content decoding is negotiated (so a
 * compressed bomb cannot expand past the size limit), and no authentication or proxy handling is active.
 */
public final class UpstreamClient implements AutoCloseable {
  /** Set by the starting thread before {@link #started} completes; read only after it has. */
  private volatile HttpClient http;
  private final UpstreamSettings settings;
  private final UpstreamConfig credentials;
  private final Set<String> allowedHosts;

  /**
   * @param allowedHosts host keys ({@code host} or {@code host:port}) of the toolpack: the only hosts any hop may reach
   */
  public UpstreamClient(UpstreamSettings settings, AddressGuard guard, UpstreamConfig credentials, Set<String> allowedHosts) {
    this.settings = settings;
    this.credentials = credentials;
    this.allowedHosts = Set.copyOf(allowedHosts);
    // Building and starting Jetty's client loads its classes, the JDK's TLS stack and trust store (hundreds of
    // milliseconds on a cold JVM): done in the background so that it overlaps with the server's start and the MCP
    // handshake instead of delaying the first tools/list. Every request waits for it (execute).
    started = new CompletableFuture<>();
    Thread starter = new Thread(() -> {
      try {
        HttpClient client = newClient(settings, guard);
        client.start();
        http = client;
        started.complete(null);
      } catch (Throwable e) {
        started.completeExceptionally(e);
      }
    }, "cask-upstream-start");
    starter.setDaemon(true);
    starter.start();
  }

  private static HttpClient newClient(UpstreamSettings settings, AddressGuard guard) {
    ClientConnector connector = new ClientConnector();
    connector.setSelectors(1);
    connector.setConnectTimeout(settings.connectTimeout());
    connector.setIdleTimeout(settings.readTimeout());
    HttpClientTransportOverHTTP transport = new HttpClientTransportOverHTTP(connector);
    // The response listener only copies bytes and completes a future: it never blocks, so the selector thread may run
    // it directly instead of waking another thread for every response.
    transport.setInvocationType(Invocable.InvocationType.NON_BLOCKING);
    HttpClient http = new HttpClient(transport);
    QueuedThreadPool pool = new QueuedThreadPool(64, 2);
    pool.setName("cask-upstream");
    pool.setDaemon(true);
    http.setExecutor(pool);
    http.setScheduler(new ScheduledExecutorScheduler("cask-upstream-scheduler", true));
    http.setSocketAddressResolver(new GuardedSocketAddressResolver(guard));
    http.setFollowRedirects(false);
    http.setHttpCookieStore(new HttpCookieStore.Empty());
    http.setConnectTimeout(settings.connectTimeout().toMillis());
    http.setIdleTimeout(settings.readTimeout().toMillis());
    http.setMaxConnectionsPerDestination(64);
    http.setMaxRequestsQueuedPerDestination(4096);
    http.setUserAgentField(new HttpField(org.eclipse.jetty.http.HttpHeader.USER_AGENT, "cask-runtime"));
    http.getContentDecoderFactories().clear();
    http.getProtocolHandlers().clear();
    return http;
  }

  private final CompletableFuture<Void> started;

  private void awaitStarted() throws UpstreamException {
    try {
      started.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UpstreamException("upstream_failed", "interrupted while the HTTP client starts", e);
    } catch (ExecutionException e) {
      throw new UpstreamException("upstream_failed", "the upstream HTTP client cannot start", e.getCause());
    }
  }

  /**
   * Checks a request's target without sending it: scheme, host allowlist and (for IP literals) address class.
   *
   * @throws SsrfBlockedException when the target is not allowed
   */
  public void checkTarget(UpstreamRequest request, AddressGuard guard) {
    checkHost(request.scheme(), request.hostKey());
    guard.checkStatically(request.host());
  }

  /** Sends the request (adding the operator's credential for its host) and follows redirects if enabled. */
  public UpstreamResponse execute(UpstreamRequest request) throws UpstreamException {
    awaitStarted();
    long deadline = System.nanoTime() + settings.totalTimeout().toNanos();
    String originalHost = request.hostKey();
    String originalScheme = request.scheme();
    HostCredential credential = credentials.credentialFor(originalHost, originalScheme);
    UpstreamRequest current = request;
    int hops = 0;
    while (true) {
      checkHostOrThrow(current);
      boolean sameHost = current.hostKey().equals(originalHost);
      BoundedResponseListener.Completed response =
          send(Credentials.apply(current, sameHost ? credential : null), deadline);
      if (!isRedirect(response.status()) || response.location() == null || hops >= settings.maxRedirects()) {
        if (isRedirect(response.status()) && settings.maxRedirects() > 0 && hops >= settings.maxRedirects()) {
          throw new UpstreamException("redirect_blocked", "more than " + settings.maxRedirects() + " redirects", null);
        }
        return new UpstreamResponse(response.status(), response.contentType(), response.location(), response.body(), hops);
      }
      current = nextHop(current, response, originalScheme, originalHost);
      hops++;
    }
  }

  private UpstreamRequest nextHop(
      UpstreamRequest current, BoundedResponseListener.Completed response, String originalScheme, String originalHost)
      throws UpstreamException {
    URI next;
    try {
      next = current.uri().resolve(new URI(response.location().trim()));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new UpstreamException("redirect_blocked", "the redirect target is not a valid URI", e);
    }
    String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw new UpstreamException("redirect_blocked", "a redirect to the scheme '" + HostNames.printable(scheme) + "' is not allowed", null);
    }
    if (originalScheme.equals("https") && scheme.equals("http")) {
      throw new UpstreamException("redirect_blocked", "a redirect from https to http is not allowed", null);
    }
    if (next.getHost() == null || next.getRawUserInfo() != null) {
      throw new UpstreamException("redirect_blocked", "the redirect target has no host or carries user info", null);
    }
    String hostKey = HostKeys.of(scheme, next.getHost(), next.getPort());
    if (!allowedHosts.contains(hostKey)) {
      throw new UpstreamException(
          "redirect_blocked", "a redirect to '" + HostNames.printable(hostKey) + "', which is not a host of this toolpack, is not allowed", null);
    }
    int status = response.status();
    boolean keepMethod = status == 307 || status == 308;
    HttpMethod method = keepMethod || current.method() == HttpMethod.HEAD ? current.method() : HttpMethod.GET;
    boolean sameHost = hostKey.equals(originalHost);
    return new UpstreamRequest(
        method,
        scheme,
        next.getHost(),
        next.getPort(),
        next.getRawPath() == null || next.getRawPath().isEmpty() ? "/" : next.getRawPath(),
        next.getRawQuery(),
        sameHost ? current.headers() : List.of(),
        keepMethod ? current.contentType() : null,
        keepMethod ? current.body() : null);
  }

  private void checkHostOrThrow(UpstreamRequest request) throws UpstreamException {
    try {
      checkHost(request.scheme(), request.hostKey());
    } catch (SsrfBlockedException e) {
      throw new UpstreamException("ssrf_blocked", e.getMessage(), e);
    }
  }

  private void checkHost(String scheme, String hostKey) {
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw new SsrfBlockedException("the scheme '" + scheme + "' is not allowed");
    }
    if (!allowedHosts.contains(hostKey)) {
      throw new SsrfBlockedException("the host '" + HostNames.printable(hostKey) + "' is not a host of this toolpack");
    }
  }

  private BoundedResponseListener.Completed send(UpstreamRequest request, long deadline) throws UpstreamException {
    long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
    if (remainingMillis <= 0) {
      throw new UpstreamException("upstream_timeout", "the call took longer than " + settings.totalTimeout().toMillis() + " ms", null);
    }
    URI uri = request.uri();
    Request jetty =
        http.newRequest(uri)
            .method(request.method().name())
            .followRedirects(false)
            .timeout(remainingMillis, TimeUnit.MILLISECONDS)
            .idleTimeout(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .headers(headers -> {
              // The Host header Jetty would add (the URI's authority), set here so that Jetty does not build the
              // request's URI a second time to find it.
              headers.put(org.eclipse.jetty.http.HttpHeader.HOST, uri.getAuthority());
              headers.put(org.eclipse.jetty.http.HttpHeader.ACCEPT, "application/json, */*;q=0.5");
              for (HttpHeader header : request.headers()) {
                headers.add(header.name(), header.value());
              }
            });
    if (request.body() != null) {
      jetty.body(new BytesRequestContent(request.contentType(), request.body()));
    }
    BoundedResponseListener listener = new BoundedResponseListener(settings.maxResponseBytes());
    jetty.send(listener);
    try {
      return listener.future().get(remainingMillis + 1000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      jetty.abort(e);
      throw new UpstreamException("upstream_failed", "interrupted", e);
    } catch (TimeoutException e) {
      jetty.abort(e);
      throw new UpstreamException("upstream_timeout", "no response in time", e);
    } catch (ExecutionException e) {
      throw classify(e.getCause() == null ? e : e.getCause());
    }
  }

  private UpstreamException classify(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SsrfBlockedException) {
        return new UpstreamException("ssrf_blocked", t.getMessage(), failure);
      }
      if (t instanceof BoundedResponseListener.TooLargeException) {
        return new UpstreamException("upstream_response_too_large", t.getMessage(), failure);
      }
      if (t instanceof TimeoutException) {
        return new UpstreamException("upstream_timeout", "the upstream did not answer in time", failure);
      }
      if (t instanceof UnknownHostException) {
        return new UpstreamException("upstream_unreachable", "the upstream host does not resolve", failure);
      }
      if (t instanceof java.net.ConnectException) {
        return new UpstreamException("upstream_unreachable", "cannot connect to the upstream", failure);
      }
    }
    String message = failure instanceof IOException ? "the upstream connection failed" : "the upstream call failed";
    return new UpstreamException("upstream_failed", message, failure);
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  @Override
  public void close() {
    try {
      started.handle((ok, failure) -> null).get(30, TimeUnit.SECONDS);
      HttpClient client = http;
      if (client != null) {
        client.stop();
      }
    } catch (Exception e) {
      // stopping is best effort: the process is going away
    }
  }
}
