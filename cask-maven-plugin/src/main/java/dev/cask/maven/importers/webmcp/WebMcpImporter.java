package dev.cask.maven.importers.webmcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.maven.importers.HostPatterns;
import dev.cask.maven.importers.ImportRequest;
import dev.cask.maven.importers.Importer;
import dev.cask.maven.importers.InputSniff;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.json.CanonicalJson;
import dev.cask.runtime.json.CaskFiles;
import dev.cask.runtime.json.CaskMappers;
import dev.cask.runtime.model.HttpMethod;
import dev.cask.runtime.model.OperationKey;
import dev.cask.runtime.model.WebMcpTarget;
import dev.cask.runtime.model.capture.Capture;
import dev.cask.runtime.model.capture.CaptureSource;
import dev.cask.runtime.model.capture.CapturedOperation;
import dev.cask.runtime.model.capture.LeftOutOperation;
import dev.cask.runtime.model.capture.MediaContent;
import dev.cask.runtime.model.capture.RequestBody;
import dev.cask.runtime.model.capture.SourceKind;
import dev.cask.runtime.model.capture.SourceRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a WebMCP capture ({@code *.webmcp.json}, written by {@code cask:mint}) into operations of the {@code webmcp}
 * source kind: one per registered tool, {@code WEBMCP <host>/<page>#<name>}, with the page's description, its input
 * schema as the request body and its annotations as {@link dev.cask.runtime.model.capture.DeclaredHints}. The compiler
 * turns them into tools like any other; the runtime calls them in a browser ({@code serve --browser}).
 *
 * <p>A tool whose name, page or schema Cask cannot serve is left out with the reason (as for any source); a file that is
 * not this format, or names one tool twice, fails the import naming the file and the place.
 */
public final class WebMcpImporter implements Importer {
  static final String MARKER = "webmcp";
  private static final String FIX = "mint the capture again with cask:mint (the file is written by it), or correct it";

  @Override
  public String format() {
    return "webmcp";
  }

  @Override
  public Set<String> markerKeys() {
    return Set.of(MARKER);
  }

  /** A {@code .json} file whose top level has a {@code webmcp} field (mint names them {@code *.webmcp.json}). */
  @Override
  public boolean recognizes(Path file, InputSniff sniff) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".json") && MARKER.equals(sniff.marker());
  }

  @Override
  public Capture read(ImportRequest request) {
    String source = request.displayPath();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(request.file());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source, e);
    }
    WebMcpFile file = CaskFiles.parse(CaskMappers.json(), bytes, source, WebMcpFile.class, FIX);
    if (file.webmcp() != WebMcpFile.FORMAT_VERSION) {
      throw new CaskException(source, "/webmcp", "has format version " + file.webmcp() + " (this Cask reads "
          + WebMcpFile.FORMAT_VERSION + ")", "mint the capture again with this Cask");
    }
    HostPatterns hosts = HostPatterns.of(request.settings().allowHosts());
    List<CapturedOperation> operations = new ArrayList<>();
    List<LeftOutOperation> leftOut = new ArrayList<>();
    Map<OperationKey, Integer> seen = new HashMap<>();
    for (int i = 0; i < file.tools().size(); i++) {
      WebMcpFile.Tool tool = file.tools().get(i);
      String pointer = "/tools/" + i;
      String baseUrl = origin(tool.origin(), source, pointer);
      if (!hosts.allows(baseUrl)) {
        request.log().debug(source + "#" + pointer + ": WebMCP tool '" + tool.name() + "' of " + baseUrl
            + " dropped: its host is not in cask.allowHosts");
        continue;
      }
      if (!WebMcpFile.Tool.IMPERATIVE.equals(tool.declaredBy()) && !WebMcpFile.Tool.DECLARATIVE.equals(tool.declaredBy())) {
        throw new CaskException(source, pointer + "/declaredBy", "is '" + tool.declaredBy() + "', not '"
            + WebMcpFile.Tool.IMPERATIVE + "' or '" + WebMcpFile.Tool.DECLARATIVE + "'", FIX);
      }
      String operation = HttpMethod.WEBMCP + " " + tool.page() + "#" + tool.name();
      WebMcpTarget target;
      try {
        target = new WebMcpTarget(tool.page(), tool.name());
      } catch (IllegalArgumentException e) {
        leftOut.add(leftOut(source, pointer, operation, e.getMessage() + ". Fix: rename the tool in the page"));
        continue;
      }
      if (tool.inputSchema() != null && !tool.inputSchema().isObject()) {
        leftOut.add(leftOut(source, pointer + "/inputSchema", operation,
            "the page's input schema is not a JSON object. Fix: declare the tool's inputSchema as a JSON Schema object"));
        continue;
      }
      CapturedOperation captured = operation(tool, baseUrl, target, new SourceRef(source, pointer));
      Integer earlier = seen.putIfAbsent(captured.key(), i);
      if (earlier != null) {
        throw new CaskException(source, pointer, "declares " + captured.key().id() + " again (first at /tools/" + earlier
            + ")", "keep one of the two entries");
      }
      operations.add(captured);
    }
    CaptureSource captureSource =
        new CaptureSource(SourceKind.WEBMCP, source, CanonicalJson.sha256Hex(bytes), null, null);
    return Capture.of(List.of(captureSource), operations, new TreeMap<>(), new TreeMap<>(), List.of()).withLeftOut(leftOut);
  }

  private static CapturedOperation operation(WebMcpFile.Tool tool, String baseUrl, WebMcpTarget target, SourceRef origin) {
    JsonNode schema = tool.inputSchema() == null ? emptyObjectSchema() : tool.inputSchema();
    RequestBody arguments = new RequestBody(true, null, List.of(new MediaContent("application/json", schema)));
    String description = tool.description() == null ? null : tool.description().strip();
    return new CapturedOperation(HttpMethod.WEBMCP, baseUrl, target.path(), tool.name(), null, description, List.of(),
        false, List.of(), arguments, List.of(), List.of(), origin, null, tool.annotations());
  }

  private static ObjectNode emptyObjectSchema() {
    ObjectNode schema = JsonNodeFactory.instance.objectNode();
    schema.put("type", "object");
    return schema;
  }

  /** {@code scheme://host[:port]} of an http(s) origin; anything else fails naming the place. */
  private static String origin(String origin, String source, String pointer) {
    URI uri;
    try {
      uri = new URI(origin);
    } catch (URISyntaxException e) {
      uri = null;
    }
    String scheme = uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean bare = uri != null && uri.getHost() != null && uri.getRawUserInfo() == null && uri.getRawQuery() == null
        && uri.getRawFragment() == null && (uri.getRawPath() == null || uri.getRawPath().isEmpty());
    if (!(scheme.equals("http") || scheme.equals("https")) || !bare) {
      throw new CaskException(source, pointer + "/origin", "'" + origin + "' is not an http(s) origin",
          "write the origin as scheme://host[:port], e.g. https://app.example.com");
    }
    return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
  }

  private static LeftOutOperation leftOut(String source, String pointer, String operation, String reason) {
    return new LeftOutOperation(source, pointer, operation, reason, null);
  }
}
