package dev.cask.maven.importers.graphql;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One GraphQL operation of a request (a batch holds several).
 *
 * @param operation what it runs, or null for an automatic persisted query sent by its hash alone
 * @param persistedHash the APQ hash ({@code extensions.persistedQuery.sha256Hash}, lower-case hex) when the request
 *     carries one that is the hash of its query text, or alone; else null
 * @param variables the request's variables (redacted), an object; empty when it sent none
 * @param response this operation's part of the response (the element at its index for a batch), or null
 */
public record GraphQlRequest(ParsedOperation operation, String persistedHash, JsonNode variables, JsonNode response) {}
