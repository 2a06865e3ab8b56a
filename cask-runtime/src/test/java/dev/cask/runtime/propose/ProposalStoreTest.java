package dev.cask.runtime.propose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.redact.Redactor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proposal store under attack by the agent that writes drafts, and by whoever can drop files beside them: bounded
 * in count and size, de-duplicated, redacted; ids that are paths, forged states, links and damaged files are refused or
 * ignored, never shown as something else; only a pending draft can be decided, once.
 */
class ProposalStoreTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Redactor REDACTOR = Redactor.withDefaults();

  @TempDir Path dir;

  private ProposalStore store() {
    return ProposalStore.forAuditLog(dir.resolve("audit.jsonl"), Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC));
  }

  private static ProposalRequest tool(String name, String reason) {
    return ProposalRequest.read(JSON.createObjectNode().put("tool", name).put("reason", reason), REDACTOR);
  }

  @Test
  void aDraftIsStoredOwnerOnlyRedactedAndOnce() throws Exception {
    ProposalStore store = store();
    ProposalStore.Stored first = store.propose(tool("delete_book", "call me at +1 415 555 0100, token ghp_"
        + "a".repeat(36)), "bookshop", "s1");
    ProposalStore.Stored again = store.propose(tool("delete_book", "again"), "bookshop", "s2");

    assertThat(first.created()).isTrue();
    assertThat(again.created()).isFalse();
    assertThat(again.proposal().id()).isEqualTo(first.proposal().id());
    assertThat(ProposalIds.isWellFormed(first.proposal().id())).isTrue();
    assertThat(first.proposal().reason()).doesNotContain("ghp_").contains("[REDACTED:");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.directory()))).isEqualTo("rwx------");
    assertThat(store.list().pending()).containsExactly(first.proposal());
    assertThat(Files.readString(store.directory().resolve(first.proposal().id() + ".json")))
        .contains("\"state\": \"pending\"").contains("\"createdAt\": \"2026-03-01T10:00:00Z\"");
  }

  @Test
  void atMostMaxPendingDraftsWait() {
    ProposalStore store = store();
    for (int i = 0; i < ProposalStore.MAX_PENDING; i++) {
      store.propose(tool("tool_" + i, "r"), "bookshop", "s");
    }
    assertThatThrownBy(() -> store.propose(tool("one_more", "r"), "bookshop", "s"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("already waiting for a person");
    String decided = store.list().pending().get(0).id();
    store.decide(decided, ProposalState.REJECTED, "no");
    assertThat(store.propose(tool("one_more", "r"), "bookshop", "s").created()).as("a decision frees a place").isTrue();
  }

  @Test
  void agentInputIsBoundedAndStrictlyFormed() {
    for (ObjectNode bad : List.of(
        JSON.createObjectNode().put("tool", "../../etc/passwd").put("reason", "r"),
        JSON.createObjectNode().put("tool", "Delete_Book").put("reason", "r"),
        JSON.createObjectNode().put("tool", "x").put("reason", "r").put("state", "accepted"),
        JSON.createObjectNode().put("tool", "x").put("reason", "r".repeat(ProposalRequest.MAX_REASON + 1)),
        JSON.createObjectNode().put("tool", "x").put("reason", " "),
        JSON.createObjectNode().put("tool", "x").put("method", "GET").put("url", "https://a.example/").put("reason", "r"),
        JSON.createObjectNode().put("method", "GET").put("url", "https://user:pw@a.example/x").put("reason", "r"),
        JSON.createObjectNode().put("method", "GET").put("url", "file:///etc/passwd").put("reason", "r"),
        JSON.createObjectNode().put("method", "GET").put("url", "https://a.example/x y").put("reason", "r"),
        JSON.createObjectNode().put("method", "GET").put("url", "https://a.example/\u202ex").put("reason", "r"),
        JSON.createObjectNode().put("method", "TRACE").put("url", "https://a.example/x").put("reason", "r"),
        JSON.createObjectNode().put("method", "GET").put("url", "https://a.example/" + "x".repeat(3000)).put("reason", "r"))) {
      assertThatThrownBy(() -> ProposalRequest.read(bad, REDACTOR)).as(bad.toString())
          .isInstanceOf(IllegalArgumentException.class);
    }
    ProposalRequest operation = ProposalRequest.read(JSON.createObjectNode().put("method", "get")
        .put("url", "https://api.example.com/v2/books/{bookId}/reviews?api_key=s3cr3t-value").put("reason", "r"), REDACTOR);
    assertThat(operation.method()).isEqualTo("GET");
    assertThat(operation.url()).startsWith("https://api.example.com/v2/books/{bookId}/reviews?api_key=").doesNotContain("s3cr3t");
  }

  @Test
  void idsThatArePathsAreRefusedBeforeAnyFileIsTouched() {
    ProposalStore store = store();
    for (String id : List.of("../audit", "p0000000000/", "/etc/passwd", "p000000000\u0000", "P0123456789A", "")) {
      assertThatThrownBy(() -> store.find(id)).isInstanceOf(CaskException.class).hasMessageContaining("not a proposal id");
      assertThatThrownBy(() -> store.decide(id, ProposalState.ACCEPTED, "x")).isInstanceOf(CaskException.class);
    }
  }

  @Test
  void forgedDamagedAndLinkedFilesAreIgnoredNeverShown() throws Exception {
    ProposalStore store = store();
    Proposal real = store.propose(tool("delete_book", "r"), "bookshop", "s").proposal();
    Path directory = store.directory();
    String json = Files.readString(directory.resolve(real.id() + ".json"));
    Files.writeString(directory.resolve("p11111111111.json"), json.replace(real.id(), "p11111111111").replace("pending", "approved"));
    Files.writeString(directory.resolve("p22222222222.json"), json.replace(real.id(), "p33333333333"));
    Files.writeString(directory.resolve("p44444444444.json"), json.replace(real.id(), "p44444444444")
        .replace("\"tool\": \"delete_book\"", "\"tool\": \"x\\u001b[2J\""));
    Files.writeString(directory.resolve("p55555555555.json"), "{" + " ".repeat(ProposalStore.MAX_FILE_BYTES) + "}");
    Files.createSymbolicLink(directory.resolve("p66666666666.json"), directory.resolve(real.id() + ".json"));
    Files.writeString(directory.resolve("notes.txt"), "hello");

    ProposalStore.Listing listing = store.list();
    assertThat(listing.proposals()).containsExactly(real);
    assertThat(listing.ignored()).hasSize(6);
    assertThat(listing.ignored()).anyMatch(line -> line.startsWith("p66666666666.json: not a regular file"));
    assertThatThrownBy(() -> store.find("p11111111111")).hasMessageContaining("there is no proposal p11111111111");
  }

  @Test
  void onlyAPendingDraftIsDecidedAndOnlyOnce() {
    ProposalStore store = store();
    Proposal proposal = store.propose(tool("delete_book", "r"), "bookshop", "s").proposal();
    Proposal accepted = store.decide(proposal.id(), ProposalState.ACCEPTED, "turned into a capture entry");
    assertThat(accepted.state()).isEqualTo("accepted");
    assertThat(accepted.decidedAt()).isEqualTo("2026-03-01T10:00:00Z");
    assertThat(store.list().pending()).isEmpty();
    assertThatThrownBy(() -> store.decide(proposal.id(), ProposalState.REJECTED, "no"))
        .hasMessageContaining("is already accepted");
  }

  @Test
  void whatTheAgentWroteIsShownEscapedQuotedAndLabelled() {
    Proposal proposal = new Proposal(1, "p0123456789a", "pending", "2026-03-01T10:00:00Z", "bookshop", "s", "operation",
        null, "GET", "https://a.example/x", "ok\u001b[2J\u001b[1;1H\nSTATUS: APPROVED \u202eevil \"quoted\"", null, null);
    List<String> lines = ProposalText.lines(proposal);
    assertThat(lines).hasSize(2);
    assertThat(String.join("\n", lines)).doesNotContain("\u001b").doesNotContain("\u202e");
    assertThat(lines.get(1)).isEqualTo("    agent's reason (untrusted): \"ok\\u001b[2J\\u001b[1;1H\\u000aSTATUS: APPROVED"
        + " \\u202eevil \\\"quoted\\\"\"");
  }
}
