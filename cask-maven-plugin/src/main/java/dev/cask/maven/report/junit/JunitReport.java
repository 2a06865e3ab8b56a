package dev.cask.maven.report.junit;

import dev.cask.maven.diff.Change;
import dev.cask.maven.diff.ToolDiff;
import dev.cask.maven.diff.ToolpackDiff;
import dev.cask.maven.report.Wording;
import dev.cask.runtime.text.ControlCharacters;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * {@code diff-junit.xml}: one test case per tool (plus one for toolpack-level changes), in the JUnit XML format CI
 * systems display. A test case fails when the tool has an unapproved change at or above the threshold; every change is
 * listed in its {@code system-out}. No timestamps or durations: the file is reproducible.
 */
public final class JunitReport {
  private JunitReport() {}

  public static byte[] render(ToolpackDiff diff) {
    List<Case> cases = new ArrayList<>();
    cases.add(new Case(Wording.TOOLPACK_ROW, diff.toolpackChanges()));
    for (ToolDiff tool : diff.tools()) {
      cases.add(new Case(tool.name(), tool.changes()));
    }
    long failures = cases.stream().filter(c -> c.fails(diff)).count();
    String suite = "cask." + diff.kind().fileStem() + "." + diff.toolpack();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(bytes, "UTF-8");
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeCharacters("\n");
      xml.writeStartElement("testsuites");
      xml.writeAttribute("name", Wording.title(diff));
      xml.writeAttribute("tests", String.valueOf(cases.size()));
      xml.writeAttribute("failures", String.valueOf(failures));
      xml.writeAttribute("errors", "0");
      xml.writeCharacters("\n  ");
      xml.writeStartElement("testsuite");
      xml.writeAttribute("name", suite);
      xml.writeAttribute("tests", String.valueOf(cases.size()));
      xml.writeAttribute("failures", String.valueOf(failures));
      xml.writeAttribute("errors", "0");
      xml.writeAttribute("skipped", "0");
      for (Case testCase : cases) {
        xml.writeCharacters("\n    ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", suite);
        xml.writeAttribute("name", clean(testCase.name()));
        if (testCase.fails(diff)) {
          List<Change> failing = testCase.changes().stream().filter(c -> c.fails(diff.threshold())).toList();
          xml.writeCharacters("\n      ");
          xml.writeStartElement("failure");
          xml.writeAttribute("type", failing.get(0).severity().wireName());
          xml.writeAttribute("message", clean(Wording.count(failing.size(), "unapproved change") + " at or above "
              + Wording.threshold(diff) + "; first: " + Wording.sentence(failing.get(0))));
          xml.writeCharacters(clean(lines(failing)));
          xml.writeEndElement();
        }
        if (!testCase.changes().isEmpty()) {
          xml.writeCharacters("\n      ");
          xml.writeStartElement("system-out");
          xml.writeCharacters(clean(lines(testCase.changes())));
          xml.writeEndElement();
        }
        if (testCase.fails(diff) || !testCase.changes().isEmpty()) {
          xml.writeCharacters("\n    ");
        }
        xml.writeEndElement();
      }
      xml.writeCharacters("\n  ");
      xml.writeEndElement();
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

  private record Case(String name, List<Change> changes) {
    boolean fails(ToolpackDiff diff) {
      return changes.stream().anyMatch(change -> change.fails(diff.threshold()));
    }
  }

  private static String lines(List<Change> changes) {
    StringBuilder text = new StringBuilder();
    for (Change change : changes) {
      text.append(change.severity().wireName()).append(' ').append(change.rule().id()).append(": ")
          .append(Wording.sentence(change)).append(" [").append(Wording.approval(change)).append("]\n");
    }
    return text.toString();
  }

  /**
   * Untrusted text with its control and invisible characters escaped ({@link ControlCharacters}, line feeds and tabs
   * kept): what remains is valid XML 1.0, which cannot carry most control characters, unpaired surrogates or U+FFFE/F.
   */
  public static String clean(String text) {
    return ControlCharacters.escapeKeepingLines(text);
  }
}
