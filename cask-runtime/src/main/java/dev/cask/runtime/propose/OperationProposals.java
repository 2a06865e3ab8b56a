package dev.cask.runtime.propose;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.json.CaskFiles;
import dev.cask.runtime.text.ControlCharacters;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a proposal of a new operation becomes when a person accepts it: an OpenAPI 3.0 document with exactly that
 * operation, written into the API sources ({@value #SOURCE_DIRECTORY}), so the normal path follows: {@code cask:compile}
 * makes it a tool, the gate refuses it until a person approves it, {@code cask:diff} shows it as a new tool.
 *
 * <p>Nothing the agent wrote becomes part of the tool: the description is a fixed text that tells the reviewer to
 * describe the operation, and the agent's reason is only a comment (escaped) in the document. The tool's name is
 * derived from the method and the literal path segments, never from the agent's text.
 */
public final class OperationProposals {
  /** Where accepted operation proposals go, relative to the project (inside the default API sources). */
  public static final String SOURCE_DIRECTORY = "src/main/cask/proposals";

  private static final Pattern URL = Pattern.compile("(https?)://([^/?#]+)([^?#]*)");
  private static final Pattern PARAMETER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]{0,63})}");
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._~-]+|\\{[A-Za-z_][A-Za-z0-9_]{0,63}}");

  private OperationProposals() {}

  private static Matcher url(Proposal proposal) {
    Matcher matcher = URL.matcher(proposal.url());
    if (!matcher.matches()) {
      throw new IllegalArgumentException("proposal " + proposal.id() + " has no usable URL");
    }
    return matcher;
  }

  public static String host(Proposal proposal) {
    return url(proposal).group(2).toLowerCase(Locale.ROOT);
  }

  /** The path template ({@code /} when the URL has none). */
  public static String path(Proposal proposal) {
    String path = url(proposal).group(3);
    return path.isEmpty() ? "/" : path;
  }

  /** The operation's identity as the gate and drift name it ({@code GET host/path/{}}). */
  public static String operationId(Proposal proposal) {
    return proposal.method() + " " + host(proposal) + PARAMETER.matcher(path(proposal)).replaceAll("{}");
  }

  /** {@code get_…}/{@code list_…}, {@code create_…}, {@code update_…}, {@code delete_…} and the literal segments. */
  public static String toolName(Proposal proposal) {
    List<String> words = new ArrayList<>();
    String[] segments = path(proposal).split("/");
    boolean endsWithParameter = segments.length > 0 && PARAMETER.matcher(segments[segments.length - 1]).matches();
    words.add(switch (proposal.method()) {
      case "GET" -> endsWithParameter ? "get" : "list";
      case "POST" -> "create";
      case "DELETE" -> "delete";
      default -> "update";
    });
    for (String segment : segments) {
      if (segment.isEmpty() || PARAMETER.matcher(segment).matches() || segment.matches("v[0-9]+")) {
        continue;
      }
      String word = segment.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
      if (!word.isEmpty()) {
        words.add(word);
      }
    }
    String name = String.join("_", words);
    return name.length() <= 64 ? name : name.substring(0, 64).replaceAll("_+$", "");
  }

  /**
   * The OpenAPI document of an accepted operation proposal.
   *
   * @param baseUrls the base URLs of the toolpack's tools: when the proposed URL starts with one, it is the server URL
   *     (so the new tool shares its siblings' base path)
   * @throws IllegalArgumentException when the URL's path has segments a path template cannot hold
   */
  public static byte[] document(Proposal proposal, List<String> baseUrls) {
    Matcher matcher = url(proposal);
    String origin = matcher.group(1) + "://" + matcher.group(2);
    String fullPath = path(proposal);
    for (String segment : fullPath.split("/")) {
      if (!segment.isEmpty() && !SEGMENT.matcher(segment).matches()) {
        throw new IllegalArgumentException("proposal " + proposal.id() + ": the path segment '"
            + ControlCharacters.escapeIdentifier(segment, 60) + "' is neither a literal nor a {parameter}");
      }
    }
    String server = origin;
    String path = fullPath;
    for (String base : baseUrls) {
      if (base.startsWith(origin) && fullPath.startsWith(base.substring(origin.length()) + "/")
          && base.length() > server.length()) {
        server = base;
        path = fullPath.substring(base.length() - origin.length());
      }
    }
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode document = json.objectNode().put("openapi", "3.0.3");
    document.putObject("info").put("title", "Operation proposed by an agent (" + proposal.id() + ")")
        .put("version", "proposed");
    document.putArray("servers").addObject().put("url", server);
    ObjectNode operation = document.putObject("paths").putObject(path)
        .putObject(proposal.method().toLowerCase(Locale.ROOT));
    operation.put("operationId", toolName(proposal));
    operation.put("description", "An operation an agent proposed (" + proposal.id() + "). Describe what it does, its"
        + " parameters and responses before approving its tool.");
    Matcher parameters = PARAMETER.matcher(path);
    if (parameters.find()) {
      var list = operation.putArray("parameters");
      do {
        list.addObject().put("name", parameters.group(1)).put("in", "path").put("required", true)
            .putObject("schema").put("type", "string");
      } while (parameters.find());
    }
    operation.putObject("responses").putObject("200").put("description", "OK");
    String header = "# Accepted from proposal " + proposal.id() + " by cask:propose-accept. An agent asked for\n# "
        + proposal.method() + " " + ControlCharacters.escapeIdentifier(proposal.url(), 300) + "\n"
        + "# Its reason (untrusted, escaped): " + ControlCharacters.escape(proposal.reason(), 300) + "\n"
        + "# Describe the operation below, then compile and review its tool; nothing is approved yet.\n";
    byte[] head = header.getBytes(StandardCharsets.UTF_8);
    byte[] body = CaskFiles.yaml(document);
    byte[] all = new byte[head.length + body.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(body, 0, all, head.length, body.length);
    return all;
  }
}
