package dev.cask.maven.compile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.model.HttpMethod;
import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.capture.CapturedOperation;
import dev.cask.runtime.model.capture.DeclaredHints;
import dev.cask.runtime.model.capture.MediaContent;
import dev.cask.runtime.model.capture.Parameter;
import dev.cask.runtime.model.toolpack.Risk;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * Classifies an operation into a {@link RiskTier} and records every reason. The tier is the highest any rule gives:
 *
 * <ul>
 *   <li>method: safe methods read, {@code POST}/{@code PUT}/{@code PATCH} write, {@code DELETE} is destructive;
 *   <li>destructive words in the path or operationId of a state-changing call ({@code cancel}, {@code revoke} ...);
 *   <li>sensitive words in the path, operationId, parameter names, request body fields (three levels deep) or
 *       required OAuth scopes: credentials, identity, permissions, money, personal data;
 *   <li>a host other than the capture's primary host lifts a read to write: data leaves the primary API.
 * </ul>
 *
 * Words are whole words ({@link Words}): {@code /authors} is not {@code auth}, {@code /badminton} is not {@code admin}.
 */
final class RiskClassifier {
  static final Set<String> DESTRUCTIVE_WORDS =
      Set.of(
          "delete", "remove", "destroy", "purge", "wipe", "erase", "revoke", "cancel", "terminate", "reset",
          "truncate", "drop", "kill", "uninstall", "deactivate", "suspend", "unpublish", "rollback", "overwrite");

  /** Sensitive words in paths and operation ids. */
  static final Set<String> SENSITIVE_PATH_WORDS =
      Set.of(
          "admin", "administrator", "sudo", "superuser", "impersonate", "impersonation", "auth", "oauth", "authorize",
          "authorization", "authentication", "login", "logout", "signin", "session", "sso", "saml", "oidc", "mfa",
          "otp", "totp", "token", "password", "passwd", "secret", "credential", "key", "keypair", "apikey", "ssh",
          "gpg", "pgp", "certificate", "cert", "permission", "role", "privilege", "acl", "grant", "billing",
          "payment", "invoice", "charge", "refund", "payout", "card", "bank", "wallet", "transfer", "webhook", "hook",
          "collaborator", "invitation", "email", "ssn", "kyc");

  /** Sensitive words in parameter names and body fields. */
  static final Set<String> SENSITIVE_FIELD_WORDS =
      Set.of(
          "password", "passwd", "passphrase", "secret", "token", "credential", "apikey", "role", "roles",
          "permission", "privilege", "admin", "amount", "card", "cvv", "cvc", "iban", "ssn", "email",
          "phone", "salary");

  /** Two-word field names that are sensitive only together ({@code private_key}, {@code api_key}). */
  static final Set<String> SENSITIVE_FIELD_PAIRS =
      Set.of("private key", "api key", "client secret", "access token", "refresh token", "account number", "card number");

  static final Set<String> SENSITIVE_SCOPE_WORDS = Set.of("admin", "delete", "sudo", "billing", "payment", "security");

  private static final int MAX_BODY_DEPTH = 3;

  private final String primaryHost;
  private final SortedMap<String, JsonNode> sharedSchemas;

  RiskClassifier(String primaryHost, SortedMap<String, JsonNode> sharedSchemas) {
    this.primaryHost = primaryHost;
    this.sharedSchemas = sharedSchemas;
  }

  Risk classify(CapturedOperation operation) {
    List<String> reasons = new ArrayList<>();
    RiskTier tier = operation.graphql() != null
        ? byGraphQlType(operation.graphql().operationType(), reasons)
        : operation.method() == HttpMethod.WEBMCP
            ? byDeclaredHints(operation.hints(), reasons)
        : byMethod(operation.method(), reasons);
    List<String> identityWords = identityWords(operation);
    boolean changesState = operation.graphql() != null
        ? !operation.graphql().operationType().equals("query") : !operation.method().isSafe();

    if (changesState) {
      for (String word : identityWords) {
        if (DESTRUCTIVE_WORDS.contains(word)) {
          reasons.add("destructive word '" + word + "' in path or operationId");
          tier = max(tier, RiskTier.DESTRUCTIVE);
        }
      }
    }
    for (String word : identityWords) {
      String singular = Words.singular(word);
      if (SENSITIVE_PATH_WORDS.contains(word) || SENSITIVE_PATH_WORDS.contains(singular)) {
        reasons.add("sensitive word '" + word + "' in path or operationId");
        tier = RiskTier.SENSITIVE;
      }
    }
    for (Parameter parameter : operation.parameters()) {
      String hit = sensitiveField(parameter.name());
      if (hit != null) {
        reasons.add("sensitive " + parameter.in().wireName() + " parameter '" + parameter.name() + "' (" + hit + ")");
        tier = RiskTier.SENSITIVE;
      }
    }
    for (String field : bodyFields(operation)) {
      String hit = sensitiveField(field);
      if (hit != null) {
        reasons.add("sensitive body field '" + field + "' (" + hit + ")");
        tier = RiskTier.SENSITIVE;
      }
    }
    operation.security().forEach(requirement -> requirement.schemes().values().forEach(scopes -> scopes.forEach(scope -> {
      for (String word : Words.of(scope)) {
        if (SENSITIVE_SCOPE_WORDS.contains(word)) {
          reasons.add("sensitive OAuth scope '" + scope + "'");
        }
      }
    })));
    if (reasons.stream().anyMatch(r -> r.startsWith("sensitive OAuth scope"))) {
      tier = RiskTier.SENSITIVE;
    }
    String host = operation.key().host();
    if (primaryHost != null && !host.equals(primaryHost)) {
      reasons.add("host '" + host + "' is not the primary host '" + primaryHost + "'");
      tier = max(tier, RiskTier.WRITE);
    }
    return new Risk(tier, List.copyOf(new LinkedHashSet<>(reasons)));
  }

  /**
   * A GraphQL operation's tier by its type, whatever method carries it: a query reads; a mutation writes at least (the
   * words of its name and root fields then decide, as for a path).
   */
  private static RiskTier byGraphQlType(String type, List<String> reasons) {
    if (type.equals("query")) {
      reasons.add("GraphQL query is read-only");
      return RiskTier.READ;
    }
    reasons.add("GraphQL " + type + " changes state");
    return RiskTier.WRITE;
  }

  /**
   * A WebMCP tool has no method to judge by, only what the page declares: a read only with {@code readOnlyHint: true},
   * destructive with {@code destructiveHint: true}, otherwise a write. Hints only ever lower the tier to read when the
   * page says so explicitly; the word and field rules below still raise it.
   */
  private static RiskTier byDeclaredHints(DeclaredHints hints, List<String> reasons) {
    if (hints != null && hints.destructive()) {
      reasons.add("WebMCP tool declares destructiveHint");
      return RiskTier.DESTRUCTIVE;
    }
    if (hints != null && hints.readOnly()) {
      reasons.add("WebMCP tool declares readOnlyHint");
      return RiskTier.READ;
    }
    reasons.add("WebMCP tool does not declare readOnlyHint: it may change state");
    return RiskTier.WRITE;
  }

  private static RiskTier byMethod(HttpMethod method, List<String> reasons) {
    if (method.isSafe()) {
      reasons.add("method " + method + " is read-only");
      return RiskTier.READ;
    }
    if (method == HttpMethod.DELETE) {
      reasons.add("method DELETE deletes");
      return RiskTier.DESTRUCTIVE;
    }
    reasons.add("method " + method + " changes state");
    return RiskTier.WRITE;
  }

  private static List<String> identityWords(CapturedOperation operation) {
    List<String> words = new ArrayList<>();
    for (String segment : operation.key().pathTemplate().split("/")) {
      if (!segment.startsWith("{")) {
        words.addAll(Words.of(segment));
      }
    }
    words.addAll(Words.of(operation.operationId()));
    if (operation.graphql() != null) {
      operation.graphql().rootFields().forEach(field -> words.addAll(Words.of(field)));
    }
    return words.stream().distinct().toList();
  }

  /** The sensitive word or pair a field name contains, or null. */
  static String sensitiveField(String name) {
    List<String> words = Words.of(name);
    for (int i = 0; i + 1 < words.size(); i++) {
      String pair = words.get(i) + " " + Words.singular(words.get(i + 1));
      if (SENSITIVE_FIELD_PAIRS.contains(pair)) {
        return pair;
      }
    }
    for (String word : words) {
      if (SENSITIVE_FIELD_WORDS.contains(word) || SENSITIVE_FIELD_WORDS.contains(Words.singular(word))) {
        return word;
      }
    }
    return null;
  }

  /** Property names of the request body schemas, up to {@value #MAX_BODY_DEPTH} levels, following references. */
  private List<String> bodyFields(CapturedOperation operation) {
    List<String> fields = new ArrayList<>();
    if (operation.requestBody() != null) {
      for (MediaContent content : operation.requestBody().contents()) {
        collectFields(content.schema(), content.schema(), 0, fields, new LinkedHashSet<>());
      }
    }
    return fields.stream().distinct().toList();
  }

  /** {@code root}: the body schema, whose own {@code $defs} a reference may name (GraphQL input types). */
  private void collectFields(JsonNode root, JsonNode schema, int depth, List<String> fields, Set<String> visitedRefs) {
    if (schema == null || !schema.isObject() || depth >= MAX_BODY_DEPTH) {
      return;
    }
    JsonNode ref = schema.get("$ref");
    if (ref != null && ref.isTextual() && ref.asText().startsWith(SchemaDefs.PREFIX) && visitedRefs.add(ref.asText())) {
      String name = ref.asText().substring(SchemaDefs.PREFIX.length()).replace("~1", "/").replace("~0", "~");
      JsonNode target = sharedSchemas.containsKey(name) ? sharedSchemas.get(name) : root.path("$defs").get(name);
      collectFields(root, target, depth, fields, visitedRefs);
    }
    JsonNode properties = schema.get("properties");
    if (properties != null && properties.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> entries = properties.fields();
      while (entries.hasNext()) {
        Map.Entry<String, JsonNode> entry = entries.next();
        fields.add(entry.getKey());
        collectFields(root, entry.getValue(), depth + 1, fields, visitedRefs);
      }
    }
    for (String keyword : List.of("allOf", "anyOf", "oneOf")) {
      JsonNode parts = schema.get(keyword);
      if (parts != null && parts.isArray()) {
        parts.forEach(part -> collectFields(root, part, depth, fields, visitedRefs));
      }
    }
    collectFields(root, schema.get("items"), depth + 1, fields, visitedRefs);
  }

  private static RiskTier max(RiskTier a, RiskTier b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
