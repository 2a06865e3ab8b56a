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
 */
public record Evidence(
    int observedCount,
    SortedMap<String, Integer> statuses,
    List<String> contentTypes,
    List<SourceRef> samples,
    int firstSeen,
    int lastSeen,
    List<TemplatingDecision> templating,
    List<String> undocumented) {
  public Evidence {
    statuses = Lists.sortedCopy(statuses);
    contentTypes = Lists.copy(contentTypes);
    samples = Lists.copy(samples);
    templating = Lists.copy(templating);
    undocumented = Lists.copy(undocumented);
  }
}
