package dev.cask.runtime.server.upstream;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * An operator's credential for one upstream host, with its secret already read from the environment. {@code toString}
 * never shows the secret, so a credential cannot leak into a log or an exception message by accident.
 */
public sealed interface HostCredential {
  /** {@code bearer}, {@code basic}, {@code apiKey header} or {@code apiKey query}: what a redacted description shows. */
  String kind();

  /** The header it sets, or null. */
  HttpHeader header();

  /** The query parameter name it sets, or null. */
  default String queryName() {
    return null;
  }

  /** The query parameter value, or null. */
  default String queryValue() {
    return null;
  }

  /** {@code Authorization: Bearer <token>}. */
  record Bearer(String token) implements HostCredential {
    public Bearer {
      Objects.requireNonNull(token, "token");
    }

    @Override
    public String kind() {
      return "bearer";
    }

    @Override
    public HttpHeader header() {
      return new HttpHeader("Authorization", "Bearer " + token);
    }

    @Override
    public String toString() {
      return "Bearer[***]";
    }
  }

  /** {@code Authorization: Basic base64(user:password)}. */
  record Basic(String username, String password) implements HostCredential {
    public Basic {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
    }

    @Override
    public String kind() {
      return "basic";
    }

    @Override
    public HttpHeader header() {
      String pair = username + ":" + password;
      return new HttpHeader("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
      return "Basic[" + username + ":***]";
    }
  }

  /** An API key in a header of the operator's choice. */
  record ApiKeyHeader(String name, String value) implements HostCredential {
    public ApiKeyHeader {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String kind() {
      return "apiKey header " + name;
    }

    @Override
    public HttpHeader header() {
      return new HttpHeader(name, value);
    }

    @Override
    public String toString() {
      return "ApiKeyHeader[" + name + "=***]";
    }
  }

  /** An API key in a query parameter of the operator's choice. */
  record ApiKeyQuery(String name, String value) implements HostCredential {
    public ApiKeyQuery {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String kind() {
      return "apiKey query " + name;
    }

    @Override
    public HttpHeader header() {
      return null;
    }

    @Override
    public String queryName() {
      return name;
    }

    @Override
    public String queryValue() {
      return value;
    }

    @Override
    public String toString() {
      return "ApiKeyQuery[" + name + "=***]";
    }
  }
}
