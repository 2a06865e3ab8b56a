package dev.cask.runtime.model.capture;

import dev.cask.runtime.model.Lists;
import java.util.List;
import java.util.SortedMap;

/**
 * What traffic showed about an operation. Evidence is reviewed beside a tool but is not part of the tool's digest:
 * seeing a call once more must not invalidate an approval.
 *
 * @param observedCount how many exchanges were merged into the operation
 * @param statuses status code → how often it was seen
 * @param contentTypes response content types seen, sorted
 * @param samples where the exchanges came from (capped; the first ones in input order)
 * @param firstSeen input-order index of the first exchange (not wall-clock time: artifacts must be reproducible)
 * @param lastSeen input-order index of the last exchange
 * @param templating which path segments became parameters and why
 * @param undocumented parameters or fields seen in traffic that the spec does not describe (JSON pointers)
 * @param exchanges the sample calls themselves, redacted (the same calls as {@code samples}, in the same order), for
 *     {@code cask:verify} to replay; null when none are kept (specs, older captures), so that such evidence is written
 *     as before
 */
public record Evidence(
    int observedCount,
    SortedMap<String, Integer> statuses,
    List<String> contentTypes,
    List<SourceRef> samples,
    int firstSeen,
    int lastSeen,
    List<TemplatingDecision> templating,
    List<String> undocumented,
    List<RecordedExchange> exchanges) {
  public Evidence {
    statuses = Lists.sortedCopy(statuses);
    contentTypes = Lists.copy(contentTypes);
    samples = Lists.copy(samples);
    templating = Lists.copy(templating);
    undocumented = Lists.copy(undocumented);
    exchanges = exchanges == null || exchanges.isEmpty() ? null : List.copyOf(exchanges);
  }

  /** Evidence without its recorded calls (as {@code tools.json} shows it beside a tool: counts and references only). */
  public Evidence(
      int observedCount, SortedMap<String, Integer> statuses, List<String> contentTypes, List<SourceRef> samples,
      int firstSeen, int lastSeen, List<TemplatingDecision> templating, List<String> undocumented) {
    this(observedCount, statuses, contentTypes, samples, firstSeen, lastSeen, templating, undocumented, null);
  }

  /** The recorded calls, empty when none are kept. */
  public List<RecordedExchange> recorded() {
    return exchanges == null ? List.of() : exchanges;
  }

  /** The same evidence without the recorded calls. */
  public Evidence withoutExchanges() {
    return exchanges == null ? this
        : new Evidence(observedCount, statuses, contentTypes, samples, firstSeen, lastSeen, templating, undocumented);
  }
}
