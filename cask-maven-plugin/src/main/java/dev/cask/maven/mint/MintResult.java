package dev.cask.maven.mint;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What a mint wrote and saw.
 *
 * @param har the minted HAR
 * @param webMcp the minted WebMCP capture, or null when no page registered a tool
 * @param calls the calls recorded (start host and allowHosts)
 * @param notHttp recorded calls that were not HTTP(S) (websockets) and are not in the HAR
 * @param redactedValues how many values the redaction removed
 * @param webMcpTools how many WebMCP tools were recorded
 * @param thirdParties calls to other hosts, not recorded: host → count
 * @param replaced earlier minted files of the same host that this mint replaced
 * @param took how long the browser ran
 */
public record MintResult(
    Path har,
    Path webMcp,
    int calls,
    int notHttp,
    int redactedValues,
    int webMcpTools,
    SortedMap<String, Integer> thirdParties,
    List<Path> replaced,
    Duration took) {
  public MintResult {
    thirdParties = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(thirdParties));
    replaced = List.copyOf(replaced);
  }

  /** The summary lines for the build log ({@code display} shows a path relative to the project). */
  public List<String> lines(Function<Path, String> display) {
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "Minted %d call(s) in %.1f s → %s (redacted before writing: %d value(s))",
        calls, took.toMillis() / 1000.0, display.apply(har), redactedValues)
        + (notHttp > 0 ? "; " + notHttp + " websocket or other non-HTTP call(s) left out" : ""));
    if (webMcp != null) {
      lines.add("Minted " + webMcpTools + " WebMCP tool(s) → " + display.apply(webMcp));
    }
    if (thirdParties.isEmpty()) {
      lines.add("No third-party calls.");
    } else {
      int total = thirdParties.values().stream().mapToInt(Integer::intValue).sum();
      List<String> hosts = new ArrayList<>();
      thirdParties.forEach((host, count) -> hosts.add(host + " (" + count + ")"));
      lines.add("Not recorded: " + total + " third-party call(s) to " + String.join(", ", hosts)
          + ". To record a host, add it to -Dcask.allowHosts.");
    }
    for (Path old : replaced) {
      lines.add("Replaced the earlier mint " + display.apply(old));
    }
    return lines;
  }
}
