package dev.cask.maven.importers.openapi;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.maven.importers.ImportSettings;
import dev.cask.runtime.CaskException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The documents of one description and the only way to follow a {@code $ref} between them.
 *
 * <p>Every reference is checked before anything is read: a relative file reference must stay inside the directory of
 * the input document (after following symbolic links), so that a description cannot pull {@code /etc/passwd} or a
 * private key into an artifact; a reference with a scheme must be http(s), and is fetched only when the user allowed
 * remote references. {@link #checkAllReferences()} runs these checks over every document before swagger-parser sees
 * the input, so swagger-parser (which would fetch URLs and fall back to the class path) is never handed a reference
 * Cask did not approve.
 */
final class SpecDocuments {
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
  private static final String POINTER_FIX =
      "check the JSON pointer after '#' (names are case-sensitive; a '/' inside a name is written ~1)";

  private final SpecDocument root;
  private final SpecVersion version;
  private final Path confinement;
  private final ImportSettings settings;
  private final RemoteFetcher fetcher;
  private final Map<String, SpecDocument> loaded;

  private SpecDocuments(
      SpecDocument root,
      SpecVersion version,
      ImportSettings settings,
      RemoteFetcher fetcher,
      Map<String, SpecDocument> loaded) {
    this.root = root;
    this.version = version;
    this.confinement = root.file().getParent();
    this.settings = settings;
    this.fetcher = fetcher;
    this.loaded = loaded;
    loaded.put(root.id(), root);
  }

  static SpecDocuments open(
      Path file, String displayPath, JsonNode tree, SpecVersion version, ImportSettings settings, RemoteFetcher fetcher) {
    SpecDocument root = new SpecDocument(file.toAbsolutePath().normalize(), null, displayPath, tree);
    return new SpecDocuments(root, version, settings, fetcher, new HashMap<>());
  }

  /** The same documents with the input document's tree replaced (by swagger-parser's conversion of Swagger 2.0). */
  SpecDocuments withRootTree(JsonNode tree, SpecVersion treeVersion) {
    return new SpecDocuments(root.withRoot(tree), treeVersion, settings, fetcher, new HashMap<>(loaded));
  }

  SpecDocument root() {
    return root;
  }

  /** The local files loaded so far besides the input document (what its references reached). */
  List<Path> localFiles() {
    return loaded.values().stream()
        .filter(document -> !document.isRemote() && !document.id().equals(root.id()))
        .map(SpecDocument::file)
        .sorted()
        .toList();
  }

  /**
   * Follows every {@code $ref} of the input document and of every document it reaches, loading those documents.
   * Fails on the first reference (in document order) that is refused or does not resolve.
   */
  void checkAllReferences() {
    Deque<SpecDocument> pending = new ArrayDeque<>();
    pending.add(root);
    java.util.Set<String> scanned = new java.util.HashSet<>();
    while (!pending.isEmpty()) {
      SpecDocument document = pending.poll();
      if (!scanned.add(document.id())) {
        continue;
      }
      forEachRef(document.root(), Keys.KEYWORDS, new ArrayList<>(), (pointer, ref) -> {
        RefTarget target = resolve(document, ref, pointer);
        if (!scanned.contains(target.document().id())) {
          pending.add(target.document());
        }
      });
    }
  }

  private interface RefVisitor {
    void visit(String pointer, String ref);
  }

  /** What the keys of an object are, for telling references from literal data. */
  private enum Keys {
    /** Keywords of the specification or of JSON Schema ({@code type}, {@code example}, {@code get} ...). */
    KEYWORDS,
    /** Names an author chose (paths, property names, component names): every value is an object of keywords. */
    NAMES,
    /** The names of a callbacks map: every value is again a map of names (runtime expressions to path items). */
    CALLBACK_NAMES,
    /** The names of an OpenAPI 3 {@code examples} map: every value is an Example Object (or a reference to one). */
    EXAMPLE_NAMES,
    /** An Example Object: its {@code value} is literal data. */
    EXAMPLE
  }

  /** Keywords whose values are literal data: a {@code $ref} inside an example, default or enum is not a reference. */
  private static final Set<String> LITERAL_VALUES = Set.of("example", "default", "enum", "const");

  /** Keywords whose values map names to objects (a property called {@code example} is a name, not a keyword). */
  private static final Set<String> NAME_MAPS =
      Set.of("paths", "webhooks", "schemas", "responses", "parameters", "requestBodies", "headers", "securitySchemes",
          "links", "pathItems", "properties", "patternProperties", "definitions", "$defs", "dependentSchemas",
          "content", "encoding", "variables", "securityDefinitions");

  /**
   * Visits every reference in the tree, and nothing that is literal data: the values of {@code example}, {@code
   * default}, {@code enum} and {@code const}, the {@code value} of an Example Object, a JSON Schema {@code examples}
   * list, and (Swagger 2.0) a response's {@code examples} by media type. The pointer text is built only where a
   * reference stands (most nodes hold none): {@code path} holds the tokens so far, unescaped.
   */
  private void forEachRef(JsonNode node, Keys keys, List<String> path, RefVisitor visitor) {
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        if (node.get(i).isContainerNode()) {
          path.add(Integer.toString(i));
          forEachRef(node.get(i), Keys.KEYWORDS, path, visitor);
          path.remove(path.size() - 1);
        }
      }
      return;
    }
    if (!node.isObject()) {
      return;
    }
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String key = field.getKey();
      JsonNode value = field.getValue();
      boolean keywords = keys == Keys.KEYWORDS || keys == Keys.EXAMPLE;
      if (keywords && key.equals("$ref") && value.isTextual()) {
        StringBuilder pointer = new StringBuilder();
        path.forEach(token -> pointer.append('/').append(Pointers.escape(token)));
        visitor.visit(pointer.append("/$ref").toString(), value.asText());
        continue;
      }
      if (!value.isContainerNode()) {
        continue;
      }
      Keys inner = switch (keys) {
        case NAMES -> Keys.KEYWORDS;
        case CALLBACK_NAMES -> Keys.NAMES;
        case EXAMPLE_NAMES -> Keys.EXAMPLE;
        case EXAMPLE -> key.equals("value") ? null : Keys.KEYWORDS;
        case KEYWORDS -> keywordValue(key, value);
      };
      if (inner != null) {
        path.add(key);
        forEachRef(value, inner, path, visitor);
        path.remove(path.size() - 1);
      }
    }
  }

  /** How to read the value of a keyword; null when it is literal data. */
  private Keys keywordValue(String key, JsonNode value) {
    if (LITERAL_VALUES.contains(key)) {
      return null;
    }
    if (key.equals("examples")) {
      // JSON Schema's examples are a list of values; Swagger 2.0's map media types to values; OpenAPI 3's map names
      // to Example Objects (which may themselves be references).
      return value.isArray() || version == SpecVersion.SWAGGER_20 ? null : Keys.EXAMPLE_NAMES;
    }
    if (key.equals("callbacks") && value.isObject()) {
      return Keys.CALLBACK_NAMES;
    }
    return NAME_MAPS.contains(key) && value.isObject() ? Keys.NAMES : Keys.KEYWORDS;
  }

  /**
   * Resolves a reference.
   *
   * @param from the document that holds the reference
   * @param ref the reference text
   * @param refPointer where the reference stands in {@code from} (for messages)
   */
  RefTarget resolve(SpecDocument from, String ref, String refPointer) {
    int hash = ref.indexOf('#');
    String location = hash < 0 ? ref : ref.substring(0, hash);
    String fragment = hash < 0 ? null : ref.substring(hash + 1);
    SpecDocument target;
    if (location.isEmpty()) {
      target = from;
    } else if (fragment == null && isShorthandName(location)) {
      // swagger-parser reads a bare name as a component schema: "Pet" means #/components/schemas/Pet.
      target = from;
      fragment = (version == SpecVersion.SWAGGER_20 ? "/definitions/" : "/components/schemas/") + Pointers.escape(location);
    } else {
      target = load(from, ref, refPointer, location);
    }
    String pointer = decodeFragment(from, ref, refPointer, fragment == null ? "" : fragment);
    JsonNode node;
    try {
      node = target.root().at(JsonPointer.compile(pointer));
    } catch (IllegalArgumentException e) {
      throw refError(from, refPointer, ref, "has a malformed JSON pointer after '#'", POINTER_FIX);
    }
    if (node.isMissingNode()) {
      String where = target == from ? "this document" : target.displayPath();
      throw refError(from, refPointer, ref, "cannot be resolved: " + where + " has nothing at '" + pointer + "'", POINTER_FIX);
    }
    return new RefTarget(target, pointer, node);
  }

  private static boolean isShorthandName(String location) {
    return !location.contains(".") && !location.contains("/") && !SCHEME.matcher(location).find();
  }

  private String decodeFragment(SpecDocument from, String ref, String refPointer, String fragment) {
    if (fragment.isEmpty()) {
      return "";
    }
    String decoded = percentDecode(fragment);
    if (decoded == null || !decoded.startsWith("/")) {
      throw refError(from, refPointer, ref, "has a fragment that is not a JSON pointer", POINTER_FIX);
    }
    return decoded;
  }

  private SpecDocument load(SpecDocument from, String ref, String refPointer, String location) {
    if (SCHEME.matcher(location).find() || from.isRemote()) {
      return loadRemote(from, ref, refPointer, location);
    }
    String decoded = percentDecode(location);
    if (decoded == null) {
      throw refError(from, refPointer, ref, "is not a valid relative file path", "escape special characters in the path as %XX");
    }
    if (decoded.startsWith("/") || decoded.startsWith("\\") || decoded.matches("^[A-Za-z]:.*")) {
      throw refError(from, refPointer, ref, "is an absolute file path",
          "refer to the file by a path relative to the referring document, inside " + rootDirectoryDisplay());
    }
    Path file = from.file().getParent().resolve(decoded).normalize();
    if (!file.startsWith(confinement)) {
      throw escapes(from, ref, refPointer);
    }
    SpecDocument cached = loaded.get(file.toString());
    if (cached != null) {
      return cached;
    }
    if (!Files.exists(file)) {
      throw refError(from, refPointer, ref, "cannot be resolved: the file does not exist",
          "check the path (it is relative to the referring document)");
    }
    try {
      if (!file.toRealPath().startsWith(confinement.toRealPath())) {
        throw escapes(from, ref, refPointer); // a symbolic link that leaves the directory
      }
      if (!Files.isRegularFile(file)) {
        throw refError(from, refPointer, ref, "does not point to a regular file", "refer to a document file");
      }
      long size = Files.size(file);
      String display = displayOf(file);
      if (size > settings.maxInputBytes()) {
        throw InputLimits.tooLarge(display, size, settings.maxInputBytes());
      }
      SpecDocument document = new SpecDocument(file, null, display, SpecTreeReader.read(Files.readAllBytes(file), display));
      loaded.put(document.id(), document);
      return document;
    } catch (IOException e) {
      throw refError(from, refPointer, ref, "cannot be read: " + e.getMessage(), "check the file's permissions");
    }
  }

  private SpecDocument loadRemote(SpecDocument from, String ref, String refPointer, String location) {
    URI url;
    try {
      url = from.isRemote() ? from.url().resolve(new URI(location)) : new URI(location);
    } catch (URISyntaxException e) {
      throw refError(from, refPointer, ref, "is not a valid URL", "correct the reference");
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw refError(from, refPointer, ref, "uses the scheme '" + scheme + ":'; only relative file paths and http(s) URLs are allowed",
          "refer to the file by a path relative to the referring document");
    }
    if (!settings.remoteRefs()) {
      throw refError(from, refPointer, ref,
          "points to a remote document, and Cask does not fetch references over the network unless told to",
          "save the referenced document next to this file and refer to it by a relative path, or allow remote"
              + " references with -Dcask.remoteRefs=true (or <remoteRefs>true</remoteRefs>) if you trust "
              + url.getHost());
    }
    if (url.getRawUserInfo() != null) {
      throw refError(from, refPointer, ref, "has credentials in its URL", "remove the user and password from the URL");
    }
    URI document = withoutFragment(url);
    SpecDocument cached = loaded.get(document.toString());
    if (cached != null) {
      return cached;
    }
    byte[] bytes;
    try {
      bytes = fetcher.fetch(document, settings.maxInputBytes());
    } catch (IOException e) {
      throw refError(from, refPointer, ref, "cannot be fetched: " + e.getMessage(), "check the URL and the network");
    }
    SpecDocument fetched = new SpecDocument(null, document, document.toString(), SpecTreeReader.read(bytes, document.toString()));
    loaded.put(fetched.id(), fetched);
    return fetched;
  }

  private static URI withoutFragment(URI url) {
    try {
      return new URI(url.getScheme(), url.getRawSchemeSpecificPart(), null);
    } catch (URISyntaxException e) {
      return url;
    }
  }

  private CaskException escapes(SpecDocument from, String ref, String refPointer) {
    return refError(from, refPointer, ref, "points outside " + rootDirectoryDisplay() + ", the directory of "
        + root.displayPath() + "; Cask does not read files outside it",
        "move the referenced file into that directory (or below it) and refer to it there");
  }

  private String rootDirectoryDisplay() {
    int slash = root.displayPath().lastIndexOf('/');
    return slash < 0 ? "the project directory" : root.displayPath().substring(0, slash + 1);
  }

  /** The display path of a file below the input's directory: the input's display directory plus the relative path. */
  private String displayOf(Path file) {
    String relative = confinement.relativize(file).toString().replace('\\', '/');
    int slash = root.displayPath().lastIndexOf('/');
    return (slash < 0 ? "" : root.displayPath().substring(0, slash + 1)) + relative;
  }

  private static String percentDecode(String text) {
    if (!text.contains("%")) {
      return text;
    }
    try {
      return java.net.URLDecoder.decode(text.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  static CaskException refError(SpecDocument from, String refPointer, String ref, String problem, String fix) {
    return new CaskException(from.displayPath(), refPointer, "$ref '" + Redact.url(ref) + "' " + problem, fix);
  }

}
