package dev.cask.maven.importers.graphql;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * An application's session against {@link GraphQlShop}, recorded as it went over the wire: every request and response
 * (method, URL, headers, body bytes, status) is written as a HAR 1.2 file and as OTLP/JSON client spans (stable HTTP
 * conventions, bodies in {@code http.request.body} / {@code http.response.body}). Queries with variables and fragments,
 * an anonymous query, mutations, an automatic persisted query (hash alone, not found; text and hash; hash alone, found),
 * a batch, a subscription, a GET query, and a JSON search call that is not GraphQL.
 */
public final class GraphQlRecording {
  static final String BEARER = "Bearer gql-PLANTED-token-0123456789abcdef";
  static final String PLANTED_EMAIL = "grace.hopper.planted@example.com";

  static final String GET_BOOK = """
      # the book page
      query GetBook($id: ID!) {
        book(id: $id) { ...BookFields }
      }
      fragment BookFields on Book { id title author }
      fragment Unused on Book { price }
      """;
  static final String GET_BOOK_AGAIN = "query GetBook($id:ID!){book(id:$id){...BookFields}} fragment BookFields on Book{id title author}";
  static final String LIST_BOOKS = "query ListBooks($filter: BookFilter, $first: Int) { books(filter: $filter, first: $first) { id title } }";
  static final String ME = "{ me { id email } }";
  static final String ADD_BOOK = "mutation AddBook($input: NewBook!) { addBook(input: $input) { id title } }";
  static final String DELETE_BOOK = "mutation DeleteBook($id: ID!) { deleteBook(id: $id) }";
  static final String SET_ROLE = "mutation SetUserRole($userId: ID!, $role: Role!) { setUserRole(userId: $userId, role: $role) { id role } }";
  static final String UPDATE_EMAIL = "mutation UpdateEmail($email: String!) { updateEmail(email: $email) { id } }";
  static final String PRICED = "query PricedBooks { books { id price } }";
  static final String SUBSCRIPTION = "subscription OnBookAdded { bookAdded { id } }";

  private static final ObjectMapper JSON = new ObjectMapper();
  private final GraphQlShop shop;
  private final HttpClient client = HttpClient.newHttpClient();
  private final List<ObjectNode> entries = new ArrayList<>();
  private final List<ObjectNode> spans = new ArrayList<>();

  private GraphQlRecording(GraphQlShop shop) {
    this.shop = shop;
  }

  /** Runs the session and writes {@code graphql.har} and {@code graphql.otlp.json} into {@code dir}. */
  public static void record(GraphQlShop shop, Path dir) throws Exception {
    GraphQlRecording session = new GraphQlRecording(shop);
    session.run();
    session.write(dir);
  }

  private void run() throws Exception {
    post(body(GET_BOOK, "GetBook", "{\"id\":\"1\"}"));
    post(body(GET_BOOK_AGAIN, null, "{\"id\":\"2\"}"));
    post(body(LIST_BOOKS, "ListBooks", "{\"filter\":{\"author\":\"Frank Herbert\"},\"first\":5}"));
    post(body(ME, null, null));
    post(body(ADD_BOOK, "AddBook", "{\"input\":{\"title\":\"Hyperion\",\"author\":\"Dan Simmons\",\"price\":8.5}}"));
    post(body(DELETE_BOOK, "DeleteBook", "{\"id\":\"2\"}"));
    post(body(SET_ROLE, "SetUserRole", "{\"userId\":\"17\",\"role\":\"EDITOR\"}"));
    post(body(UPDATE_EMAIL, "UpdateEmail", "{\"email\":\"" + PLANTED_EMAIL + "\"}"));
    // Automatic persisted query: the hash alone (not found yet), the text with the hash, the hash alone (found).
    String hash = sha256(PRICED);
    String persisted = "{\"operationName\":\"PricedBooks\",\"extensions\":{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\""
        + hash + "\"}}}";
    post(persisted);
    post("{\"query\":" + JSON.writeValueAsString(PRICED) + ",\"operationName\":\"PricedBooks\",\"extensions\":"
        + "{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\"" + hash + "\"}}}");
    post(persisted);
    // A batch of two operations in one request.
    post("[" + body(LIST_BOOKS, "ListBooks", "{\"first\":1}") + "," + body(GET_BOOK_AGAIN, "GetBook", "{\"id\":\"1\"}") + "]");
    post(body(SUBSCRIPTION, "OnBookAdded", null));
    get("/graphql?query=" + URLEncoder.encode(LIST_BOOKS, StandardCharsets.UTF_8) + "&operationName=ListBooks"
        + "&variables=" + URLEncoder.encode("{\"first\":2}", StandardCharsets.UTF_8));
    exchange("POST", "/search", "{\"query\":\"red shoes\",\"page\":1}");
  }

  static String body(String query, String operationName, String variables) throws IOException {
    ObjectNode body = JSON.createObjectNode().put("query", query);
    if (operationName != null) {
      body.put("operationName", operationName);
    }
    if (variables != null) {
      body.set("variables", JSON.readTree(variables));
    }
    return JSON.writeValueAsString(body);
  }

  private void post(String body) throws Exception {
    exchange("POST", "/graphql", body);
  }

  private void get(String pathAndQuery) throws Exception {
    exchange("GET", pathAndQuery, null);
  }

  private void exchange(String method, String pathAndQuery, String body) throws Exception {
    String url = shop.url(pathAndQuery);
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", BEARER)
        .header("Accept", "application/json");
    if (body != null) {
      request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    String contentType = response.headers().firstValue("Content-Type").orElse("application/json");
    entries.add(harEntry(method, url, body, response.statusCode(), contentType, response.body()));
    spans.add(span(method, url, body, response.statusCode(), contentType, response.body()));
  }

  private ObjectNode harEntry(String method, String url, String body, int status, String contentType, String answer) {
    ObjectNode entry = JSON.createObjectNode();
    entry.put("startedDateTime", String.format(Locale.ROOT, "2026-01-01T00:00:%02d.000Z", entries.size() % 60));
    entry.put("time", 1);
    ObjectNode request = entry.putObject("request");
    request.put("method", method).put("url", url).put("httpVersion", "HTTP/1.1");
    ArrayNode headers = request.putArray("headers");
    headers.addObject().put("name", "Authorization").put("value", BEARER);
    headers.addObject().put("name", "Accept").put("value", "application/json");
    if (body != null) {
      headers.addObject().put("name", "Content-Type").put("value", "application/json");
      request.putObject("postData").put("mimeType", "application/json").put("text", body);
    }
    request.putArray("queryString");
    request.putArray("cookies");
    request.put("headersSize", -1).put("bodySize", body == null ? 0 : body.getBytes(StandardCharsets.UTF_8).length);
    ObjectNode response = entry.putObject("response");
    response.put("status", status).put("statusText", "OK").put("httpVersion", "HTTP/1.1");
    response.putArray("headers").addObject().put("name", "Content-Type").put("value", contentType);
    response.putArray("cookies");
    response.putObject("content").put("size", answer.length()).put("mimeType", contentType).put("text", answer);
    response.put("redirectURL", "").put("headersSize", -1).put("bodySize", answer.length());
    entry.putObject("cache");
    entry.putObject("timings").put("send", 0).put("wait", 1).put("receive", 0);
    entry.put("_resourceType", "fetch");
    return entry;
  }

  private ObjectNode span(String method, String url, String body, int status, String contentType, String answer) {
    int n = spans.size() + 1;
    ObjectNode span = JSON.createObjectNode();
    span.put("traceId", String.format(Locale.ROOT, "%032x", n)).put("spanId", String.format(Locale.ROOT, "%016x", n));
    span.put("name", method).put("kind", 3);
    span.put("startTimeUnixNano", Long.toString(1_767_225_600_000_000_000L + n * 1_000_000L));
    span.put("endTimeUnixNano", Long.toString(1_767_225_600_000_000_000L + n * 1_000_000L + 500_000L));
    ArrayNode attributes = span.putArray("attributes");
    attribute(attributes, "http.request.method", method);
    attribute(attributes, "url.full", url);
    attributes.addObject().put("key", "http.response.status_code").putObject("value").put("intValue", status);
    header(attributes, "http.request.header.authorization", BEARER);
    if (body != null) {
      header(attributes, "http.request.header.content-type", "application/json");
      attribute(attributes, "http.request.body", body);
    }
    header(attributes, "http.response.header.content-type", contentType);
    attribute(attributes, "http.response.body", answer);
    return span;
  }

  private static void attribute(ArrayNode attributes, String key, String value) {
    attributes.addObject().put("key", key).putObject("value").put("stringValue", value);
  }

  private static void header(ArrayNode attributes, String key, String value) {
    attributes.addObject().put("key", key).putObject("value").putObject("arrayValue").putArray("values")
        .addObject().put("stringValue", value);
  }

  private void write(Path dir) throws IOException {
    ObjectNode har = JSON.createObjectNode();
    ObjectNode log = har.putObject("log");
    log.put("version", "1.2");
    log.putObject("creator").put("name", "cask-graphql-recording").put("version", "1");
    ArrayNode all = log.putArray("entries");
    entries.forEach(all::add);
    Files.createDirectories(dir);
    Files.write(dir.resolve("graphql.har"), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(har));
    ObjectNode otlp = JSON.createObjectNode();
    ObjectNode resource = otlp.putArray("resourceSpans").addObject();
    resource.putObject("resource").putArray("attributes").addObject().put("key", "service.name")
        .putObject("value").put("stringValue", "cask-graphql-recording");
    ObjectNode scope = resource.putArray("scopeSpans").addObject();
    scope.putObject("scope").put("name", "cask-graphql-recording");
    ArrayNode list = scope.putArray("spans");
    spans.forEach(list::add);
    Files.write(dir.resolve("graphql.otlp.json"), JSON.writeValueAsBytes(otlp));
  }

  static String sha256(String text) throws Exception {
    return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
        .digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
