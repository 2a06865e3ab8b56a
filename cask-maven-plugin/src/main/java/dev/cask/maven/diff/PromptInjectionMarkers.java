package dev.cask.maven.diff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Phrases by which a tool description speaks to the agent instead of describing the tool: the markers of published
 * tool-poisoning attacks (hidden {@code <IMPORTANT>} blocks, "ignore previous instructions", "do not tell the user",
 * reading {@code ~/.ssh} or {@code mcp.json}, steering the agent to other tools). A hit raises a description change
 * to {@code critical}. This is a tripwire for reviewers, not a filter: every description change is already at least
 * {@code high} and shown word by word.
 */
public final class PromptInjectionMarkers {
  private static final Map<String, Pattern> MARKERS = new LinkedHashMap<>();

  static {
    marker("overrides earlier instructions",
        "\\b(ignore|disregard|forget|override)\\s+(all\\s+|any\\s+|the\\s+)?(previous|prior|above|earlier|other|system)\\s+(instructions?|prompts?|rules|messages?)");
    marker("hidden instruction tag", "<\\s*/?\\s*(important|system|instructions?|secret|hidden)\\s*>");
    marker("hides actions from the user",
        "\\b(do\\s+not|don'?t|never)\\s+(tell|inform|mention|reveal|show|notify|alert)\\b[^.]{0,40}\\b(user|human|operator)");
    marker("addresses the model",
        "\\b(system\\s+prompt|developer\\s+message|as\\s+an\\s+ai\\b|you\\s+are\\s+now|new\\s+instructions)");
    marker("reaches for secrets or local files",
        "(~/|\\.ssh\\b|id_rsa|id_ed25519|\\.env\\b|mcp\\.json|\\.aws/credentials|private[_\\s]key|/etc/passwd)");
    marker("steers other tool calls",
        "\\b(before|after|instead\\s+of)\\s+(using|calling|invoking)\\s+(this|any|the|another|other)\\b[^.]{0,40}\\btools?\\b");
    marker("orders the agent",
        "\\byou\\s+(must|should|need\\s+to|have\\s+to)\\s+(always|never|first|also|immediately)\\b");
  }

  private PromptInjectionMarkers() {}

  private static void marker(String name, String regex) {
    MARKERS.put(name, Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
  }

  /** The markers found in {@code after} more often than in {@code before}, with the matching text. */
  public static List<String> introduced(String before, String after) {
    List<String> found = new ArrayList<>();
    for (Map.Entry<String, Pattern> marker : MARKERS.entrySet()) {
      List<String> now = matches(marker.getValue(), after);
      if (now.size() > matches(marker.getValue(), before).size()) {
        found.add(marker.getKey() + ": \"" + now.get(now.size() - 1) + "\"");
      }
    }
    return found;
  }

  private static List<String> matches(Pattern pattern, String text) {
    List<String> hits = new ArrayList<>();
    if (text == null) {
      return hits;
    }
    Matcher matcher = pattern.matcher(text);
    while (matcher.find()) {
      hits.add(matcher.group());
    }
    return hits;
  }
}
