package dev.cask.maven.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.json.CaskMappers;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaComparerTest {
  static JsonNode json(String text) {
    try {
      return CaskMappers.json().readTree(text.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  static List<String> deltas(String before, String after) {
    return SchemaComparer.compare(json(before), json(after)).stream().map(d -> d.kind() + " " + d.pointer()).toList();
  }

  @Test
  void identicalSchemasHaveNoDeltasEvenWithReorderedKeysAndEquivalentNumbers() {
    assertThat(deltas("{'type':'object','properties':{'a':{'type':'integer','maximum':10}},'required':['a']}",
        "{'required':['a'],'properties':{'a':{'maximum':10.0,'type':'integer'}},'type':'object'}")).isEmpty();
  }

  @Test
  void recursiveDefinitionsTerminateAndReportEachChangeOnceAtTheDefinition() {
    String before = "{'type':'object','properties':{'root':{'$ref':'#/$defs/Node'},'other':{'$ref':'#/$defs/Node'}},"
        + "'$defs':{'Node':{'type':'object','properties':{'value':{'type':'integer'},"
        + "'children':{'type':'array','items':{'$ref':'#/$defs/Node'}},'parent':{'$ref':'#/$defs/Node'}}}}}";
    String after = before.replace("'value':{'type':'integer'}", "'value':{'type':'string'}");
    assertThat(deltas(before, after)).containsExactly("TYPE_CHANGED /$defs/Node/properties/value/type");
  }

  @Test
  void selfReferenceToTheRootTerminates() {
    String before = "{'type':'object','properties':{'next':{'$ref':'#'},'n':{'type':'integer'}}}";
    String after = "{'type':'object','properties':{'next':{'$ref':'#'},'n':{'type':'number'}}}";
    assertThat(deltas(before, after)).containsExactly("TYPE_CHANGED /properties/n/type");
  }

  @Test
  void inlineVersusReferencedSchemasCompareByContent() {
    String before = "{'type':'object','properties':{'a':{'type':'object','properties':{'x':{'type':'string'}}}}}";
    String after = "{'type':'object','properties':{'a':{'$ref':'#/$defs/A'}},'$defs':{'A':{'type':'object','properties':{'x':{'type':'string'},'y':{'type':'string'}}}}}";
    assertThat(deltas(before, after)).containsExactly("PROPERTY_ADDED_OPTIONAL /$defs/A/properties/y");
  }

  @Test
  void typeArraysCompareAsSets() {
    assertThat(deltas("{'type':['string','null']}", "{'type':['null','string']}")).isEmpty();
    assertThat(deltas("{'type':'string'}", "{'type':['string','null']}")).containsExactly("TYPE_CHANGED /type");
  }

  @Test
  void enumsNarrowAndWidenAndConstCounts() {
    assertThat(deltas("{'enum':['a','b']}", "{'enum':['b','c']}"))
        .containsExactly("ENUM_NARROWED /enum", "ENUM_WIDENED /enum");
    assertThat(deltas("{'type':'string'}", "{'type':'string','const':'x'}")).containsExactly("ENUM_NARROWED /const");
    assertThat(deltas("{'enum':[1,2]}", "{}")).containsExactly("ENUM_WIDENED /enum");
  }

  @Test
  void constraintsTightenAndLoosenInTheRightDirection() {
    assertThat(deltas("{'minimum':1,'maximum':10,'minLength':1,'maxItems':5,'multipleOf':2}",
        "{'minimum':2,'maximum':20,'minLength':0,'maxItems':3,'multipleOf':1}"))
        .containsExactlyInAnyOrder("CONSTRAINT_TIGHTENED /minimum", "CONSTRAINT_LOOSENED /maximum",
            "CONSTRAINT_LOOSENED /minLength", "CONSTRAINT_TIGHTENED /maxItems", "CONSTRAINT_LOOSENED /multipleOf");
    assertThat(deltas("{'pattern':'^a$'}", "{}")).containsExactly("CONSTRAINT_LOOSENED /pattern");
    assertThat(deltas("{}", "{'uniqueItems':true}")).containsExactly("CONSTRAINT_TIGHTENED /uniqueItems");
    assertThat(deltas("{'exclusiveMaximum':false,'maximum':3}", "{'exclusiveMaximum':true,'maximum':3}"))
        .as("draft-04 boolean exclusive bounds").containsExactly("CONSTRAINT_TIGHTENED /exclusiveMaximum");
  }

  @Test
  void additionalPropertiesPermissivenessAndSchemas() {
    assertThat(deltas("{'additionalProperties':false}", "{}")).containsExactly("CONSTRAINT_LOOSENED /additionalProperties");
    assertThat(deltas("{}", "{'additionalProperties':{'type':'string'}}")).containsExactly("CONSTRAINT_TIGHTENED /additionalProperties");
    assertThat(deltas("{'additionalProperties':{'type':'string'}}", "{'additionalProperties':{'type':'integer'}}"))
        .containsExactly("TYPE_CHANGED /additionalProperties/type");
  }

  @Test
  void nestedArraysAndCompositionsAreWalked() {
    assertThat(deltas("{'items':{'items':{'properties':{'id':{'type':'integer'}}}}}",
        "{'items':{'items':{'properties':{'id':{'type':'string'}}}}}"))
        .containsExactly("TYPE_CHANGED /items/items/properties/id/type");
    assertThat(deltas("{'oneOf':[{'type':'string'},{'type':'integer','maximum':3}]}",
        "{'oneOf':[{'type':'string'},{'type':'integer','maximum':4}]}"))
        .containsExactly("CONSTRAINT_LOOSENED /oneOf/1/maximum");
    assertThat(deltas("{'allOf':[{'type':'object'}]}", "{'allOf':[{'type':'object'},{'required':['a']}]}"))
        .containsExactly("KEYWORD_CHANGED /allOf");
    assertThat(deltas("{'prefixItems':[{'type':'string'}]}", "{'prefixItems':[{'type':'integer'}]}"))
        .containsExactly("TYPE_CHANGED /prefixItems/0/type");
  }

  @Test
  void requiredChangesAndUnknownKeywordsAreNeverLost() {
    assertThat(deltas("{'properties':{'a':{}},'required':['a']}", "{'properties':{'a':{}}}"))
        .containsExactly("BECAME_OPTIONAL /properties/a");
    assertThat(deltas("{'properties':{'a':{}}}", "{'properties':{'a':{},'b':{}},'required':['a','b']}"))
        .containsExactly("BECAME_REQUIRED /properties/a", "PROPERTY_ADDED_REQUIRED /properties/b");
    assertThat(deltas("{'x-internal':1,'default':'a'}", "{'x-internal':2,'default':'b'}"))
        .containsExactly("KEYWORD_CHANGED /default", "KEYWORD_CHANGED /x-internal");
    assertThat(deltas("{'format':'uuid'}", "{'format':'email','description':'d'}"))
        .containsExactly("FORMAT_CHANGED /format", "DESCRIPTION_CHANGED /description");
  }

  @Test
  void displayPathsReadLikeArguments() {
    assertThat(SchemaPaths.display("/properties/body/properties/tags/items")).isEqualTo("body.tags[]");
    assertThat(SchemaPaths.display("/$defs/User/properties/a~1b")).isEqualTo("User.a/b");
    assertThat(SchemaPaths.display("")).isEqualTo("(root)");
  }

  @Test
  void deeplyNestedSchemasCompareWithoutExhaustingTheStack() {
    int depth = 450; // JSON depth 900: under Jackson's default read limit of 1000
    StringBuilder before = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      before.append("{'properties':{'a':");
    }
    String innermost = before + "{'type':'integer'}" + "}}".repeat(depth);
    String changed = before + "{'type':'string'}" + "}}".repeat(depth);
    List<SchemaDelta> deltas = SchemaComparer.compare(json(innermost), json(changed));
    assertThat(deltas).hasSize(1);
    assertThat(deltas.get(0).pointer()).endsWith("/properties/a/type").hasSize(depth * "/properties/a".length() + "/type".length());
  }
}
