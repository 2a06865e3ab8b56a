package dev.cask.maven.importers.graphql;

import graphql.language.AstPrinter;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.VariableDefinition;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads GraphQL request documents with graphql-java's parser (never with regular expressions): an executable document
 * (operations and fragments only), the operation a request selects, and that operation with the fragments it uses,
 * printed in normalised form.
 */
public final class GraphQlDocuments {
  private GraphQlDocuments() {}

  /**
   * The operation a request runs, or null when the text is not an executable GraphQL document, the operation it names
   * is not in it, or it names none and the document holds several (then no server would run it either).
   *
   * @param text the request's {@code query}
   * @param operationName the request's {@code operationName}, or null
   */
  public static ParsedOperation operation(String text, String operationName) {
    Document document = parse(text);
    if (document == null) {
      return null;
    }
    List<OperationDefinition> operations = new ArrayList<>();
    Map<String, FragmentDefinition> fragments = new TreeMap<>();
    for (Definition<?> definition : document.getDefinitions()) {
      if (definition instanceof OperationDefinition operation) {
        operations.add(operation);
      } else if (definition instanceof FragmentDefinition fragment) {
        if (fragments.put(fragment.getName(), fragment) != null) {
          return null; // two fragments of one name: not a valid document
        }
      } else {
        return null; // type system definitions: a schema, not a request
      }
    }
    OperationDefinition chosen = choose(operations, operationName);
    if (chosen == null) {
      return null;
    }
    List<FragmentDefinition> used = new ArrayList<>();
    Set<String> names = usedFragments(chosen.getSelectionSet(), fragments);
    if (names == null) {
      return null; // a spread of a fragment the document does not define
    }
    names.stream().sorted().forEach(name -> used.add(fragments.get(name)));
    List<Definition> kept = new ArrayList<>();
    kept.add(chosen);
    kept.addAll(used);
    String normalised = AstPrinter.printAst(Document.newDocument().definitions(kept).build()).strip() + "\n";
    List<String> variables = chosen.getVariableDefinitions().stream().map(VariableDefinition::getName).toList();
    return new ParsedOperation(chosen.getOperation().name().toLowerCase(Locale.ROOT), chosen.getName(), normalised,
        variables, rootFields(chosen.getSelectionSet(), fragments));
  }

  /** The document, or null when the text does not parse (or exceeds graphql-java's limits for operations). */
  static Document parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      ParserOptions options = ParserOptions.getDefaultOperationParserOptions().transform(o -> o.captureSourceLocation(false));
      return Parser.parse(ParserEnvironment.newParserEnvironment().document(text).parserOptions(options).build());
    } catch (RuntimeException e) { // InvalidSyntaxException, and the parser's limits (too many tokens)
      return null;
    }
  }

  private static OperationDefinition choose(List<OperationDefinition> operations, String name) {
    if (name == null || name.isEmpty()) {
      return operations.size() == 1 ? operations.get(0) : null;
    }
    List<OperationDefinition> named = operations.stream().filter(op -> name.equals(op.getName())).toList();
    return named.size() == 1 ? named.get(0) : null;
  }

  /** The names of every fragment the selection set uses, transitively; null when one is not defined. */
  private static Set<String> usedFragments(SelectionSet root, Map<String, FragmentDefinition> fragments) {
    Set<String> used = new LinkedHashSet<>();
    Deque<SelectionSet> pending = new ArrayDeque<>();
    pending.push(root);
    while (!pending.isEmpty()) {
      SelectionSet set = pending.pop();
      for (Selection<?> selection : set.getSelections()) {
        if (selection instanceof Field field) {
          if (field.getSelectionSet() != null) {
            pending.push(field.getSelectionSet());
          }
        } else if (selection instanceof InlineFragment inline) {
          pending.push(inline.getSelectionSet());
        } else if (selection instanceof FragmentSpread spread) {
          FragmentDefinition fragment = fragments.get(spread.getName());
          if (fragment == null) {
            return null;
          }
          if (used.add(spread.getName())) {
            pending.push(fragment.getSelectionSet());
          }
        }
      }
    }
    return used;
  }

  /** The field names at the root of the operation, following fragments (the words the risk rules read). */
  private static List<String> rootFields(SelectionSet root, Map<String, FragmentDefinition> fragments) {
    Set<String> fields = new LinkedHashSet<>();
    Set<String> seen = new LinkedHashSet<>();
    Deque<SelectionSet> pending = new ArrayDeque<>();
    pending.push(root);
    while (!pending.isEmpty()) {
      for (Selection<?> selection : pending.pop().getSelections()) {
        if (selection instanceof Field field) {
          fields.add(field.getName());
        } else if (selection instanceof InlineFragment inline) {
          pending.push(inline.getSelectionSet());
        } else if (selection instanceof FragmentSpread spread && seen.add(spread.getName())) {
          pending.push(fragments.get(spread.getName()).getSelectionSet());
        }
      }
    }
    return List.copyOf(fields);
  }
}
