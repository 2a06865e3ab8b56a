package dev.cask.maven.importers;

import dev.cask.runtime.model.Lists;
import dev.cask.runtime.redact.RedactionRules;
import java.util.List;
import java.util.Objects;

/**
 * Settings every importer honours.
 *
 * @param baseUrl the server URL to use when a source gives none, or gives a relative one ({@code -Dcask.baseUrl}); null
 *     when not set
 * @param allowHosts hosts whose operations are kept ({@code -Dcask.allowHosts}): exact host, {@code *.suffix}, optional
 *     {@code :port}; empty keeps every host of a spec (traffic importers derive the first-party host instead)
 * @param remoteRefs whether {@code $ref}s to http(s) URLs may be fetched; off by default: no network at build time
 * @param maxInputBytes the largest input file accepted ({@code -Dcask.maxInputBytes}); larger files fail with a clear error
 *     instead of exhausting memory (streaming traffic importers read any size: see the site page "Traffic import")
 * @param includeFailingOperations whether traffic importers keep operations seen only failing (every exchange 4xx/5xx)
 *     as tools ({@code -Dcask.includeFailingOperations}); off by default: failures are evidence, not a basis for a tool
 * @param redaction what traffic importers redact before anything is kept, written or logged ({@code cask.redact.*})
 * @param strict whether an operation that cannot be compiled fails the import ({@code -Dcask.strict}); off by default:
 *     it is left out with a warning and recorded in the capture, the other operations are imported
 */
public record ImportSettings(
    String baseUrl,
    List<String> allowHosts,
    boolean remoteRefs,
    long maxInputBytes,
    boolean includeFailingOperations,
    RedactionRules redaction,
    boolean strict) {
  /** 80 MiB: room for GitHub's fully dereferenced description (73 MB), the largest real document we know. */
  public static final long DEFAULT_MAX_INPUT_BYTES = 80L * 1024 * 1024;

  public ImportSettings {
    allowHosts = Lists.copy(allowHosts);
    if (baseUrl != null) {
      baseUrl = baseUrl.trim();
      while (baseUrl.endsWith("/")) {
        baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
      }
      if (baseUrl.isEmpty()) {
        baseUrl = null;
      }
    }
    if (maxInputBytes <= 0) {
      throw new IllegalArgumentException("maxInputBytes must be > 0, was " + maxInputBytes);
    }
    Objects.requireNonNull(redaction, "redaction");
  }

  /** Settings with the default traffic options (failing-only operations dropped, default redaction rules). */
  public ImportSettings(String baseUrl, List<String> allowHosts, boolean remoteRefs, long maxInputBytes) {
    this(baseUrl, allowHosts, remoteRefs, maxInputBytes, false, RedactionRules.defaults(), false);
  }

  /** Settings that leave out operations that cannot be compiled (not strict). */
  public ImportSettings(String baseUrl, List<String> allowHosts, boolean remoteRefs, long maxInputBytes,
      boolean includeFailingOperations, RedactionRules redaction) {
    this(baseUrl, allowHosts, remoteRefs, maxInputBytes, includeFailingOperations, redaction, false);
  }

  public ImportSettings withAllowHosts(List<String> hosts) {
    return new ImportSettings(baseUrl, hosts, remoteRefs, maxInputBytes, includeFailingOperations, redaction, strict);
  }

  public ImportSettings withIncludeFailingOperations(boolean include) {
    return new ImportSettings(baseUrl, allowHosts, remoteRefs, maxInputBytes, include, redaction, strict);
  }

  public ImportSettings withRedaction(RedactionRules rules) {
    return new ImportSettings(baseUrl, allowHosts, remoteRefs, maxInputBytes, includeFailingOperations, rules, strict);
  }

  public ImportSettings withStrict(boolean failOnLeftOut) {
    return new ImportSettings(baseUrl, allowHosts, remoteRefs, maxInputBytes, includeFailingOperations, redaction,
        failOnLeftOut);
  }

  public static ImportSettings defaults() {
    return new ImportSettings(null, List.of(), false, DEFAULT_MAX_INPUT_BYTES);
  }
}
