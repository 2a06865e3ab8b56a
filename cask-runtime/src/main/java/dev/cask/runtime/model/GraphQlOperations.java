package dev.cask.runtime.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The one rule for how a GraphQL operation is told apart from the others of its endpoint: by its operation name, else
 * by the hash of its normalised document. A GraphQL tool's path is the endpoint's path plus {@code #} and this identity
 * ({@code /graphql#GetUser}, {@code /graphql#sha256-1f0c…}), the URL-fragment idiom for "this operation at that
 * endpoint": every operation is an operation of its own for the lockfile, diff and drift, and the fragment never
 * reaches the upstream (the runtime sends the path before it).
 */
public final class GraphQlOperations {
  /** GraphQL names ({@code /[_A-Za-z][_0-9A-Za-z]*}/), bounded. */
  public static final Pattern NAME = Pattern.compile("[_A-Za-z][_0-9A-Za-z]{0,127}");
  private static final Pattern HASHED = Pattern.compile("sha256-[0-9a-f]{16}");

  private GraphQlOperations() {}

  /** The identity of an operation: its name, or {@code sha256-} and 16 hex digits of its document's SHA-256. */
  public static String identity(String operationName, String document) {
    if (operationName != null) {
      if (!NAME.matcher(operationName).matches()) {
        throw new IllegalArgumentException("GraphQL operation name '" + operationName + "' is not a GraphQL name");
      }
      return operationName;
    }
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(document.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + HexFormat.of().formatHex(hash).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether a fragment is written as an identity (a name or a document hash). */
  public static boolean isIdentity(String fragment) {
    return NAME.matcher(fragment).matches() || HASHED.matcher(fragment).matches();
  }
}
