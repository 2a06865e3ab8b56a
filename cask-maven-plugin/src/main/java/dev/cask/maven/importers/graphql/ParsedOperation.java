package dev.cask.maven.importers.graphql;

import dev.cask.runtime.model.GraphQlOperations;
import dev.cask.runtime.model.Lists;
import java.util.List;
import java.util.Objects;

/**
 * One GraphQL operation read from a request: the operation and the fragments it uses, printed in graphql-java's
 * normalised form (layout, comments and unused definitions gone), so that two requests of one operation written
 * differently pin the same document.
 *
 * @param type {@code query}, {@code mutation} or {@code subscription}
 * @param name the operation's name, or null
 * @param document the normalised document
 * @param variables the declared variables, in document order
 * @param rootFields the fields selected at the root (fragments and inline fragments followed)
 */
public record ParsedOperation(String type, String name, String document, List<String> variables, List<String> rootFields) {
  public ParsedOperation {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(document, "document");
    variables = Lists.copy(variables);
    rootFields = Lists.copy(rootFields);
  }

  /** The operation's identity at its endpoint: its name, else its document's hash. */
  public String identity() {
    return GraphQlOperations.identity(name, document);
  }

  public boolean isSubscription() {
    return type.equals("subscription");
  }
}
