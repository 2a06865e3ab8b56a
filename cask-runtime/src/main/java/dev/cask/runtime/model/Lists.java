package dev.cask.runtime.model;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Null-tolerant defensive copies for the compact constructors of model records. */
public final class Lists {
  private Lists() {}

  public static <T> List<T> copy(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }

  /** A sorted, unmodifiable copy: model maps always iterate in key order so that outputs are deterministic. */
  public static <V> SortedMap<String, V> sortedCopy(Map<String, V> map) {
    return map == null
        ? java.util.Collections.unmodifiableSortedMap(new TreeMap<>())
        : java.util.Collections.unmodifiableSortedMap(new TreeMap<>(map));
  }
}
