package dev.cask.runtime.repair;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.json.CaskFiles;

/**
 * {@code repair.json}: the whole result for machines, in a documented, versioned format (JSON Schema
 * {@value #SCHEMA_RESOURCE}, described on the site page "Repair, propose and inspect"). Fields are only ever added
 * within a format version. Deterministic: the same inputs give the same bytes.
 */
public final class RepairJson {
  public static final int FORMAT_VERSION = 1;
  public static final String SCHEMA_RESOURCE = "/dev/cask/runtime/repair/repair-report.schema.json";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private RepairJson() {}

  public static ObjectNode tree(RepairReport report) {
    ObjectNode root = JSON.objectNode();
    root.put("format", "cask-repair");
    root.put("formatVersion", FORMAT_VERSION);
    nullable(root, "toolpack", report.toolpack());
    nullable(root, "version", report.version());
    root.put("healthy", report.healthy());
    root.put("gatePassed", report.gatePassed());
    ArrayNode inputs = root.putArray("inputs");
    report.inputs().forEach(inputs::add);
    ObjectNode summary = root.putObject("summary");
    summary.put("diagnoses", report.diagnoses().size());
    summary.put("calls", report.diagnoses().stream().mapToInt(Diagnosis::count).sum());
    ObjectNode fixes = summary.putObject("fixes");
    report.fixCounts().forEach((fixClass, count) -> fixes.put(fixClass.name(), count));
    ArrayNode diagnoses = root.putArray("diagnoses");
    for (Diagnosis diagnosis : report.diagnoses()) {
      ObjectNode node = diagnoses.addObject();
      node.put("id", diagnosis.id());
      node.put("kind", diagnosis.kind());
      node.put("title", diagnosis.title());
      node.put("cause", diagnosis.cause());
      nullable(node, "tool", diagnosis.tool());
      node.put("count", diagnosis.count());
      nullable(node, "firstSeen", diagnosis.firstSeen() == null ? null : diagnosis.firstSeen().toString());
      nullable(node, "lastSeen", diagnosis.lastSeen() == null ? null : diagnosis.lastSeen().toString());
      ObjectNode reasons = node.putObject("reasons");
      diagnosis.reasons().forEach(reasons::put);
      ArrayNode evidence = node.putArray("evidence");
      diagnosis.evidence().forEach(evidence::add);
      ArrayNode fixList = node.putArray("fixes");
      for (Fix fix : diagnosis.fixes()) {
        ObjectNode fixNode = fixList.addObject();
        fixNode.put("class", fix.fixClass().name());
        fixNode.put("does", fix.does());
        ArrayNode commands = fixNode.putArray("commands");
        fix.commands().forEach(commands::add);
        if (fix.grant() == null) {
          fixNode.putNull("grant");
        } else {
          Grant grant = fix.grant();
          fixNode.putObject("grant").put("tool", grant.tool()).put("method", grant.method()).put("host", grant.host())
              .put("path", grant.path()).put("risk", grant.risk()).put("effect", grant.effect())
              .put("callsAllowed", grant.callsAllowed()).put("words", grant.words());
        }
      }
    }
    ArrayNode prepared = root.putArray("prepared");
    report.prepared().keySet().forEach(name -> prepared.add("repair/" + name));
    return root;
  }

  public static byte[] render(RepairReport report) {
    return CaskFiles.prettyJson(tree(report));
  }

  private static void nullable(ObjectNode node, String field, String value) {
    if (value == null) {
      node.putNull(field);
    } else {
      node.put(field, value);
    }
  }
}
