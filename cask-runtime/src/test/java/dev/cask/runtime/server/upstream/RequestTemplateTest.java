package dev.cask.runtime.server.upstream;

import dev.cask.runtime.model.toolpack.ReservedHeaders;
import static dev.cask.runtime.server.testing.ToolFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cask.runtime.model.HttpMethod;
import dev.cask.runtime.model.ParameterLocation;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import dev.cask.runtime.server.testing.ToolFixtures;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestTemplateTest {
  private static final String STRING = "{\"type\":\"string\"}";
  private static final String ANY = "{}";

  private static RequestTemplate template(ToolFixtures.Builder builder) {
    return RequestTemplate.compile(builder.definition(), Set.of(), Set.of());
  }

  private static UpstreamRequest build(ToolFixtures.Builder builder, String arguments) {
    return template(builder).build(json(arguments));
  }

  private static ToolFixtures.Builder userTool() {
    return ToolFixtures.tool("get_file").baseUrl("https://api.example.com/v1").path("/repos/{owner}/files/{name}.json")
        .param("owner", ParameterLocation.PATH, STRING).param("name", ParameterLocation.PATH, STRING);
  }

  @Test
  void pathValuesAreEncodedAsOneSegment() {
    UpstreamRequest request = build(userTool(), "{\"owner\":\"a b/c?d#e%2e&f\",\"name\":\"ü\"}");
    assertThat(request.rawPath()).isEqualTo("/v1/repos/a%20b%2Fc%3Fd%23e%252e%26f/files/%C3%BC.json");
    assertThat(request.url()).isEqualTo("https://api.example.com/v1/repos/a%20b%2Fc%3Fd%23e%252e%26f/files/%C3%BC.json");
    assertThat(request.uri().getRawPath()).isEqualTo(request.rawPath());
  }

  @ParameterizedTest
  @ValueSource(strings = {"..", "."})
  void dotSegmentsAreRejected(String value) {
    ToolFixtures.Builder tool = ToolFixtures.tool("t").path("/users/{id}/keys").param("id", ParameterLocation.PATH, STRING);
    assertThatThrownBy(() -> build(tool, "{\"id\":\"" + value + "\"}"))
        .isInstanceOf(RequestRejectedException.class).hasMessageContaining("dot segment");
  }

  @ParameterizedTest
  @ValueSource(strings = {"../admin", "..%2fadmin", "%2e%2e", "..;", "...", ".%2e", "..\\\\admin"})
  void valuesThatOnlyLookLikeTraversalStayInsideTheirSegment(String value) {
    ToolFixtures.Builder tool = ToolFixtures.tool("t").path("/users/{id}/keys").param("id", ParameterLocation.PATH, STRING);
    UpstreamRequest request = build(tool, "{\"id\":" + json("\"" + value + "\"") + "}");
    String segment = request.rawPath().substring("/users/".length(), request.rawPath().length() - "/keys".length());
    assertThat(segment).doesNotContain("/").doesNotContain("?").doesNotContain("#");
    assertThat(segment).isNotIn(".", "..");
    assertThat(request.rawPath()).startsWith("/users/").endsWith("/keys");
  }

  @Test
  void emptyAndMissingPathValuesAreRejected() {
    ToolFixtures.Builder tool = ToolFixtures.tool("t").path("/users/{id}").param("id", ParameterLocation.PATH, STRING);
    assertThatThrownBy(() -> build(tool, "{\"id\":\"\"}")).hasMessageContaining("must not be empty");
    assertThatThrownBy(() -> build(tool, "{}")).hasMessageContaining("missing");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "simple|false|[\"a\",\"b c\"]|a,b%20c",
      "simple|true|{\"x\":1,\"y\":\"z\"}|x=1,y=z",
      "simple|false|{\"x\":1,\"y\":\"z\"}|x,1,y,z",
      "label|false|[\"a\",\"b\"]|.a,b",
      "label|true|[\"a\",\"b\"]|.a.b",
      "matrix|false|[\"a\",\"b\"]|;id=a,b",
      "matrix|true|[\"a\",\"b\"]|;id=a;id=b",
      "matrix|true|{\"x\":1}|;x=1",
      "simple|false|12.50|12.5",
      "simple|false|true|true"})
  void pathStyles(String style, boolean explode, String value, String expected) {
    ToolFixtures.Builder tool = ToolFixtures.tool("t").path("/p/{id}")
        .param("id", ParameterLocation.PATH, "id", ANY, style, explode, true);
    assertThat(build(tool, "{\"id\":" + value + "}").rawPath()).isEqualTo("/p/" + expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "form|true|[\"a\",\"b&c\"]|q=a&q=b%26c",
      "form|false|[\"a\",\"b\"]|q=a,b",
      "form|true|{\"x\":\"1\",\"y\":2}|x=1&y=2",
      "form|false|{\"x\":\"1\",\"y\":2}|q=x,1,y,2",
      "spaceDelimited|false|[\"a\",\"b\"]|q=a%20b",
      "pipeDelimited|false|[\"a\",\"b\"]|q=a%7Cb",
      "deepObject|true|{\"role\":\"admin\",\"n\":1}|q%5Brole%5D=admin&q%5Bn%5D=1",
      "form|true|\"x=1&admin=true\"|q=x%3D1%26admin%3Dtrue",
      "form|true|[{\"a\":1}]|q=%7B%22a%22%3A1%7D"})
  void queryStyles(String style, boolean explode, String value, String expected) {
    ToolFixtures.Builder tool = ToolFixtures.tool("t").param("q", ParameterLocation.QUERY, "q", ANY, style, explode, false);
    assertThat(build(tool, "{\"q\":" + value + "}").rawQuery()).isEqualTo(expected);
  }

  @Test
  void absentAndNullQueryValuesAreLeftOut() {
    ToolFixtures.Builder tool = ToolFixtures.tool("t").param("a", ParameterLocation.QUERY, STRING).param("b", ParameterLocation.QUERY, ANY);
    assertThat(build(tool, "{\"b\":null}").rawQuery()).isNull();
    assertThat(build(tool, "{\"a\":\"1\"}").url()).isEqualTo("https://api.example.com/items?a=1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\\r\\nX-Injected: 1", "a\\nb", "a\\rb", "a\\u0000b", "a\\u007fb"})
  void headerValuesWithControlCharactersAreRejected(String value) {
    ToolFixtures.Builder tool = ToolFixtures.tool("t").param("trace", ParameterLocation.HEADER, "X-Trace", STRING, null, null, false);
    assertThatThrownBy(() -> build(tool, "{\"trace\":\"" + value + "\"}"))
        .isInstanceOf(RequestRejectedException.class).hasMessageContaining("control character");
  }

  @Test
  void headersAndCookiesArePlacedByTheirStyle() {
    ToolFixtures.Builder tool = ToolFixtures.tool("t")
        .param("trace", ParameterLocation.HEADER, "X-Trace", ANY, null, null, false)
        .param("tags", ParameterLocation.HEADER, "X-Tags", ANY, null, true, false)
        .param("session", ParameterLocation.COOKIE, "session", STRING, null, null, false)
        .param("lang", ParameterLocation.COOKIE, "lang", STRING, null, null, false);
    UpstreamRequest request = build(tool, "{\"trace\":\"abc\\tdef\",\"tags\":{\"a\":1,\"b\":2},\"session\":\"x; admin=1\",\"lang\":\"de\"}");
    assertThat(request.headers()).containsExactly(
        new HttpHeader("X-Trace", "abc\tdef"), new HttpHeader("X-Tags", "a=1,b=2"),
        new HttpHeader("Cookie", "session=x%3B%20admin%3D1; lang=de"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Authorization", "authorization", "Cookie", "Host", "Content-Length", "Transfer-Encoding",
      "X-Forwarded-For", "Proxy-Authorization", "X-Api-Key", "Content-Type"})
  void agentArgumentsCanNeverSetReservedHeaders(String header) {
    ToolDefinition tool = ToolFixtures.tool("t").param("h", ParameterLocation.HEADER, header, STRING, null, null, false).definition();
    assertThatThrownBy(() -> RequestTemplate.compile(tool, Set.of(), Set.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(header);
  }

  @Test
  void agentArgumentsCanNeverSetTheOperatorsCredentialHeaderOrQuery() {
    ToolDefinition header = ToolFixtures.tool("t").param("k", ParameterLocation.HEADER, "X-Custom-Key", STRING, null, null, false).definition();
    assertThatThrownBy(() -> RequestTemplate.compile(header, Set.of("x-custom-key"), Set.of())).hasMessageContaining("X-Custom-Key");
    ToolDefinition query = ToolFixtures.tool("t").param("key", ParameterLocation.QUERY, STRING).definition();
    assertThatThrownBy(() -> RequestTemplate.compile(query, Set.of(), Set.of("key"))).hasMessageContaining("credential");
    ToolFixtures.Builder exploded = ToolFixtures.tool("t").param("filter", ParameterLocation.QUERY, "filter", ANY, "form", true, false);
    RequestTemplate template = RequestTemplate.compile(exploded.definition(), Set.of(), Set.of("api_key"));
    assertThatThrownBy(() -> template.build(json("{\"filter\":{\"API_KEY\":\"mine\"}}")))
        .isInstanceOf(RequestRejectedException.class).hasMessageContaining("reserved");
  }

  @Test
  void brokenBindingsFailAtStartUp() {
    ToolDefinition noBinding = ToolFixtures.tool("t").path("/users/{id}").definition();
    assertThatThrownBy(() -> RequestTemplate.compile(noBinding, Set.of(), Set.of())).hasMessageContaining("{id}");
    ToolDefinition badStyle = ToolFixtures.tool("t").param("q", ParameterLocation.QUERY, "q", STRING, "matrix", null, false).definition();
    assertThatThrownBy(() -> RequestTemplate.compile(badStyle, Set.of(), Set.of())).hasMessageContaining("matrix");
    ToolDefinition userInfo = ToolFixtures.tool("t").baseUrl("https://user:pw@api.example.com").definition();
    assertThatThrownBy(() -> RequestTemplate.compile(userInfo, Set.of(), Set.of())).hasMessageContaining("user info");
    ToolDefinition ftp = ToolFixtures.tool("t").baseUrl("ftp://api.example.com").definition();
    assertThatThrownBy(() -> RequestTemplate.compile(ftp, Set.of(), Set.of())).hasMessageContaining("https or http");
  }

  @Test
  void jsonFormMultipartAndTextBodies() {
    UpstreamRequest jsonBody = build(ToolFixtures.tool("t").method(HttpMethod.POST).body("application/json", ANY, true),
        "{\"body\":{\"b\":[1,2],\"a\":\"x\"}}");
    assertThat(jsonBody.contentType()).isEqualTo("application/json");
    assertThat(new String(jsonBody.body(), StandardCharsets.UTF_8)).isEqualTo("{\"b\":[1,2],\"a\":\"x\"}");

    UpstreamRequest form = build(ToolFixtures.tool("t").method(HttpMethod.POST).body("application/x-www-form-urlencoded", ANY, true),
        "{\"body\":{\"name\":\"a&b=c\",\"ids\":[1,2],\"meta\":{\"k\":true},\"skip\":null}}");
    assertThat(new String(form.body(), StandardCharsets.UTF_8))
        .isEqualTo("name=a%26b%3Dc&ids=1&ids=2&meta=%7B%22k%22%3Atrue%7D");

    UpstreamRequest multipart = build(ToolFixtures.tool("t").method(HttpMethod.POST).body("multipart/form-data", ANY, true),
        "{\"body\":{\"title\":\"hi\",\"data\":{\"k\":1}}}");
    String boundary = multipart.contentType().substring("multipart/form-data; boundary=".length());
    assertThat(new String(multipart.body(), StandardCharsets.UTF_8)).isEqualTo(
        "--" + boundary + "\r\nContent-Disposition: form-data; name=\"title\"\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nhi\r\n"
            + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"\r\nContent-Type: application/json\r\n\r\n{\"k\":1}\r\n"
            + "--" + boundary + "--\r\n");
    assertThatThrownBy(() -> build(ToolFixtures.tool("t").method(HttpMethod.POST).body("multipart/form-data", ANY, true),
        "{\"body\":{\"a\\\"; filename=\\\"x\":\"1\"}}")).hasMessageContaining("quote");

    UpstreamRequest text = build(ToolFixtures.tool("t").method(HttpMethod.PUT).body("text/plain", ANY, true), "{\"body\":\"hello\"}");
    assertThat(new String(text.body(), StandardCharsets.UTF_8)).isEqualTo("hello");
    assertThatThrownBy(() -> build(ToolFixtures.tool("t").method(HttpMethod.PUT).body("text/plain", ANY, true), "{\"body\":{}}"))
        .hasMessageContaining("must be a string");
  }

  @Test
  void hostKeysFollowTheToolpackRule() {
    assertThat(template(ToolFixtures.tool("t").baseUrl("https://API.example.com:443/v1")).hostKey()).isEqualTo("api.example.com");
    assertThat(template(ToolFixtures.tool("t").baseUrl("http://127.0.0.1:8080")).hostKey()).isEqualTo("127.0.0.1:8080");
    assertThat(template(ToolFixtures.tool("t").baseUrl("http://[::1]:8080")).hostKey()).isEqualTo("[::1]:8080");
  }
}
