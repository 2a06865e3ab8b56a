package dev.cask.runtime.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.json.CanonicalJson;
import dev.cask.runtime.json.CaskFiles;
import dev.cask.runtime.json.CaskMappers;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@code manifest.json}: the SHA-256 of every other entry (the attestation aside, which pins this file) and the
 * versions of Cask, Java and Maven that made the bundle.
 *
 * @param versions what made it
 * @param entries entry name → {@code sha256:<hex>}, sorted
 */
record BundleManifest(EvidenceBundle.Versions versions, SortedMap<String, String> entries) {
  static BundleManifest of(EvidenceBundle.Versions versions, Map<String, byte[]> entries) {
    SortedMap<String, String> digests = new TreeMap<>();
    entries.forEach((name, bytes) -> digests.put(name, CanonicalJson.digestBytes(bytes)));
    return new BundleManifest(versions, digests);
  }

  byte[] toJson() {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("formatVersion", EvidenceFormat.FORMAT_VERSION);
    root.put("cask", versions.cask());
    root.put("java", versions.java());
    root.put("maven", versions.maven());
    ObjectNode list = root.putObject("entries");
    entries.forEach(list::put);
    return CaskFiles.prettyJson(root);
  }

  /** @throws IllegalArgumentException when the JSON is not a manifest of this format */
  static BundleManifest parse(byte[] bytes) {
    JsonNode root;
    try {
      root = CaskMappers.json().readTree(bytes);
    } catch (IOException e) {
      throw new IllegalArgumentException("is not valid JSON");
    }
    if (root == null || !root.isObject() || root.path("formatVersion").asInt(-1) != EvidenceFormat.FORMAT_VERSION
        || root.size() != 5 || !root.path("entries").isObject()) {
      throw new IllegalArgumentException("is not an evidence manifest of format version " + EvidenceFormat.FORMAT_VERSION);
    }
    SortedMap<String, String> entries = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.get("entries").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      if (!entry.getValue().isTextual()) {
        throw new IllegalArgumentException("entry " + entry.getKey() + " has no digest");
      }
      entries.put(entry.getKey(), entry.getValue().textValue());
    }
    return new BundleManifest(new EvidenceBundle.Versions(root.path("cask").asText(), root.path("java").asText(),
        root.path("maven").asText()), entries);
  }
}
