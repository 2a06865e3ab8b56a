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
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Counters and challenges shared by every replica, on Redis ({@code serve --state redis://host:6379/0}; {@code rediss://}
 * for TLS), through Jedis, a well-kept client: a pool of blocking connections, so a call's request is written and its
 * answer read by the thread that decides the call, with no hand-over to an event loop. Every decision that must hold
 * across replicas happens inside Redis in one step: a Lua script counts a call in all its sliding windows or in none
 * (with Redis's clock, so replicas agree on time), and a challenge changes state only by a compare-and-set of its whole
 * record, so it is redeemed at most once.
 *
 * <p>A request that fails or takes longer than the bounded timeout throws {@link StateUnavailableException}: the call is
 * denied. A broken connection is dropped from the pool; the next request opens a new one, so the replica recovers by
 * itself as soon as Redis answers again. Both changes are logged once.
 *
 * <p>Keys: {@code cask:<toolpack>:{<lockfile digest>}:...} (the toolpack name percent-encoded): two toolpacks, or an
 * old and a new lockfile, never share a key. Secrets never reach Redis: challenge tokens and approvals are MACs under a
 * key the replicas hold ({@code serve --shared-key}), and a record is refused unless its MACs hold.
 */
public final class RedisStateStore implements StateStore {
  private static final System.Logger LOG = System.getLogger(RedisStateStore.class.getName());
  /** More connections than calls a replica runs at once (the HTTP transport's threads); beyond, a call waits. */
  private static final int MAX_CONNECTIONS = 256;
  /** The SHA-1 of each script, by which Redis runs it (computed once, not per call). */
  private static final java.util.Map<String, String> SHAS = new java.util.concurrent.ConcurrentHashMap<>();

  private final JedisPool pool;
  private final String description;
  private volatile boolean available = true;

  private RedisStateStore(JedisPool pool, String description) {
    this.pool = pool;
    this.description = description;
  }

  /**
   * Connects to the store and checks it answers; a replica does not start without it.
   *
   * @param url {@code redis://[user@]host[:port][/db]} or {@code rediss://...} (TLS); a password in the URL works but is
   *     visible in the process list: prefer {@code password}
   * @param password the password (from {@code CASK_STATE_PASSWORD}), or null
   * @param timeout the bound on every request (and on connecting, and on waiting for a free connection)
   * @param caFile PEM certificates to trust for {@code rediss://} instead of the JDK's trust store, or null
   * @throws CaskException when the URL is not usable or the store cannot be reached or refuses the credentials
   */
  public static StateStore connect(String url, String password, Duration timeout, Path caFile) {
    return open(url, password, timeout, caFile);
  }

  /** {@link #connect}, typed for the {@code confirm} command, which also looks challenges up by id. */
  public static RedisStateStore open(String url, String password, Duration timeout, Path caFile) {
    URI uri = parse(url);
    boolean tls = uri.getScheme().equalsIgnoreCase("rediss");
    String host = uri.getHost();
    int port = uri.getPort() < 0 ? 6379 : uri.getPort();
    int database = database(url, uri);
    String description = (tls ? "rediss://" : "redis://") + host + ":" + port + "/" + database;
    int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
        .connectionTimeoutMillis(millis)
        .socketTimeoutMillis(millis)
        .database(database)
        .clientName("cask-runtime");
    String[] userInfo = userInfo(uri);
    String user = userInfo[0];
    String secret = password != null && !password.isEmpty() ? password : userInfo[1];
    if (secret != null) {
      config.password(secret);
      if (user != null) {
        config.user(user);
      }
    }
    if (tls) {
      SSLParameters parameters = new SSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
      config.ssl(true).sslSocketFactory(socketFactory(caFile)).sslParameters(parameters);
    } else if (caFile != null) {
      throw new CaskException("--state-ca " + caFile, null, "a CA file is for TLS only", "use rediss:// or drop --state-ca");
    }
    GenericObjectPoolConfig<Jedis> poolConfig = new GenericObjectPoolConfig<>();
    poolConfig.setMaxTotal(MAX_CONNECTIONS);
    poolConfig.setMaxIdle(MAX_CONNECTIONS);
    poolConfig.setMinIdle(0);
    poolConfig.setMaxWait(timeout);
    poolConfig.setJmxEnabled(false);
    JedisPool pool = new JedisPool(poolConfig, new HostAndPort(host, port), config.build());
    try (Jedis jedis = pool.getResource()) {
      jedis.ping();
    } catch (JedisException e) {
      pool.close();
      throw new CaskException("--state " + description, null, "cannot use the shared state store: " + message(e),
          "start Redis there, or correct --state, CASK_STATE_PASSWORD and --state-ca; the replicas keep their rate"
              + " limits, budgets and confirmations in it");
    }
    return new RedisStateStore(pool, description);
  }

  private static URI parse(String url) {
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
    if (parsed.getQuery() != null || parsed.getFragment() != null) {
      throw usage(url, "no query or fragment is understood");
    }
    return parsed;
  }

  private static int database(String url, URI uri) {
    String path = uri.getPath() == null ? "" : uri.getPath();
    if (path.isEmpty() || path.equals("/")) {
      return 0;
    }
    try {
      int database = Integer.parseInt(path.substring(1));
      if (database < 0) {
        throw new NumberFormatException();
      }
      return database;
    } catch (NumberFormatException e) {
      throw usage(url, "the path must be a database number such as /0");
    }
  }

  /** {user or null, password or null} from {@code user:password@}, percent-decoded. */
  private static String[] userInfo(URI uri) {
    String info = uri.getRawUserInfo();
    if (info == null) {
      return new String[] {null, null};
    }
    int colon = info.indexOf(':');
    String user = colon < 0 ? info : info.substring(0, colon);
    String password = colon < 0 ? null : info.substring(colon + 1);
    return new String[] {user.isEmpty() ? null : URLDecoder.decode(user, StandardCharsets.UTF_8),
        password == null || password.isEmpty() ? null : URLDecoder.decode(password, StandardCharsets.UTF_8)};
  }

  /** The JDK's trust store, or only the certificates of {@code caFile} (a private CA). */
  private static SSLSocketFactory socketFactory(Path caFile) {
    try {
      if (caFile == null) {
        return SSLContext.getDefault().getSocketFactory();
      }
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      int n = 0;
      try (InputStream in = Files.newInputStream(caFile)) {
        for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
          trusted.setCertificateEntry("ca-" + n++, certificate);
        }
      }
      if (n == 0) {
        throw new GeneralSecurityException("no certificate in the file");
      }
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context.getSocketFactory();
    } catch (IOException | GeneralSecurityException e) {
      throw new CaskException("--state-ca " + caFile, null, "cannot read the CA certificates: " + e.getMessage(),
          "give a PEM file of CA certificates (-----BEGIN CERTIFICATE-----)");
    }
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
    return new RedisConfirmations(this, prefix(namespace), new ChallengeRules(confirmationKey, clock, ttl));
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
    return call(jedis -> {
      List<StateNamespace> found = new ArrayList<>();
      ScanParams params = new ScanParams().match(pattern).count(1000);
      String cursor = ScanParams.SCAN_POINTER_START;
      do {
        ScanResult<String> page = jedis.scan(cursor, params);
        for (String key : page.getResult()) {
          found.add(namespaceOf(key));
        }
        cursor = page.getCursor();
      } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
      return found;
    });
  }

  private static StateNamespace namespaceOf(String key) {
    int open = key.indexOf(":{");
    int close = key.indexOf("}:", open);
    String toolpack = URLDecoder.decode(key.substring("cask:".length(), open), StandardCharsets.UTF_8);
    return new StateNamespace(toolpack, key.substring(open + 2, close));
  }

  /**
   * Runs a Lua script by its SHA-1 (loading it again after Redis lost its script cache, e.g. after a restart); returns
   * its answer as Jedis decodes it: a {@code List<Long>} for a table of numbers, a {@code String}, a {@code Long}.
   */
  Object script(String script, String[] keys, String... args) {
    String sha = SHAS.computeIfAbsent(script, RedisStateStore::sha1);
    List<String> keyList = List.of(keys);
    List<String> argList = List.of(args);
    return call(jedis -> {
      try {
        return jedis.evalsha(sha, keyList, argList);
      } catch (JedisNoScriptException e) {
        return jedis.eval(script, keyList, argList);
      }
    });
  }

  /**
   * One exchange with Redis on a pooled connection. Any failure (no connection, timeout, an error reply such as
   * {@code LOADING} or {@code READONLY}) is {@link StateUnavailableException}; a connection that failed is not reused.
   * A change of availability is logged once.
   */
  <T> T call(Function<Jedis, T> exchange) {
    T result;
    try (Jedis jedis = pool.getResource()) {
      result = exchange.apply(jedis);
    } catch (JedisException e) {
      if (available) {
        available = false;
        LOG.log(System.Logger.Level.WARNING, "the shared state store " + description + " is unavailable ("
            + message(e) + "): calls that need it are denied (state_unavailable) until it answers again");
      }
      String kind = e instanceof JedisDataException ? "refused" : "did not answer";
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
    return available;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public void close() {
    pool.close();
  }
}
