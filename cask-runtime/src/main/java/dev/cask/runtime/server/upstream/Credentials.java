package dev.cask.runtime.server.upstream;

import java.util.ArrayList;
import java.util.List;

/** Adds an operator credential to a request, at the last moment before it is sent. */
final class Credentials {
  private Credentials() {}

  static UpstreamRequest apply(UpstreamRequest request, HostCredential credential) {
    if (credential == null) {
      return request;
    }
    UpstreamRequest result = request;
    HttpHeader header = credential.header();
    if (header != null) {
      List<HttpHeader> headers = new ArrayList<>(request.headers().size() + 1);
      headers.addAll(request.headers());
      headers.add(header);
      result = result.withHeaders(headers);
    }
    if (credential.queryName() != null) {
      String pair = PercentEncoding.encode(credential.queryName()) + "=" + PercentEncoding.encode(credential.queryValue());
      String query = request.rawQuery() == null || request.rawQuery().isEmpty() ? pair : request.rawQuery() + "&" + pair;
      result = result.withQuery(query);
    }
    return result;
  }
}
