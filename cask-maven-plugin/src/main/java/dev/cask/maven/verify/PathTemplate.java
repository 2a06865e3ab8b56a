package dev.cask.maven.verify;

import dev.cask.runtime.model.toolpack.ToolDefinition;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tool's full path (the base URL's path and the tool's path template) as segments, and how a request path fills its
 * placeholders. A segment is a literal, or literal text around {@code {name}} placeholders ({@code {id}},
 * {@code {file}.json}); a placeholder never spans a {@code /}. A GraphQL tool's path is its endpoint's: the
 * {@code #operation} fragment never reaches the wire.
 */
final class PathTemplate {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}/]+)}");

  private record Segment(String literal, Pattern pattern, List<String> names) {}

  private final List<Segment> segments;
  private final int literals;

  private PathTemplate(List<Segment> segments) {
    this.segments = List.copyOf(segments);
    this.literals = (int) segments.stream().filter(s -> s.literal() != null).count();
  }

  static PathTemplate of(ToolDefinition tool) {
    String basePath = URI.create(tool.baseUrl()).getRawPath();
    List<Segment> segments = new ArrayList<>();
    String path = tool.binding().graphql() == null ? tool.path() : tool.path().substring(0, tool.path().indexOf('#'));
    for (String segment : Urls.segments((basePath == null ? "" : basePath) + path)) {
      Matcher placeholder = PLACEHOLDER.matcher(segment);
      if (!placeholder.find()) {
        segments.add(new Segment(Urls.decode(segment, false), null, List.of()));
        continue;
      }
      StringBuilder regex = new StringBuilder("^");
      List<String> names = new ArrayList<>();
      int at = 0;
      placeholder.reset();
      while (placeholder.find()) {
        regex.append(Pattern.quote(segment.substring(at, placeholder.start()))).append("(.*?)");
        names.add(placeholder.group(1));
        at = placeholder.end();
      }
      regex.append(Pattern.quote(segment.substring(at))).append('$');
      segments.add(new Segment(null, Pattern.compile(regex.toString()), List.copyOf(names)));
    }
    return new PathTemplate(segments);
  }

  /** How many segments are literal: of two templates a path fits, the more literal one is meant. */
  int literals() {
    return literals;
  }

  /** Placeholder name → the raw (still encoded) text that fills it, or null when the path does not fit. */
  Map<String, String> match(List<String> rawSegments) {
    if (rawSegments.size() != segments.size()) {
      return null;
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < segments.size(); i++) {
      Segment segment = segments.get(i);
      String raw = rawSegments.get(i);
      if (segment.literal() != null) {
        if (!segment.literal().equals(Urls.decode(raw, false))) {
          return null;
        }
        continue;
      }
      Matcher matcher = segment.pattern().matcher(raw);
      if (!matcher.matches()) {
        return null;
      }
      for (int g = 0; g < segment.names().size(); g++) {
        values.put(segment.names().get(g), matcher.group(g + 1));
      }
    }
    return values;
  }
}
