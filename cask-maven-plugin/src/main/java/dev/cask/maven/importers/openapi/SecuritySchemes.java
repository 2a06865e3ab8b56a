package dev.cask.maven.importers.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.model.capture.SecurityScheme;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;

/** Reads {@code components.securitySchemes} into the capture model; OAuth2 scopes are collected over every flow. */
final class SecuritySchemes {
  private SecuritySchemes() {}

  static SortedMap<String, SecurityScheme> read(SpecDocuments documents) {
    References references = new References(documents);
    SpecDocument root = documents.root();
    Located declared = new Located(root, "/components/securitySchemes", root.root().path("components").path("securitySchemes"));
    SortedMap<String, SecurityScheme> schemes = new TreeMap<>();
    for (Iterator<String> it = declared.node().fieldNames(); it.hasNext(); ) {
      String name = it.next();
      Located scheme = references.follow(declared.child(name));
      schemes.put(name, scheme(scheme));
    }
    return schemes;
  }

  private static SecurityScheme scheme(Located scheme) {
    JsonNode node = scheme.node();
    if (!node.path("type").isTextual()) {
      throw new CaskException(scheme.document().displayPath(), scheme.pointer(), "security scheme has no type",
          "add type: apiKey, http, oauth2, openIdConnect or mutualTLS");
    }
    List<String> scopes = new ArrayList<>();
    node.path("flows").forEach(flow -> flow.path("scopes").fieldNames().forEachRemaining(scopes::add));
    String httpScheme = node.path("scheme").isTextual() ? node.get("scheme").asText().toLowerCase(Locale.ROOT) : null;
    return new SecurityScheme(
        node.get("type").asText(),
        httpScheme,
        JsonValues.text(node, "in"),
        JsonValues.text(node, "name"),
        scopes,
        JsonValues.text(node, "description"));
  }

}
