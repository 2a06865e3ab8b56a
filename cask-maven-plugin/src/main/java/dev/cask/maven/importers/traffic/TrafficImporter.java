package dev.cask.maven.importers.traffic;

import dev.cask.maven.importers.ImportRequest;

/**
 * An importer of observed traffic. Several traffic files (HARs, OTLP files, both) are read into one
 * {@link TrafficCollector}, so that path templates, schemas and evidence come from every sample of every file; the
 * same API recorded twice is one set of operations, not a conflict.
 */
public interface TrafficImporter {
  /** Reads the file's calls into the collector, between {@link TrafficCollector#begin} and {@link TrafficCollector#end}. */
  void readInto(ImportRequest request, TrafficCollector collector);
}
