package dev.cask.maven.importers.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real GraphQL server for the tests, on 127.0.0.1 and a free port: graphql-java executing a small bookshop schema
 * behind the JDK's HTTP server, with GraphQL-over-HTTP POST and GET, batches (a JSON array of requests) and automatic
 * persisted queries (Apollo's protocol: a hash alone is answered {@code PersistedQueryNotFound} until the text has come
 * with it). {@code /search} is a JSON API that is not GraphQL. Every request body it received is kept, byte for byte.
 */
public final class GraphQlShop implements AutoCloseable {
  public static final String SDL = """
      "A bookshop."
      type Query {
        book(id: ID!): Book
        books(filter: BookFilter, first: Int = 10): [Book!]!
        me: User
      }
      type Mutation {
        addBook(input: NewBook!): Book!
        deleteBook(id: ID!): Boolean!
        setUserRole(userId: ID!, role: Role!): User!
        updateEmail(email: String!): User!
      }
      type Subscription {
        bookAdded: Book
      }
      type Book {
        id: ID!
        title: String!
        author: String!
        price: Float
      }
      type User {
        id: ID!
        email: String!
        role: Role!
      }
      enum Role { READER EDITOR ADMIN }
      "Which books."
      input BookFilter {
        "Exactly this author."
        author: String
        titleContains: String
        and: [BookFilter!]
      }
      input NewBook {
        title: String!
        author: String!
        price: Float
      }
      """;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final GraphQL graphql;
  private final Map<String, String> persisted = new ConcurrentHashMap<>();
  private final Map<String, Map<String, Object>> books = new ConcurrentHashMap<>();
  private final Map<String, Object> user = new ConcurrentHashMap<>();
  public final List<byte[]> received = Collections.synchronizedList(new ArrayList<>());

  private GraphQlShop(HttpServer server) {
    this.server = server;
    books.put("1", book("1", "Dune", "Frank Herbert", 9.5));
    books.put("2", book("2", "Emma", "Jane Austen", 7.0));
    user.putAll(Map.of("id", "17", "email", "ada.lovelace.planted@example.com", "role", "READER"));
    GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(SDL), wiring());
    this.graphql = GraphQL.newGraphQL(schema).build();
  }

  public static GraphQlShop start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    GraphQlShop shop = new GraphQlShop(server);
    server.createContext("/graphql", shop::graphql);
    server.createContext("/search", shop::search);
    server.start();
    return shop;
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private static Map<String, Object> book(String id, String title, String author, Double price) {
    Map<String, Object> book = new LinkedHashMap<>();
    book.put("id", id);
    book.put("title", title);
    book.put("author", author);
    book.put("price", price);
    return book;
  }

  private RuntimeWiring wiring() {
    DataFetcher<Object> book = env -> books.get(String.valueOf((Object) env.getArgument("id")));
    DataFetcher<Object> list = env -> {
      Map<String, Object> filter = env.getArgument("filter");
      int first = env.getArgumentOrDefault("first", 10);
      return books.values().stream()
          .filter(b -> filter == null || filter.get("author") == null || b.get("author").equals(filter.get("author")))
          .sorted((a, b) -> ((String) a.get("id")).compareTo((String) b.get("id")))
          .limit(first).toList();
    };
    DataFetcher<Object> add = env -> {
      Map<String, Object> input = env.getArgument("input");
      String id = Integer.toString(books.size() + 1);
      Map<String, Object> created = book(id, (String) input.get("title"), (String) input.get("author"),
          input.get("price") == null ? null : ((Number) input.get("price")).doubleValue());
      books.put(id, created);
      return created;
    };
    return RuntimeWiring.newRuntimeWiring()
        .type("Query", t -> t.dataFetcher("book", book).dataFetcher("books", list).dataFetcher("me", env -> user))
        .type("Mutation", t -> t.dataFetcher("addBook", add)
            .dataFetcher("deleteBook", env -> books.remove(String.valueOf((Object) env.getArgument("id"))) != null)
            .dataFetcher("setUserRole", env -> {
              user.put("role", env.getArgument("role"));
              return user;
            })
            .dataFetcher("updateEmail", env -> {
              user.put("email", env.getArgument("email"));
              return user;
            }))
        .type("Subscription", t -> t.dataFetcher("bookAdded", env -> null))
        .build();
  }

  private void graphql(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    received.add(body);
    JsonNode request;
    if (exchange.getRequestMethod().equals("GET")) {
      ObjectNode fromQuery = JSON.createObjectNode();
      String raw = exchange.getRequestURI().getRawQuery();
      for (String pair : raw == null ? new String[0] : raw.split("&")) {
        int eq = pair.indexOf('=');
        String name = java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
        String value = java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        if (name.equals("variables") || name.equals("extensions")) {
          fromQuery.set(name, JSON.readTree(value));
        } else {
          fromQuery.put(name, value);
        }
      }
      request = fromQuery;
    } else {
      request = JSON.readTree(body);
    }
    JsonNode answer;
    if (request.isArray()) {
      ArrayNode all = JSON.createArrayNode();
      request.forEach(one -> all.add(execute(one)));
      answer = all;
    } else {
      answer = execute(request);
    }
    send(exchange, 200, JSON.writeValueAsBytes(answer));
  }

  private JsonNode execute(JsonNode request) {
    String query = request.path("query").isTextual() ? request.get("query").asText() : null;
    JsonNode hash = request.at("/extensions/persistedQuery/sha256Hash");
    if (hash.isTextual()) {
      if (query == null) {
        query = persisted.get(hash.asText());
        if (query == null) {
          return JSON.createObjectNode().set("errors", JSON.createArrayNode().add(JSON.createObjectNode()
              .put("message", "PersistedQueryNotFound")
              .set("extensions", JSON.createObjectNode().put("code", "PERSISTED_QUERY_NOT_FOUND"))));
        }
      } else {
        persisted.put(hash.asText(), query);
      }
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> variables = request.path("variables").isObject()
        ? JSON.convertValue(request.get("variables"), Map.class) : Map.of();
    ExecutionInput.Builder input = ExecutionInput.newExecutionInput().query(query).variables(variables);
    if (request.path("operationName").isTextual()) {
      input.operationName(request.get("operationName").asText());
    }
    ExecutionResult result = graphql.execute(input.build());
    return JSON.valueToTree(result.toSpecification());
  }

  private void search(HttpExchange exchange) throws IOException {
    received.add(exchange.getRequestBody().readAllBytes());
    send(exchange, 200, "{\"results\":[{\"id\":\"1\",\"title\":\"Dune\"}],\"total\":1}".getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange exchange, int status, byte[] bytes) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
