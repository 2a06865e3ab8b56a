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
 */
public record ImportSettings(String baseUrl, List<String> allowHosts, boolean remoteRefs) {
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
  }

  public static ImportSettings defaults() {
    return new ImportSettings(null, List.of(), false);
  }
}
