package dev.cask.runtime.verification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.crypto.Ed25519Keys;
import dev.cask.runtime.crypto.SigningKey;
import dev.cask.runtime.json.CanonicalJson;
import dev.cask.runtime.json.CaskFiles;
import dev.cask.runtime.model.HttpMethod;
import dev.cask.runtime.model.ParameterLocation;
import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.capture.Capture;
import dev.cask.runtime.model.lockfile.Approval;
import dev.cask.runtime.model.lockfile.LockDecision;
import dev.cask.runtime.model.lockfile.LockEntry;
import dev.cask.runtime.model.lockfile.Lockfile;
import dev.cask.runtime.model.lockfile.PolicyLock;
import dev.cask.runtime.model.policy.Effect;
import dev.cask.runtime.model.policy.Match;
import dev.cask.runtime.model.policy.Policy;
import dev.cask.runtime.model.policy.PolicyRule;
import dev.cask.runtime.model.signers.Signer;
import dev.cask.runtime.model.signers.SignersFile;
import dev.cask.runtime.model.signers.SignersHistory;
import dev.cask.runtime.model.toolpack.ArgumentBinding;
import dev.cask.runtime.model.toolpack.RequestBinding;
import dev.cask.runtime.model.toolpack.Risk;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.model.toolpack.ToolAnnotations;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import dev.cask.runtime.model.toolpack.ToolSet;
import dev.cask.runtime.model.toolpack.ToolpackManifest;
import dev.cask.runtime.toolpack.ToolpackFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A complete, correctly signed gate setup for tests (exported in the test-jar for the server and plugin tests): a
 * toolpack of four tools (one per risk tier), signers alice and bob with fixed keys (sensitive tools need both), every
 * tool approved, the policy approved, signers file self-signed. Tests change any part, then {@link #verify()}.
 */
public final class GateFixture {
  public static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  public static final Instant SIGNED = Instant.parse("2026-02-20T09:30:00Z");

  public final Path directory;
  public Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  public final SigningKey alice = SigningKey.fromSeed(seed(1));
  public final SigningKey bob = SigningKey.fromSeed(seed(2));
  public final SigningKey mallory = SigningKey.fromSeed(seed(3));
  public final SigningKey carol = SigningKey.fromSeed(seed(4));
  public String toolpackName = "demo";
  public List<ToolDefinition> tools = new ArrayList<>();
  public Policy policy = policy();
  public SignersFile signers;
  public Lockfile lockfile;
  /** When set, written instead of the lockfile model (raw tampering). */
  public String lockfileText;
  /** When set, written instead of the signers model. */
  public String signersText;
  /** Every signed version of the signers file, or null for none (the signers file is then version 1 on its own). */
  public SignersHistory history;
  /** When set, written instead of the history model. */
  public String historyText;
  /** The operator's trust anchors. */
  public TrustAnchors anchors = TrustAnchors.none();
  public Baseline baseline = Baseline.none();
  public VerificationSettings settings = VerificationSettings.defaults();
  /** When set, applied to each written toolpack directory; it may return another source (a zip) to verify instead. */
  public java.util.function.UnaryOperator<Path> toolpackSource = java.util.function.UnaryOperator.identity();
  /** When set, edits each written toolpack directory (integrity attacks). */
  public java.util.function.Consumer<Path> toolpackTamper = dir -> {};
  private int writes;

  public GateFixture(Path directory) {
    this.directory = directory;
    tools.add(definition("get_user", HttpMethod.GET, "/users/{id}", RiskTier.READ, "Get a user by id."));
    tools.add(definition("create_user", HttpMethod.POST, "/users", RiskTier.WRITE, "Create a user."));
    tools.add(definition("delete_user", HttpMethod.DELETE, "/users/{id}", RiskTier.DESTRUCTIVE, "Delete a user."));
    tools.add(definition("impersonate", HttpMethod.POST, "/admin/impersonate", RiskTier.SENSITIVE, "Act as another user."));
    TreeMap<String, Signer> people = new TreeMap<>();
    people.put("alice", signer("Alice Example", alice, null));
    people.put("bob", signer("Bob Example", bob, null));
    TreeMap<String, Integer> required = new TreeMap<>();
    required.put("sensitive", 2);
    signers = selfSign(new SignersFile(SignersFile.FORMAT_VERSION, 1, null, people, required, List.of()), "alice", "bob");
    lockfile = Lockfile.empty(toolpackName).withSequence(1);
    for (ToolDefinition tool : tools) {
      approve(tool, LockDecision.APPROVED, tool.risk().tier() == RiskTier.SENSITIVE ? List.of("alice", "bob") : List.of("alice"));
    }
    lockfile = lockfile.withPolicy(new PolicyLock(CanonicalJson.digest(policy),
        List.of(Approvals.policy(alice, "alice", toolpackName, CanonicalJson.digest(policy), "default policy reviewed", SIGNED),
            Approvals.policy(bob, "bob", toolpackName, CanonicalJson.digest(policy), "default policy reviewed", SIGNED))));
  }

  public static byte[] seed(int n) {
    byte[] seed = new byte[32];
    Arrays.fill(seed, (byte) n);
    return seed;
  }

  public SigningKey key(String signerId) {
    return switch (signerId) {
      case "alice" -> alice;
      case "bob" -> bob;
      case "mallory" -> mallory;
      case "carol" -> carol;
      default -> throw new IllegalArgumentException(signerId);
    };
  }

  /** Records a decision for a tool, signed by the named signers at {@link #SIGNED}. */
  public void approve(ToolDefinition tool, LockDecision decision, List<String> signerIds) {
    List<Approval> approvals = new ArrayList<>();
    for (String id : signerIds) {
      approvals.add(Approvals.tool(key(id), id, toolpackName, tool.operation(), CanonicalJson.digest(tool), decision,
          "reviewed " + tool.name(), SIGNED));
    }
    lockfile = lockfile.with(tool.operation(), new LockEntry(tool.name(), CanonicalJson.digest(tool), tool.risk().tier(), decision, approvals));
  }

  public SignersFile selfSign(SignersFile file, String... signerIds) {
    List<Approval> approvals = new ArrayList<>();
    for (String id : signerIds) {
      approvals.add(Approvals.signers(key(id), id, file, "signers reviewed", SIGNED));
    }
    return file.withApprovals(approvals);
  }

  /**
   * Makes the next version of the signers file from {@code proposal}'s signers and thresholds, linked to the current
   * one, signed by {@code signerIds} (as mvn cask:gate-allow -Dcask.approveSigners=true does), and appends it to the
   * history.
   */
  public SignersFile rotate(SignersFile proposal, String... signerIds) {
    SignersHistory before = history != null ? history : SignersHistory.of(List.of(signers));
    SignersFile next = selfSign(signers.successor(proposal, signersDigest()), signerIds);
    history = before.append(next);
    signers = next;
    return next;
  }

  /** The content digest of the current signers file (what {@code --trust-anchor sha256:...} pins). */
  public String signersDigest() {
    return SignedPayloads.signersDigest(signers);
  }

  public String historyYaml() {
    if (historyText != null) {
      return historyText;
    }
    return history == null ? null : new String(GateFiles.signersHistoryBytes(history), StandardCharsets.UTF_8);
  }

  public ToolDefinition tool(String name) {
    return tools.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
  }

  public void replace(String name, ToolDefinition replacement) {
    tools.replaceAll(t -> t.name().equals(name) ? replacement : t);
  }

  public LockEntry entry(String tool) {
    return lockfile.operations().values().stream().filter(e -> e.tool().equals(tool)).findFirst().orElseThrow();
  }

  public String operationOf(String tool) {
    return lockfile.operations().entrySet().stream().filter(e -> e.getValue().tool().equals(tool)).findFirst().orElseThrow().getKey();
  }

  public String lockfileYaml() {
    return lockfileText != null ? lockfileText : new String(GateFiles.lockfileBytes(lockfile), StandardCharsets.UTF_8);
  }

  public String signersYaml() {
    return signersText != null ? signersText : new String(GateFiles.signersBytes(signers), StandardCharsets.UTF_8);
  }

  /** Writes the toolpack as the compiler would (each call into a fresh directory). */
  public Path writeToolpack() {
    Path dir = writeToolpack(directory.resolve("toolpack-" + (++writes)), toolpackName, tools, policy);
    toolpackTamper.accept(dir);
    return toolpackSource.apply(dir);
  }

  public VerificationReport verify() {
    String historyYaml = historyYaml();
    VerificationInput input = new VerificationInput(writeToolpack(),
        FileSource.of(GateFiles.LOCKFILE, lockfileYaml().getBytes(StandardCharsets.UTF_8)),
        FileSource.of(GateFiles.SIGNERS, signersYaml().getBytes(StandardCharsets.UTF_8)),
        historyYaml == null ? FileSource.missing(GateFiles.SIGNERS_HISTORY)
            : FileSource.of(GateFiles.SIGNERS_HISTORY, historyYaml.getBytes(StandardCharsets.UTF_8)),
        baseline, anchors);
    return new Verifier(clock, settings).verify(input);
  }

  /** The current files as a baseline (what the target branch holds). */
  public Baseline asBaseline() {
    return new Baseline(FileSource.of("baseline:" + GateFiles.SIGNERS, signersYaml().getBytes(StandardCharsets.UTF_8)),
        FileSource.of("baseline:" + GateFiles.LOCKFILE, lockfileYaml().getBytes(StandardCharsets.UTF_8)));
  }

  // ---- building blocks -------------------------------------------------------------------------------------------

  public static Signer signer(String name, SigningKey key, String notAfter) {
    return new Signer(name, Ed25519Keys.spkiBase64(key.publicKey()), key.keyId(), notAfter, false);
  }

  public static Policy policy() {
    return new Policy(Policy.FORMAT_VERSION, Effect.DENY,
        List.of(new PolicyRule("allow-read", 100, Effect.ALLOW, Match.risk(RiskTier.READ), null, "reads run")), null);
  }

  public static ToolDefinition definition(String name, HttpMethod method, String path, RiskTier tier, String description) {
    return definition(name, method, "https://api.example.com/v1", path, tier, description);
  }

  public static ToolDefinition definition(
      String name, HttpMethod method, String baseUrl, String path, RiskTier tier, String description) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode input = f.objectNode().put("type", "object");
    ObjectNode properties = input.putObject("properties");
    List<ArgumentBinding> bindings = new ArrayList<>();
    if (path.contains("{id}")) {
      properties.putObject("id").put("type", "integer");
      input.putArray("required").add("id");
      bindings.add(new ArgumentBinding("id", ParameterLocation.PATH, "id", null, null));
    }
    input.put("additionalProperties", false);
    return new ToolDefinition(name, description, method, baseUrl, path, input, null,
        new Risk(tier, List.of("method " + method.name())),
        new ToolAnnotations(name, method.isSafe(), tier == RiskTier.DESTRUCTIVE, method.isIdempotent(), true),
        new RequestBinding(bindings, null), List.of(), false);
  }

  public static ToolDefinition withDescription(ToolDefinition d, String description) {
    return new ToolDefinition(d.name(), description, d.method(), d.baseUrl(), d.path(), d.inputSchema(), d.outputSchema(),
        d.risk(), d.annotations(), d.binding(), d.security(), d.deprecated());
  }

  public static ToolDefinition withInputSchema(ToolDefinition d, JsonNode schema) {
    return new ToolDefinition(d.name(), d.description(), d.method(), d.baseUrl(), d.path(), schema, d.outputSchema(),
        d.risk(), d.annotations(), d.binding(), d.security(), d.deprecated());
  }

  public static ToolDefinition withRisk(ToolDefinition d, RiskTier tier) {
    return new ToolDefinition(d.name(), d.description(), d.method(), d.baseUrl(), d.path(), d.inputSchema(), d.outputSchema(),
        new Risk(tier, d.risk().reasons()), d.annotations(), d.binding(), d.security(), d.deprecated());
  }

  public static ToolDefinition withBaseUrl(ToolDefinition d, String baseUrl) {
    return new ToolDefinition(d.name(), d.description(), d.method(), baseUrl, d.path(), d.inputSchema(), d.outputSchema(),
        d.risk(), d.annotations(), d.binding(), d.security(), d.deprecated());
  }

  public static ToolDefinition withMethod(ToolDefinition d, HttpMethod method) {
    return new ToolDefinition(d.name(), d.description(), method, d.baseUrl(), d.path(), d.inputSchema(), d.outputSchema(),
        d.risk(), d.annotations(), d.binding(), d.security(), d.deprecated());
  }

  public static ToolDefinition withName(ToolDefinition d, String name) {
    return new ToolDefinition(name, d.description(), d.method(), d.baseUrl(), d.path(), d.inputSchema(), d.outputSchema(),
        d.risk(), d.annotations(), d.binding(), d.security(), d.deprecated());
  }

  /** Writes toolpack.yaml, tools.json, policy.yaml and capture.json exactly as the compiler lays them out. */
  public static Path writeToolpack(Path dir, String name, List<ToolDefinition> definitions, Policy policy) {
    List<Tool> tools = definitions.stream().map(d -> new Tool(CanonicalJson.digest(d), d, null)).toList();
    ToolSet set = ToolSet.of(name, tools);
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(ToolpackFiles.TOOLS, CaskFiles.prettyJson(set));
    files.put(ToolpackFiles.POLICY, concat("# policy\n".getBytes(StandardCharsets.UTF_8), CaskFiles.yaml(policy)));
    files.put(ToolpackFiles.CAPTURE, CaskFiles.prettyJson(Capture.of(List.of(), List.of(), null, null, List.of())));
    SortedMap<String, String> digests = new TreeMap<>();
    files.forEach((file, bytes) -> digests.put(file, CanonicalJson.digestBytes(bytes)));
    TreeMap<String, Integer> tiers = new TreeMap<>();
    for (RiskTier tier : RiskTier.values()) {
      tiers.put(tier.wireName(), 0);
    }
    set.tools().forEach(t -> tiers.merge(t.definition().risk().tier().wireName(), 1, Integer::sum));
    ToolpackManifest manifest = new ToolpackManifest(ToolpackManifest.FORMAT_VERSION, name, "1.0.0", List.of(),
        set.tools().stream().map(t -> t.definition().host()).toList(),
        set.tools().stream().map(t -> t.definition().baseUrl()).toList(), set.tools().size(), tiers, digests);
    files.put(ToolpackFiles.MANIFEST, CaskFiles.yaml(manifest));
    CaskFiles.writeAtomically(dir, files);
    return dir;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
