package dev.cask.maven.importers;

import dev.cask.runtime.model.Lists;
import java.util.List;

/**
 * Settings every importer honours.
 *
 * @param baseUrl the server URL to use when a source gives none, or gives a relative one ({@code -Dcask.baseUrl}); null
 *     when not set
 * @param allowHosts hosts whose operations are kept ({@code -Dcask.allowHosts}): exact host, {@code *.suffix}, optional
 *     {@code :port}; empty keeps every host of a spec (traffic importers derive the first-party host instead)
 * @param remoteRefs whether {@code $ref}s to http(s) URLs may be fetched; off by default: no network at build time
 * @param maxInputBytes the largest input file accepted ({@code -Dcask.maxInputBytes}); larger files fail with a clear error
 *     instead of exhausting memory
 */
public record ImportSettings(String baseUrl, List<String> allowHosts, boolean remoteRefs, long maxInputBytes) {
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
  }

  public static ImportSettings defaults() {
    return new ImportSettings(null, List.of(), false, DEFAULT_MAX_INPUT_BYTES);
  }
}
