package dev.cask.runtime.server.upstream;

import dev.cask.runtime.CaskException;
import dev.cask.runtime.json.CaskFiles;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.regex.Pattern;

/**
 * The operator's upstream credentials ({@code serve --upstream-config FILE}): per host, one bearer token, basic
 * credentials or API key, each secret named by an environment variable and read at start-up (the file itself holds no
 * secret and can be committed). Credentials are sent only to the host they are configured for, only over https unless
 * {@code allowHttp: true}, and never on a redirect to another host.
 *
 * <pre>
 * formatVersion: 1
 * hosts:
 *   api.example.com:
 *     bearer: {env: EXAMPLE_TOKEN}
 *   internal.example.com:8443:
 *     basic: {usernameEnv: INTERNAL_USER, passwordEnv: INTERNAL_PASSWORD}
 *   maps.example.com:
 *     apiKey: {in: query, name: key, env: MAPS_KEY}
 * </pre>
 */
public final class UpstreamConfig {
  public static final int FORMAT_VERSION = 1;
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  /** The file's content. */
  record File(int formatVersion, SortedMap<String, HostEntry> hosts) {}

  /** One host: exactly one of bearer, basic, apiKey. */
  record HostEntry(EnvRef bearer, BasicRef basic, ApiKeyRef apiKey, Boolean allowHttp) {}

  record EnvRef(String env) {}

  record BasicRef(String usernameEnv, String passwordEnv) {}

  record ApiKeyRef(String in, String name, String env) {}

  private record Entry(HostCredential credential, boolean allowHttp) {}

  private static final UpstreamConfig NONE = new UpstreamConfig(Map.of());

  private final Map<String, Entry> hosts;

  private UpstreamConfig(Map<String, Entry> hosts) {
    this.hosts = Map.copyOf(hosts);
  }

  /** No credentials for any host. */
  public static UpstreamConfig none() {
    return NONE;
  }

  /** Reads the file and resolves every secret from {@code environment}; any problem stops start-up. */
  public static UpstreamConfig load(Path file, Map<String, String> environment) {
    String name = file.toString();
    String fix = "correct " + name + " (format: see the site page \"Runtime security\", section \"Upstream credentials\")";
    File content = CaskFiles.readYaml(file, name, File.class, fix);
    if (content.formatVersion() != FORMAT_VERSION) {
      throw new CaskException(name, "formatVersion", "unsupported version " + content.formatVersion(), "use formatVersion: " + FORMAT_VERSION);
    }
    Map<String, Entry> hosts = new HashMap<>();
    if (content.hosts() != null) {
      content.hosts().forEach((host, entry) -> {
        String key = host.toLowerCase(Locale.ROOT);
        String place = "hosts." + host;
        if (entry == null) {
          throw new CaskException(name, place, "has no credential", "add one of bearer, basic or apiKey");
        }
        int kinds = (entry.bearer() != null ? 1 : 0) + (entry.basic() != null ? 1 : 0) + (entry.apiKey() != null ? 1 : 0);
        if (kinds != 1) {
          throw new CaskException(name, place, "must have exactly one of bearer, basic or apiKey (has " + kinds + ")", fix);
        }
        HostCredential credential;
        if (entry.bearer() != null) {
          credential = new HostCredential.Bearer(secret(name, place + ".bearer.env", entry.bearer().env(), environment));
        } else if (entry.basic() != null) {
          credential = new HostCredential.Basic(
              secret(name, place + ".basic.usernameEnv", entry.basic().usernameEnv(), environment),
              secret(name, place + ".basic.passwordEnv", entry.basic().passwordEnv(), environment));
        } else {
          ApiKeyRef apiKey = entry.apiKey();
          if (apiKey.name() == null || !TOKEN.matcher(apiKey.name()).matches()) {
            throw new CaskException(name, place + ".apiKey.name", "must be a header or query parameter name", fix);
          }
          String value = secret(name, place + ".apiKey.env", apiKey.env(), environment);
          if ("header".equals(apiKey.in())) {
            credential = new HostCredential.ApiKeyHeader(apiKey.name(), value);
          } else if ("query".equals(apiKey.in())) {
            credential = new HostCredential.ApiKeyQuery(apiKey.name(), value);
          } else {
            throw new CaskException(name, place + ".apiKey.in", "must be 'header' or 'query', was '" + apiKey.in() + "'", fix);
          }
        }
        HttpHeader header = credential.header();
        if (header != null) {
          try {
            RequestTemplate.checkHeaderValue(header.name(), header.value());
          } catch (RequestRejectedException e) {
            throw new CaskException(name, place, "the credential's value contains a control character", "fix the environment variable's value");
          }
        }
        hosts.put(key, new Entry(credential, Boolean.TRUE.equals(entry.allowHttp())));
      });
    }
    return new UpstreamConfig(hosts);
  }

  private static String secret(String file, String place, String variable, Map<String, String> environment) {
    if (variable == null || variable.isBlank()) {
      throw new CaskException(file, place, "names no environment variable", "name the environment variable that holds the secret");
    }
    String value = environment.get(variable);
    if (value == null || value.isEmpty()) {
      throw new CaskException(file, place, "environment variable " + variable + " is not set or empty",
          "export " + variable + " before starting the server");
    }
    return value;
  }

  /** The credential for a host key ({@code host} or {@code host:port}), or null. */
  public HostCredential credentialFor(String hostKey, String scheme) {
    Entry entry = hosts.get(hostKey);
    if (entry == null) {
      return null;
    }
    if (!"https".equals(scheme) && !entry.allowHttp()) {
      return null;
    }
    return entry.credential();
  }

  /** Header names the credential for this host sets (agent arguments must never set them). */
  public Set<String> reservedHeaders(String hostKey) {
    Entry entry = hosts.get(hostKey);
    return entry == null || entry.credential().header() == null ? Set.of() : Set.of(entry.credential().header().name());
  }

  /** Query parameter names the credential for this host sets. */
  public Set<String> reservedQueryNames(String hostKey) {
    Entry entry = hosts.get(hostKey);
    return entry == null || entry.credential().queryName() == null ? Set.of() : Set.of(entry.credential().queryName());
  }

  /** Hosts with a credential (for start-up checks: a credential for a host no tool calls is probably a typo). */
  public Set<String> hosts() {
    return hosts.keySet();
  }
}
