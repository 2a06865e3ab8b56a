package dev.cask.maven.compile;

import static dev.cask.maven.compile.Ops.op;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.json.CanonicalJson;
import dev.cask.runtime.json.CaskFiles;
import dev.cask.runtime.json.CaskMappers;
import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.capture.Capture;
import dev.cask.runtime.model.capture.CapturedOperation;
import dev.cask.runtime.model.policy.Effect;
import dev.cask.runtime.model.policy.Policy;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.model.toolpack.ToolSet;
import dev.cask.runtime.model.toolpack.ToolpackManifest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

class ToolpackCompilerTest {
  static Capture sample() {
    return Ops.capture(
        op("GET", "/users/{userId}").id("getUser").summary("Get a user")
            .param("path", "userId", true, "{'type':'integer','minimum':1}")
            .response("200", "{'type':'object','properties':{'id':{'type':'integer'},'name':{'type':'string'}}}").build(),
        op("GET", "/users").id("listUsers").summary("List users")
            .param("query", "limit", false, "{'type':'integer','maximum':100}")
            .response("200", "{'type':'array','items':{'type':'object'}}").build(),
        op("POST", "/users").id("createUser").summary("Create a user")
            .body("application/json", "{'type':'object','required':['name'],'properties':{'name':{'type':'string'}}}", true).build(),
        op("DELETE", "/users/{userId}").id("deleteUser").param("path", "userId", true, "{'type':'integer'}").build(),
        op("POST", "/admin/impersonate").id("impersonate").build());
  }

  private static CompiledToolpack compile(Capture capture) {
    return new ToolpackCompiler(CompileSettings.of("demo", "1.0.0"), BuildLog.silent()).compile(capture);
  }

  @Test
  void oneToolPerOperationWithRiskAnnotationsAndDigest() {
    CompiledToolpack toolpack = compile(sample());
    assertThat(toolpack.tools().tools()).extracting(Tool::name)
        .containsExactly("create_user", "delete_user", "get_user", "impersonate", "list_users");
    Tool getUser = tool(toolpack, "get_user");
    assertThat(getUser.definition().risk().tier()).isEqualTo(RiskTier.READ);
    assertThat(getUser.definition().annotations().readOnlyHint()).isTrue();
    assertThat(getUser.definition().annotations().title()).isEqualTo("Get a user");
    assertThat(getUser.definition().outputSchema().at("/properties/name/type").asText()).isEqualTo("string");
    assertThat(getUser.digest()).isEqualTo(CanonicalJson.digest(getUser.definition()));
    assertThat(tool(toolpack, "list_users").definition().outputSchema().at("/properties/result/type").asText())
        .as("an array response is structured output wrapped as {\"result\": [...]}").isEqualTo("array");
    assertThat(tool(toolpack, "list_users").definition().wrapsOutput()).isTrue();
    Tool delete = tool(toolpack, "delete_user");
    assertThat(delete.definition().risk().tier()).isEqualTo(RiskTier.DESTRUCTIVE);
    assertThat(delete.definition().annotations().destructiveHint()).isTrue();
    assertThat(delete.definition().annotations().idempotentHint()).isTrue();
    assertThat(tool(toolpack, "create_user").definition().annotations().destructiveHint()).isFalse();
    assertThat(tool(toolpack, "impersonate").definition().risk().tier()).isEqualTo(RiskTier.SENSITIVE);
  }

  @Test
  void manifestCountsTiersAndPinsEveryFile() {
    CompiledToolpack toolpack = compile(sample());
    ToolpackManifest manifest = toolpack.manifest();
    assertThat(manifest.tools()).isEqualTo(5);
    assertThat(manifest.riskTiers()).containsEntry("read", 2).containsEntry("write", 1).containsEntry("destructive", 1).containsEntry("sensitive", 1);
    assertThat(manifest.hosts()).containsExactly("api.example.com");
    assertThat(manifest.baseUrls()).containsExactly("https://api.example.com/v1");
    assertThat(manifest.files()).containsOnlyKeys("tools.json", "policy.yaml", "toolsets.yaml", "capture.json");
    manifest.files().forEach((file, digest) ->
        assertThat(CanonicalJson.digestBytes(toolpack.files().get(file))).as(file).isEqualTo(digest));
    assertThat(toolpack.files().keySet())
        .containsExactly("tools.json", "policy.yaml", "toolsets.yaml", "capture.json", "toolpack.yaml");
  }

  @Test
  void filesReadBackStrictlyIntoTheSameModel() {
    CompiledToolpack toolpack = compile(sample());
    ToolSet tools = CaskFiles.parse(CaskMappers.json(), toolpack.files().get("tools.json"), "tools.json", ToolSet.class, null);
    assertThat(tools).isEqualTo(toolpack.tools());
    Policy policy = CaskFiles.parse(CaskMappers.yaml(), toolpack.files().get("policy.yaml"), "policy.yaml", Policy.class, null);
    assertThat(policy).isEqualTo(toolpack.policy());
    Capture capture = CaskFiles.parse(CaskMappers.json(), toolpack.files().get("capture.json"), "capture.json", Capture.class, null);
    assertThat(capture).isEqualTo(toolpack.capture());
    ToolpackManifest manifest = CaskFiles.parse(CaskMappers.yaml(), toolpack.files().get("toolpack.yaml"), "toolpack.yaml", ToolpackManifest.class, null);
    assertThat(manifest).isEqualTo(toolpack.manifest());
  }

  @Test
  void defaultPolicyDeniesByDefaultAllowsReadsConfirmsWritesDeniesTheRest() {
    Policy policy = compile(sample()).policy();
    assertThat(policy.defaultEffect()).isEqualTo(Effect.DENY);
    assertThat(policy.rules()).extracting(rule -> rule.id() + "=" + rule.effect().wireName())
        .contains("allow-read=allow", "confirm-write=confirm", "deny-destructive=deny", "deny-sensitive=deny",
            "budget-read=budget", "budget-write=budget");
    assertThat(policy.rateLimits().tiers()).containsKeys("read", "write", "destructive", "sensitive");
    assertThat(new String(compile(sample()).files().get("policy.yaml"), StandardCharsets.UTF_8)).startsWith("# Cask policy");
  }

  @Test
  void theProjectsOwnPolicyReplacesTheDefault() {
    Policy own = Policy.denyAll();
    CompiledToolpack toolpack = new ToolpackCompiler(new CompileSettings("demo", "1", 1024, own), BuildLog.silent()).compile(sample());
    assertThat(toolpack.policy()).isEqualTo(own);
  }

  @Test
  void anyChangeToTheDefinitionChangesTheDigestButEvidenceDoesNot() {
    Tool base = tool(compile(sample()), "get_user");
    Capture reworded = Ops.capture(op("GET", "/users/{userId}").id("getUser").summary("Get a user.")
        .param("path", "userId", true, "{'type':'integer','minimum':1}")
        .response("200", "{'type':'object','properties':{'id':{'type':'integer'},'name':{'type':'string'}}}").build());
    assertThat(tool(compile(reworded), "get_user").digest()).isNotEqualTo(base.digest());
    Capture loosened = Ops.capture(op("GET", "/users/{userId}").id("getUser").summary("Get a user")
        .param("path", "userId", true, "{'type':'integer','minimum':0}")
        .response("200", "{'type':'object','properties':{'id':{'type':'integer'},'name':{'type':'string'}}}").build());
    assertThat(tool(compile(loosened), "get_user").digest()).isNotEqualTo(base.digest());
  }

  @Test
  void anInvalidGeneratedSchemaLeavesItsOperationOutNamingTheSource() {
    Capture partly = Ops.capture(op("GET", "/things").id("listThings").param("query", "n", false, "{'type':'integr'}").build(),
        op("GET", "/others").id("listOthers").param("query", "m", false, "{'type':'integer'}").build());
    CompiledToolpack toolpack = compile(partly);
    assertThat(toolpack.tools().tools()).extracting(Tool::name).containsExactly("list_others");
    assertThat(toolpack.manifest().leftOutOperations()).singleElement().satisfies(op -> {
      assertThat(op.source()).isEqualTo("src/main/cask/api.yaml");
      assertThat(op.pointer()).isEqualTo("/paths/~1things/get");
      assertThat(op.operation()).isEqualTo("GET /things");
      assertThat(op.reason()).startsWith("its generated JSON Schema is not valid JSON Schema 2020-12: inputSchema /properties/n/type");
    });

    Capture broken = Ops.capture(op("GET", "/things").id("listThings").param("query", "n", false, "{'type':'integr'}").build(),
        op("GET", "/others").id("listOthers").param("query", "m", false, "{'minimum':'ten'}").build());
    assertThatThrownBy(() -> compile(broken))
        .isInstanceOf(CaskException.class)
        .hasMessageStartingWith("src/main/cask/api.yaml at /paths/~1others/get: none of its 2 operations can be compiled"
            + " (and 1 more: /paths/~1things/get); the first: its generated JSON Schema is not valid")
        .hasMessageContaining("inputSchema /properties/m/minimum");
  }

  @Test
  void anEmptyCaptureIsAClearError() {
    assertThatThrownBy(() -> compile(Ops.capture()))
        .isInstanceOf(CaskException.class)
        .hasMessageContaining("has no operations")
        .hasMessageContaining("-Dcask.inputs");
  }

  @Test
  void bytesAreIdenticalWhateverTheLocaleTimeZoneOrInputOrder() {
    Map<String, byte[]> reference = compile(sample()).files();
    Locale locale = Locale.getDefault();
    TimeZone zone = TimeZone.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag("tr-TR"));
      TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
      List<CapturedOperation> reversed = new ArrayList<>(sample().operations());
      java.util.Collections.reverse(reversed);
      Map<String, byte[]> turkish = compile(Ops.capture(reversed.toArray(CapturedOperation[]::new))).files();
      assertThat(turkish.keySet()).isEqualTo(reference.keySet());
      reference.forEach((file, bytes) -> assertThat(turkish.get(file)).as(file).isEqualTo(bytes));
    } finally {
      Locale.setDefault(locale);
      TimeZone.setDefault(zone);
    }
  }

  @Test
  void aToolpackWhoseToolsWouldCopyMoreSharedSchemasThanAToolpackFileHoldsStopsWithTheReason() {
    java.util.SortedMap<String, com.fasterxml.jackson.databind.JsonNode> shared = new java.util.TreeMap<>();
    shared.put("User", Ops.json("{'type':'object','properties':{'name':{'type':'string'},'email':{'type':'string'}}}"));
    Capture capture = Ops.capture(shared,
        op("GET", "/users/{id}").id("getUser").param("path", "id", true, "{'type':'integer'}")
            .response("200", "{'$ref':'#/$defs/User'}").build(),
        op("GET", "/me").id("getMe").response("200", "{'$ref':'#/$defs/User'}").build(),
        op("PUT", "/me").id("putMe").body("application/json", "{'$ref':'#/$defs/User'}", true)
            .response("200", "{'$ref':'#/$defs/User'}").build());
    java.time.Duration never = java.time.Duration.ofDays(1);
    CompiledToolpack fits = new ToolpackCompiler(CompileSettings.of("demo", "1.0.0"), BuildLog.silent(), never, never,
        10_000).compile(capture);
    assertThat(fits.tools().tools()).hasSize(3);
    assertThat(tool(fits, "put_me").definition().inputSchema().at("/$defs/User/type").asText()).isEqualTo("object");

    // Four copies of User (three output schemas, one input schema), each about 80 bytes: more than 200.
    assertThatThrownBy(() -> new ToolpackCompiler(CompileSettings.of("demo", "1.0.0"), BuildLog.silent(), never, never,
        200).compile(capture))
        .isInstanceOf(CaskException.class)
        .hasMessageContaining("toolpack demo")
        .hasMessageContaining("would not fit in one toolpack")
        .hasMessageContaining("each tool's schemas must stand alone")
        .hasMessageContaining("-Dcask.operations");
  }

  private static Tool tool(CompiledToolpack toolpack, String name) {
    return toolpack.tools().tools().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
  }
}
