package dev.cask.runtime.verification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cask.runtime.CaskException;
import dev.cask.runtime.json.CaskFiles;
import dev.cask.runtime.json.CaskMappers;
import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.lockfile.Approval;
import dev.cask.runtime.model.lockfile.LockDecision;
import dev.cask.runtime.model.lockfile.LockEntry;
import dev.cask.runtime.model.lockfile.Lockfile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lockfile reader without YAML must never read a file differently from the strict YAML path: whatever it accepts,
 * the YAML path reads to an equal lockfile; whatever is not in the writer's layout, it leaves to the YAML path.
 */
class WrittenLockfileReaderTest {
  private static final String SIGNATURE = "A".repeat(86) + "==";

  @TempDir Path dir;

  /** What the strict YAML mapper reads, or null when it refuses the bytes. */
  private static Lockfile strict(byte[] bytes) {
    try {
      return CaskFiles.parse(CaskMappers.yaml(), bytes, "cask.lock.yaml", Lockfile.class, "fix");
    } catch (CaskException e) {
      return null;
    }
  }

  @Test
  void readsWhatTheGateWritesAsTheYamlPathDoes() {
    GateFixture fixture = new GateFixture(dir);
    byte[] written = GateFiles.lockfileBytes(fixture.lockfile);
    assertThat(WrittenLockfileReader.read(written)).isNotNull().isEqualTo(fixture.lockfile).isEqualTo(strict(written));
    byte[] empty = GateFiles.lockfileBytes(Lockfile.empty("demo"));
    assertThat(WrittenLockfileReader.read(empty)).isEqualTo(Lockfile.empty("demo")).isEqualTo(strict(empty));
  }

  @Test
  void valuesWithAYamlMeaningAreEitherReadLiterallyOrLeftToTheYamlPath() {
    List<String> reasons = List.of("null", "true", "yes", "No", "ON", "123", "a: b", "a #b", "- x", "x'y", "x\"y",
        " lead", "trail ", "[x]", "{x}", "#x", "a  b", "~", "0x1F", "1_0", ".5", "reviewed tool_1 (v2), ok.",
        "with/slash-dash", "résumé", "back\\slash", "'single'", "\"double\"", "=", "<<", "x: ");
    TreeMap<String, LockEntry> operations = new TreeMap<>();
    for (String reason : reasons) {
      String tool = "t" + operations.size();
      operations.put("GET api.example.com/r" + operations.size(), new LockEntry(tool, "sha256:" + "a".repeat(64),
          RiskTier.READ, LockDecision.APPROVED,
          List.of(new Approval("alice", "ed25519:0123456789abcdef", "2026-02-20T09:30:00Z", reason, SIGNATURE))));
    }
    for (String name : List.of("null", "y", "123", "n0", "on")) {
      operations.put("GET api.example.com/n" + operations.size(), new LockEntry(name, "sha256:" + "b".repeat(64),
          RiskTier.WRITE, LockDecision.BLOCKED, List.of()));
    }
    for (String toolpack : List.of("demo", "0x10", "true", "Null", "e5")) {
      Lockfile lockfile = new Lockfile(1, toolpack, 7, null, operations);
      byte[] written = GateFiles.lockfileBytes(lockfile);
      assertThat(strict(written)).isEqualTo(lockfile);
      Lockfile fast = WrittenLockfileReader.read(written);
      if (fast != null) {
        assertThat(fast).isEqualTo(lockfile);
      }
      // Each entry alone: the common ones are read without YAML, the rest fall back; never a different reading.
      for (String operation : operations.keySet()) {
        TreeMap<String, LockEntry> one = new TreeMap<>();
        one.put(operation, operations.get(operation));
        Lockfile single = new Lockfile(1, toolpack, 7, null, one);
        byte[] bytes = GateFiles.lockfileBytes(single);
        Lockfile read = WrittenLockfileReader.read(bytes);
        if (read != null) {
          assertThat(read).as(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(single).isEqualTo(strict(bytes));
        }
      }
    }
    assertThat(WrittenLockfileReader.read(GateFiles.lockfileBytes(new Lockfile(1, "demo", 7, null, one(operations,
        "GET api.example.com/r" + reasons.indexOf("reviewed tool_1 (v2), ok.")))))).as("a quoted reason without escapes").isNotNull();
    assertThat(WrittenLockfileReader.read(GateFiles.lockfileBytes(new Lockfile(1, "demo", 7, null, one(operations,
        "GET api.example.com/r" + reasons.indexOf("with/slash-dash")))))).as("a plain reason").isNotNull();
    assertThat(WrittenLockfileReader.read(GateFiles.lockfileBytes(new Lockfile(1, "demo", 7, null, one(operations,
        "GET api.example.com/r" + reasons.indexOf("with/slash-dash"))))).operations().values().iterator().next().approvals().get(0).reason())
        .isEqualTo("with/slash-dash");
    assertThat(WrittenLockfileReader.read(GateFiles.lockfileBytes(new Lockfile(1, "true", 7, null, one(operations,
        "GET api.example.com/r" + reasons.indexOf("with/slash-dash")))))).as("a toolpack named like a boolean").isNull();
  }

  private static TreeMap<String, LockEntry> one(TreeMap<String, LockEntry> operations, String key) {
    TreeMap<String, LockEntry> one = new TreeMap<>();
    one.put(key, operations.get(key));
    return one;
  }

  @Test
  void layoutsOtherThanTheWritersGoToTheYamlPath() {
    String written = new String(GateFiles.lockfileBytes(new GateFixture(dir).lockfile), StandardCharsets.UTF_8);
    List<String> others = List.of(
        written.replace("\n", "\r\n"),
        written.replace("sequence: 1\n", "sequence: 1 # bumped\n"),
        written.replace("sequence: 1\n", "sequence: 1\nsequence: 2\n"),
        written.replace("toolpack: demo\n", "toolpack: 'demo'\n"),
        written.replace("toolpack: demo\n", "toolpack: demo\n\n"),
        written.replace("formatVersion: 1\n", "---\nformatVersion: 1\n"),
        written + "...\n",
        written + "# trailing comment\n",
        written.substring(0, written.length() - 1),
        written.replace("    tool: get_user\n", "    tool: get_user\n      continued\n"),
        written.replace("  GET ", "  ? GET "),
        written.replace("sequence: 1\n", "sequence: 01\n"),
        written.replace("reason: reviewed get_user", "reason: \"reviewed\\tget_user\""),
        written.replace("reason: reviewed get_user", "reason: |\n          reviewed get_user"),
        written.replace("keyId:", "keyid:"),
        "\uFEFF" + written);
    for (String other : others) {
      byte[] bytes = other.getBytes(StandardCharsets.UTF_8);
      assertThat(WrittenLockfileReader.read(bytes)).as(other).isNull();
    }
  }

  @Test
  void mutatedLockfilesAreNeverReadDifferentlyFromTheYamlPath() {
    byte[] written = GateFiles.lockfileBytes(new GateFixture(dir).lockfile);
    byte[] alphabet = " :#\"'-\n\ta0Z{}[]\\~.|>&*!%@,?=+/_".getBytes(StandardCharsets.US_ASCII);
    Random random = new Random(20260301);
    int accepted = 0;
    int refused = 0;
    for (int i = 0; i < 4000; i++) {
      byte[] bytes = mutate(written, random, alphabet, 1 + random.nextInt(3));
      Lockfile fast = WrittenLockfileReader.read(bytes);
      if (fast == null) {
        refused++;
        continue;
      }
      accepted++;
      assertThat(strict(bytes)).as(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(fast);
    }
    // The mutations exercise both sides: some keep the layout (a changed letter), most break it.
    assertThat(accepted).isGreaterThan(100);
    assertThat(refused).isGreaterThan(1000);
  }

  private static byte[] mutate(byte[] original, Random random, byte[] alphabet, int edits) {
    List<Byte> bytes = new ArrayList<>();
    for (byte b : original) {
      bytes.add(b);
    }
    for (int e = 0; e < edits; e++) {
      int at = random.nextInt(bytes.size());
      byte b = alphabet[random.nextInt(alphabet.length)];
      switch (random.nextInt(3)) {
        case 0 -> bytes.set(at, b);
        case 1 -> bytes.add(at, b);
        default -> bytes.remove(at);
      }
    }
    byte[] result = new byte[bytes.size()];
    for (int i = 0; i < result.length; i++) {
      result[i] = bytes.get(i);
    }
    return Arrays.copyOf(result, result.length);
  }
}
