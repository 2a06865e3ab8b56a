package dev.cask.runtime.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.crypto.Ed25519Keys;
import dev.cask.runtime.crypto.SigningKey;
import dev.cask.runtime.json.CanonicalJson;
import dev.cask.runtime.json.CaskFiles;
import dev.cask.runtime.model.HttpMethod;
import dev.cask.runtime.model.ParameterLocation;
import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.lockfile.Approval;
import dev.cask.runtime.model.lockfile.LockDecision;
import dev.cask.runtime.model.lockfile.LockEntry;
import dev.cask.runtime.model.lockfile.Lockfile;
import dev.cask.runtime.model.lockfile.PolicyLock;
import dev.cask.runtime.model.policy.Effect;
import dev.cask.runtime.model.policy.Limit;
import dev.cask.runtime.model.policy.Match;
import dev.cask.runtime.model.policy.Policy;
import dev.cask.runtime.model.policy.PolicyRule;
import dev.cask.runtime.model.policy.RateLimits;
import dev.cask.runtime.model.signers.Signer;
import dev.cask.runtime.model.signers.SignersFile;
import dev.cask.runtime.model.toolpack.ArgumentBinding;
import dev.cask.runtime.model.toolpack.RequestBinding;
import dev.cask.runtime.model.toolpack.Risk;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.model.toolpack.ToolAnnotations;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import dev.cask.runtime.model.toolpack.ToolSet;
import dev.cask.runtime.model.toolpack.ToolpackManifest;
import dev.cask.runtime.toolpack.ToolpackFiles;
import dev.cask.runtime.verification.Approvals;
import dev.cask.runtime.verification.GateFiles;
import dev.cask.runtime.verification.SignedPayloads;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A throwaway, really signed toolpack for {@code train}: synthetic tools shaped like compiled ones (on the reserved
 * {@code training.invalid} host), a policy that denies them, a lockfile and signers file signed with a key made for
 * this run and dropped after it. {@code train} serves it through the same core as {@code serve}, so the start-up
 * archive holds the classes of the real start-up path: toolpack loader, lockfile and signers readers, Ed25519
 * verification, canonical JSON, the pipeline and both transports. Laid out as the compiler lays out a toolpack; if the
 * two ever differ, the loader refuses this one and {@code train} fails.
 */
final class TrainingToolpack {
  static final String NAME = "cask-training";
  private static final String SIGNER = "training";
  private static final String BASE_URL = "https://training.invalid/v1";

  private TrainingToolpack() {}

  /** The files {@code serve} reads, and the digest of the signers version to pin as the trust anchor. */
  record Written(Path toolpack, Path lockfile, Path signers, String signersDigest) {}

  static Written write(Path directory, int count) throws IOException {
    SigningKey key = Ed25519Keys.generate();
    Instant now = Instant.now();
    List<Tool> tools = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ToolDefinition definition = definition(i);
      tools.add(new Tool(CanonicalJson.digest(definition), definition, null));
    }
    Policy policy = policy();
    String policyDigest = CanonicalJson.digest(policy);

    Path toolpack = directory.resolve("toolpack");
    Map<String, byte[]> files = new LinkedHashMap<>();
    ToolSet set = ToolSet.of(NAME, tools);
    files.put(ToolpackFiles.TOOLS, CaskFiles.prettyJson(set));
    files.put(ToolpackFiles.POLICY, CaskFiles.yaml(policy));
    files.put(ToolpackFiles.CAPTURE, "{}\n".getBytes(StandardCharsets.UTF_8));
    SortedMap<String, String> digests = new TreeMap<>();
    files.forEach((file, bytes) -> digests.put(file, CanonicalJson.digestBytes(bytes)));
    SortedMap<String, Integer> tiers = new TreeMap<>();
    for (RiskTier tier : RiskTier.values()) {
      tiers.put(tier.wireName(), 0);
    }
    set.tools().forEach(tool -> tiers.merge(tool.definition().risk().tier().wireName(), 1, Integer::sum));
    files.put(ToolpackFiles.MANIFEST, CaskFiles.yaml(new ToolpackManifest(ToolpackManifest.FORMAT_VERSION, NAME, "0",
        List.of(), List.of(set.tools().get(0).definition().host()), List.of(BASE_URL), set.tools().size(), tiers,
        digests)));
    CaskFiles.writeAtomically(toolpack, files);

    TreeMap<String, LockEntry> entries = new TreeMap<>();
    for (Tool tool : set.tools()) {
      ToolDefinition definition = tool.definition();
      Approval approval = Approvals.tool(key, SIGNER, NAME, definition.operation(), tool.digest(), LockDecision.APPROVED,
          "training run", now);
      entries.put(definition.operation().id(),
          new LockEntry(definition.name(), tool.digest(), definition.risk().tier(), LockDecision.APPROVED, List.of(approval)));
    }
    Lockfile lockfile = new Lockfile(Lockfile.FORMAT_VERSION, NAME, 1,
        new PolicyLock(policyDigest, List.of(Approvals.policy(key, SIGNER, NAME, policyDigest, "training run", now))),
        entries);
    TreeMap<String, Signer> people = new TreeMap<>();
    people.put(SIGNER, new Signer("Training run", Ed25519Keys.spkiBase64(key.publicKey()), key.keyId(), null, false));
    SignersFile unsigned = SignersFile.of(people);
    SignersFile signers = unsigned.withApprovals(List.of(Approvals.signers(key, SIGNER, unsigned, "training run", now)));
    Path lockfilePath = directory.resolve(GateFiles.LOCKFILE);
    Path signersPath = directory.resolve(GateFiles.SIGNERS);
    Files.write(lockfilePath, GateFiles.lockfileBytes(lockfile));
    Files.write(signersPath, GateFiles.signersBytes(signers));
    return new Written(toolpack, lockfilePath, signersPath, SignedPayloads.signersDigest(signers));
  }

  /** Read tools with a path parameter and a few typed query parameters, like most compiled tools. */
  private static ToolDefinition definition(int i) {
    String name = String.format(Locale.ROOT, "tool_%04d", i);
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode input = json.objectNode().put("type", "object");
    ObjectNode properties = input.putObject("properties");
    properties.putObject("owner").put("type", "string").put("description", "The account owner.");
    properties.putObject("per_page").put("type", "integer").put("minimum", 1).put("maximum", 100)
        .put("description", "Results per page.");
    properties.putObject("state").put("type", "string").set("enum", json.arrayNode().add("open").add("closed"));
    input.putArray("required").add("owner");
    input.put("additionalProperties", false);
    ObjectNode output = json.objectNode().put("type", "object");
    output.putObject("properties").putObject("id").put("type", "integer");
    return new ToolDefinition(
        name,
        "A synthetic tool of the training run " + i + ".",
        HttpMethod.GET,
        BASE_URL,
        "/things" + i + "/{owner}",
        input,
        output,
        new Risk(RiskTier.READ, List.of("method GET")),
        new ToolAnnotations(name, true, false, true, true),
        new RequestBinding(List.of(
            new ArgumentBinding("owner", ParameterLocation.PATH, "owner", null, null),
            new ArgumentBinding("per_page", ParameterLocation.QUERY, "per_page", null, null),
            new ArgumentBinding("state", ParameterLocation.QUERY, "state", null, null)), null),
        List.of(),
        false);
  }

  /** Denies everything (a rule for another tier, rate limits): the policy engine compiles, no call goes out. */
  private static Policy policy() {
    return new Policy(
        Policy.FORMAT_VERSION,
        Effect.DENY,
        List.of(new PolicyRule("training-allow-writes", 100, Effect.ALLOW, Match.risk(RiskTier.WRITE), null,
            "no tool of the training run writes")),
        new RateLimits(new Limit(1000, 60), new TreeMap<>(), null));
  }
}
