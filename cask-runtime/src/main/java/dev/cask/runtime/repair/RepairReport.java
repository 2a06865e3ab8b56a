package dev.cask.runtime.repair;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a repair found.
 *
 * @param toolpack the toolpack's name, or null when it could not be read
 * @param version its version, or null
 * @param gatePassed whether the gate's verification passed
 * @param inputs one line per input: what was read
 * @param diagnoses the diagnoses, most calls first
 * @param prepared files the fixes use, by name (written under {@code repair/} beside the reports)
 */
public record RepairReport(
    String toolpack,
    String version,
    boolean gatePassed,
    List<String> inputs,
    List<Diagnosis> diagnoses,
    SortedMap<String, byte[]> prepared) {
  public RepairReport {
    inputs = List.copyOf(inputs);
    diagnoses = List.copyOf(diagnoses);
    prepared = new TreeMap<>(prepared);
  }

  /** Nothing to repair: no diagnosis. */
  public boolean healthy() {
    return diagnoses.isEmpty();
  }

  /** How many fixes of each class. */
  public Map<FixClass, Integer> fixCounts() {
    Map<FixClass, Integer> counts = new java.util.EnumMap<>(FixClass.class);
    for (FixClass fixClass : FixClass.values()) {
      counts.put(fixClass, 0);
    }
    diagnoses.forEach(d -> d.fixes().forEach(f -> counts.merge(f.fixClass(), 1, Integer::sum)));
    return counts;
  }
}
