package dev.cask.maven.verify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.maven.report.ConsoleTable;
import dev.cask.maven.report.junit.JunitReport;
import dev.cask.maven.report.markdown.Md;
import dev.cask.runtime.json.CaskFiles;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Renders a {@link VerifyReport}: {@code verify.json} (the documented schema), {@code verify.md} (for a pull-request
 * comment: untrusted text only inside code spans), {@code verify-junit.xml} (one test case per contract and tool) and
 * the console table. Renderers only read the report; none of them adds a time, a path or a port.
 */
public final class VerifyReports {
  public static final String JSON = "verify.json";
  public static final String MARKDOWN = "verify.md";
  public static final String JUNIT = "verify-junit.xml";
  private static final String ROW = "  %-11s %6s %6s %11s %7s";

  private VerifyReports() {}

  /** File name → bytes, in write order. */
  public static Map<String, byte[]> render(VerifyReport report) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(JSON, CaskFiles.prettyJson(json(report)));
    files.put(MARKDOWN, markdown(report).getBytes(StandardCharsets.UTF_8));
    files.put(JUNIT, junit(report));
    return files;
  }

  static ObjectNode json(VerifyReport report) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("formatVersion", VerifyReport.FORMAT_VERSION);
    root.put("toolpack", report.toolpack());
    root.put("version", report.version());
    root.put("upstream", report.upstream());
    root.put("passed", report.passed());
    root.put("failOnNoEvidence", report.failOnNoEvidence());
    ObjectNode summary = root.putObject("summary");
    for (ContractResult contract : report.contracts()) {
      ObjectNode counts = summary.putObject(contract.contract().wireName());
      for (CheckStatus status : CheckStatus.values()) {
        counts.put(status.wireName(), contract.count(status));
      }
    }
    ArrayNode contracts = root.putArray("contracts");
    for (ContractResult contract : report.contracts()) {
      ObjectNode node = contracts.addObject();
      node.put("contract", contract.contract().wireName());
      ArrayNode checks = node.putArray("checks");
      for (ToolCheck check : contract.checks()) {
        ObjectNode item = checks.addObject();
        item.put("tool", check.tool());
        item.put("status", check.status().wireName());
        item.put("detail", check.detail());
        ArrayNode evidence = item.putArray("evidence");
        check.evidence().forEach(evidence::add);
      }
    }
    return root;
  }

  static String markdown(VerifyReport report) {
    StringBuilder md = new StringBuilder();
    md.append("## Cask verify: ").append(Md.code(report.toolpack() + " " + report.version())).append(" — ")
        .append(report.passed() ? "passed" : "**failed**").append("\n\n");
    md.append("Upstream: ").append(Md.code(report.upstream())).append(". ")
        .append(report.failOnNoEvidence() ? "Tools without evidence fail the build." : "Tools without evidence are reported, not failed.")
        .append("\n\n");
    md.append("| contract | passed | failed | no evidence | skipped |\n| --- | ---: | ---: | ---: | ---: |\n");
    for (ContractResult contract : report.contracts()) {
      md.append("| ").append(contract.contract().wireName());
      for (CheckStatus status : CheckStatus.values()) {
        md.append(" | ").append(contract.count(status));
      }
      md.append(" |\n");
    }
    for (ContractResult contract : report.contracts()) {
      md.append("\n### ").append(Md.cell(title(contract.contract()))).append("\n\n| tool | result | detail |\n| --- | --- | --- |\n");
      for (ToolCheck check : contract.checks()) {
        md.append("| ").append(Md.code(check.tool())).append(" | ").append(label(check.status())).append(" | ")
            .append(Md.code(check.detail())).append(" |\n");
      }
    }
    return md.toString();
  }

  static byte[] junit(VerifyReport report) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(bytes, "UTF-8");
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeCharacters("\n");
      xml.writeStartElement("testsuites");
      xml.writeAttribute("name", "cask verify " + JunitReport.clean(report.toolpack()));
      xml.writeAttribute("tests", String.valueOf(report.contracts().stream().mapToInt(c -> c.checks().size()).sum()));
      xml.writeAttribute("failures", String.valueOf(report.failures().size()));
      xml.writeAttribute("errors", "0");
      for (ContractResult contract : report.contracts()) {
        String suite = "cask.verify." + contract.contract().wireName() + "." + report.toolpack();
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", JunitReport.clean(suite));
        xml.writeAttribute("tests", String.valueOf(contract.checks().size()));
        xml.writeAttribute("failures", String.valueOf(contract.checks().stream().filter(c -> fails(c, report)).count()));
        xml.writeAttribute("errors", "0");
        xml.writeAttribute("skipped", String.valueOf(contract.checks().stream()
            .filter(c -> c.status() != CheckStatus.PASSED && !fails(c, report)).count()));
        for (ToolCheck check : contract.checks()) {
          xml.writeCharacters("\n    ");
          xml.writeStartElement("testcase");
          xml.writeAttribute("classname", JunitReport.clean(suite));
          xml.writeAttribute("name", JunitReport.clean(check.tool()));
          if (check.status() != CheckStatus.PASSED) {
            xml.writeCharacters("\n      ");
            xml.writeStartElement(fails(check, report) ? "failure" : "skipped");
            if (fails(check, report)) {
              xml.writeAttribute("type", check.status().wireName());
            }
            xml.writeAttribute("message", JunitReport.clean(check.status().wireName() + ": " + check.detail()));
            xml.writeEndElement();
            xml.writeCharacters("\n    ");
          }
          xml.writeEndElement();
        }
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
      }
      xml.writeCharacters("\n");
      xml.writeEndElement();
      xml.writeCharacters("\n");
      xml.writeEndDocument();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write JUnit XML", e);
    }
    return bytes.toByteArray();
  }

  /** The console table: a verdict line, one row per contract, then each failing check. */
  public static List<String> table(VerifyReport report) {
    List<String> lines = new ArrayList<>();
    lines.add("Cask verify of " + ConsoleTable.safe(report.toolpack()) + " " + ConsoleTable.safe(report.version())
        + " (upstream: " + ConsoleTable.safe(report.upstream()) + "): " + (report.passed() ? "passed" : "FAILED"));
    lines.add(String.format(Locale.ROOT, ROW, "CONTRACT", "PASSED", "FAILED", "NO EVIDENCE", "SKIPPED"));
    for (ContractResult contract : report.contracts()) {
      lines.add(String.format(Locale.ROOT, ROW, contract.contract().wireName(), contract.count(CheckStatus.PASSED),
          contract.count(CheckStatus.FAILED), contract.count(CheckStatus.NO_EVIDENCE), contract.count(CheckStatus.SKIPPED)));
    }
    report.failures().forEach(failure -> lines.add("  FAIL " + ConsoleTable.safe(failure)));
    return lines;
  }

  private static boolean fails(ToolCheck check, VerifyReport report) {
    return check.status() == CheckStatus.FAILED || (report.failOnNoEvidence() && check.status() == CheckStatus.NO_EVIDENCE);
  }

  private static String title(Contract contract) {
    return switch (contract) {
      case REPLAY -> "Replay: the runtime's request builder reproduces every recorded call";
      case OUTCOME -> "Outcome: approved tools answer through the runtime's pipeline as recorded";
      case PROVENANCE -> "Provenance: every tool traces to its source, every approval to a trusted signer";
    };
  }

  private static String label(CheckStatus status) {
    return switch (status) {
      case PASSED -> "passed";
      case FAILED -> "**failed**";
      case NO_EVIDENCE -> "no evidence";
      case SKIPPED -> "skipped";
    };
  }
}
