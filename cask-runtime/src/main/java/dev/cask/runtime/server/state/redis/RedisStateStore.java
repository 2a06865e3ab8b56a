package dev.cask.runtime.server.state.redis;

import dev.cask.runtime.CaskException;
import dev.cask.runtime.server.confirm.ChallengeIds;
import dev.cask.runtime.server.confirm.ChallengeRules;
import dev.cask.runtime.server.confirm.Confirmations;
import dev.cask.runtime.server.ratelimit.LimitCounters;
import dev.cask.runtime.server.ratelimit.Ticker;
import dev.cask.runtime.server.state.StateNamespace;
import dev.cask.runtime.server.state.StateStore;
import dev.cask.runtime.server.state.StateUnavailableException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Counters and challenges shared by every replica, on Redis ({@code serve --state redis://host:6379/0}; {@code rediss://}
 * for TLS), through Lettuce, a well-kept client. Every decision that must hold across replicas happens inside Redis in
 * one step: a Lua script counts a call in all its sliding windows or in none (with Redis's clock, so replicas agree on
 * time), and a challenge changes state only by a compare-and-set of its whole record, so it is redeemed at most once.
 *
 * <p>A request that fails or takes longer than the bounded timeout throws {@link StateUnavailableException}: the call is
 * denied. While the connection is down, requests fail at once (they are not queued); Lettuce reconnects by itself in
 * the background, and the first request that works again ends the outage. Both changes are logged once.
 *
 * <p>Keys: {@code cask:<toolpack>:{<lockfile digest>}:...} (the toolpack name percent-encoded): two toolpacks, or an
 * old and a new lockfile, never share a key. Secrets never reach Redis: challenge tokens and approvals are MACs under a
 * key the replicas hold ({@code serve --shared-key}), and a record is refused unless its MACs hold.
 */
public final class RedisStateStore implements StateStore {
  private static final System.Logger LOG = System.getLogger(RedisStateStore.class.getName());
  private static final String WATCHDOG_LOG = "org.slf4j.simpleLogger.log.io.lettuce.core.protocol.ConnectionWatchdog";

  private final ClientResources resources;
  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;
  private final String description;
  private volatile boolean available = true;

  private RedisStateStore(ClientResources resources, RedisClient client, StatefulRedisConnection<String, String> connection,
      String description) {
    this.resources = resources;
    this.client = client;
    this.connection = connection;
    this.description = description;
  }

  /**
   * Connects to the store and checks it answers; a replica does not start without it.
   *
   * @param url {@code redis://[user@]host[:port][/db]} or {@code rediss://...} (TLS); a password in the URL works but is
   *     visible in the process list: prefer {@code password}
   * @param password the password (from {@code CASK_STATE_PASSWORD}), or null
   * @param timeout the bound on every request (and on connecting)
   * @param caFile PEM certificates to trust for {@code rediss://} instead of the JDK's trust store, or null
   * @throws CaskException when the URL is not usable or the store cannot be reached or refuses the credentials
   */
  public static StateStore connect(String url, String password, Duration timeout, Path caFile) {
    return open(url, password, timeout, caFile);
  }

  /** {@link #connect}, typed for the {@code confirm} command, which also looks challenges up by id. */
  public static RedisStateStore open(String url, String password, Duration timeout, Path caFile) {
    RedisURI uri = parse(url, password, timeout);
    String description = describe(uri);
    if (caFile != null && !Files.isReadable(caFile)) {
      throw new CaskException("--state-ca " + caFile, null, "cannot read the file", "give a PEM file of CA certificates");
    }
    // Our own line says when the store goes and comes back; Lettuce's would repeat at every reconnection attempt.
    if (System.getProperty(WATCHDOG_LOG) == null) {
      System.setProperty(WATCHDOG_LOG, "error");
    }
    ClientResources resources = ClientResources.builder()
        .ioThreadPoolSize(2)
        .computationThreadPoolSize(1)
        .reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(2), 2, java.util.concurrent.TimeUnit.MILLISECONDS))
        .build();
    ClientOptions.Builder options = ClientOptions.builder()
        .autoReconnect(true)
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .timeoutOptions(TimeoutOptions.enabled(timeout))
        .socketOptions(SocketOptions.builder().connectTimeout(timeout).keepAlive(true).build());
    if (caFile != null) {
      options.sslOptions(SslOptions.builder().jdkSslProvider().trustManager(caFile.toFile()).build());
    }
    RedisClient client = RedisClient.create(resources, uri);
    client.setOptions(options.build());
    try {
      StatefulRedisConnection<String, String> connection = client.connect();
      connection.sync().ping();
      return new RedisStateStore(resources, client, connection, description);
    } catch (RedisException | IllegalArgumentException e) {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      resources.shutdown();
      throw new CaskException("--state " + description, null, "cannot use the shared state store: " + message(e),
          "start Redis there, or correct --state, CASK_STATE_PASSWORD and --state-ca; the replicas keep their rate"
              + " limits, budgets and confirmations in it");
    }
  }

  private static RedisURI parse(String url, String password, Duration timeout) {
    URI parsed;
    try {
      parsed = new URI(url);
    } catch (URISyntaxException e) {
      throw usage(url, "not a URL: " + e.getMessage());
    }
    String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("redis") && !scheme.equals("rediss")) {
      throw usage(url, "the scheme must be redis:// or rediss:// (TLS)");
    }
    if (parsed.getHost() == null) {
      throw usage(url, "no host");
    }
    RedisURI uri;
    try {
      uri = RedisURI.create(parsed);
    } catch (RuntimeException e) {
      throw usage(url, e.getMessage());
    }
    if (password != null && !password.isEmpty()) {
      String info = parsed.getUserInfo();
      String user = info == null || info.startsWith(":") ? null : info.split(":", 2)[0];
      RedisURI.Builder builder = RedisURI.builder(uri);
      builder = user == null ? builder.withPassword(password.toCharArray()) : builder.withAuthentication(user, password.toCharArray());
      uri = builder.build();
    }
    uri.setTimeout(timeout);
    return uri;
  }

  private static CaskException usage(String url, String problem) {
    return new CaskException("--state", null, problem + " (" + withoutSecrets(url) + ")",
        "give redis://host:6379/0, or rediss://host:6380/0 for TLS; pass the password in CASK_STATE_PASSWORD");
  }

  /** The URL without anything between {@code //} and {@code @}: no password in a message or log line. */
  static String withoutSecrets(String url) {
    int scheme = url.indexOf("//");
    int at = url.lastIndexOf('@');
    return scheme >= 0 && at > scheme ? url.substring(0, scheme + 2) + url.substring(at + 1) : url;
  }

  private static String describe(RedisURI uri) {
    return (uri.isSsl() ? "rediss://" : "redis://") + uri.getHost() + ":" + uri.getPort() + "/" + uri.getDatabase();
  }

  private static String message(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String own = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return cause == e || cause.getMessage() == null ? own : own + " (" + cause.getMessage() + ")";
  }

  /** The key prefix of a namespace: {@code cask:<toolpack, percent-encoded>:{<lockfile digest>}:}. */
  static String prefix(StateNamespace namespace) {
    return "cask:" + encode(namespace.toolpack()) + ":{" + namespace.lockfileDigest() + "}:";
  }

  /** Keeps {@code A-Z a-z 0-9 . _ -}; every other byte becomes {@code %XX}: no glob, brace or colon in a name. */
  static String encode(String name) {
    StringBuilder out = new StringBuilder();
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-') {
        out.append(c);
      } else {
        out.append('%').append(String.format(Locale.ROOT, "%02X", (int) c));
      }
    }
    return out.toString();
  }

  @Override
  public LimitCounters counters(StateNamespace namespace, Ticker ticker) {
    return new RedisCounters(this, prefix(namespace));
  }

  @Override
  public Confirmations confirmations(StateNamespace namespace, byte[] confirmationKey, Clock clock, Duration ttl) {
    return new RedisConfirmations(this, prefix(namespace), new ChallengeRules(confirmationKey, clock, ttl),
        namespace.lockfileDigest());
  }

  /**
   * The namespaces that hold a challenge with this id, for the {@code confirm} command (which knows the id, and maybe
   * the toolpack, but not the lockfile). Ids are random (60 bits), so there is one, or none.
   */
  public List<StateNamespace> namespacesHolding(String challengeId, String toolpack) {
    if (!ChallengeIds.isWellFormed(challengeId)) {
      return List.of();
    }
    String pattern = "cask:" + (toolpack == null ? "*" : encode(toolpack)) + ":{*}:" + RedisConfirmations.CHALLENGE + challengeId;
    return call(commands -> {
      List<StateNamespace> found = new ArrayList<>();
      ScanCursor cursor = ScanCursor.INITIAL;
      do {
        KeyScanCursor<String> page = commands.scan(cursor, ScanArgs.Builder.matches(pattern).limit(1000));
        for (String key : page.getKeys()) {
          found.add(namespaceOf(key));
        }
        cursor = page;
      } while (!cursor.isFinished());
      return found;
    });
  }

  private static StateNamespace namespaceOf(String key) {
    int open = key.indexOf(":{");
    int close = key.indexOf("}:", open);
    String toolpack = java.net.URLDecoder.decode(key.substring("cask:".length(), open), StandardCharsets.UTF_8);
    return new StateNamespace(toolpack, key.substring(open + 2, close));
  }

  /** Runs a Lua script by its SHA-1 (loading it again after Redis lost its script cache, e.g. after a restart). */
  <T> T script(String script, ScriptOutputType type, String[] keys, String... args) {
    String sha = sha1(script);
    return call(commands -> {
      try {
        return commands.evalsha(sha, type, keys, args);
      } catch (RedisNoScriptException e) {
        return commands.eval(script, type, keys, args);
      }
    });
  }

  /**
   * One exchange with Redis. Any failure (not connected, timeout, an error reply such as {@code LOADING} or
   * {@code READONLY}) is {@link StateUnavailableException}; a change of availability is logged once.
   */
  <T> T call(Function<RedisCommands<String, String>, T> exchange) {
    T result;
    try {
      result = exchange.apply(connection.sync());
    } catch (RedisException e) {
      if (available) {
        available = false;
        LOG.log(System.Logger.Level.WARNING, "the shared state store " + description + " is unavailable ("
            + message(e) + "): calls that need it are denied (state_unavailable) until it answers again");
      }
      String kind = e instanceof RedisCommandExecutionException ? "refused" : "did not answer";
      throw new StateUnavailableException("the shared state store " + description + " " + kind + ": " + message(e), e);
    }
    if (!available) {
      available = true;
      LOG.log(System.Logger.Level.WARNING, "the shared state store " + description + " answers again");
    }
    return result;
  }

  private static String sha1(String script) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(script.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-1", e);
    }
  }

  @Override
  public boolean available() {
    return available && connection.isOpen();
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public void close() {
    connection.close();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    resources.shutdown();
  }
}
