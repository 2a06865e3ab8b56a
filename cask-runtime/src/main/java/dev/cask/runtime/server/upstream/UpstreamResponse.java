package dev.cask.runtime.server.upstream;

/**
 * What the upstream answered, bounded by the maximum response size.
 *
 * @param status the HTTP status of the last hop
 * @param contentType the response's media type, or null
 * @param location the {@code Location} of an unfollowed redirect, or null
 * @param body the body bytes (never more than the configured maximum)
 * @param redirects how many redirects were followed
 */
public record UpstreamResponse(int status, String contentType, String location, byte[] body, int redirects) {}
