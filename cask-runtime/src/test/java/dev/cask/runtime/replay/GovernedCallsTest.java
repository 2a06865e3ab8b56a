package dev.cask.runtime.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cask.runtime.model.HttpMethod;
import dev.cask.runtime.model.ParameterLocation;
import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.server.testing.LocalUpstream;
import dev.cask.runtime.server.testing.SignedToolpacks;
import dev.cask.runtime.server.testing.ToolFixtures;
import dev.cask.runtime.verification.Baseline;
import dev.cask.runtime.verification.FileSource;
import dev.cask.runtime.verification.VerificationInput;
import dev.cask.runtime.verification.VerificationSettings;
import dev.cask.runtime.verification.VerifiedToolpack;
import dev.cask.runtime.verification.Verifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outcome contract's door into the runtime: calls of a verified toolpack through the real pipeline, routed to
 * another upstream. The route changes where requests go and nothing else: the guard still refuses loopback unless the
 * caller opens it, the policy still decides, confirmations are answered and audited, and the request is the one the
 * runtime's builder makes.
 */
class GovernedCallsTest {
  @TempDir Path dir;

  VerifiedToolpack verified() {
    Tool read = ToolFixtures.tool("get_book").method(HttpMethod.GET).baseUrl("https://books.example.com/v2")
        .path("/books/{bookId}").risk(RiskTier.READ).param("bookId", ParameterLocation.PATH, "{\"type\":\"string\"}")
        .output("{\"type\":\"object\",\"required\":[\"id\"],\"properties\":{\"id\":{\"type\":\"string\"}}}").build();
    Tool write = ToolFixtures.tool("add_book").method(HttpMethod.POST).baseUrl("https://books.example.com/v2")
        .path("/books").risk(RiskTier.WRITE)
        .body("application/json", "{\"type\":\"object\",\"properties\":{\"title\":{\"type\":\"string\"}}}", true).build();
    SignedToolpacks.Signed signed = SignedToolpacks.write(dir, "books", List.of(read, write), SignedToolpacks.confirmWrites());
    return new Verifier(Clock.systemUTC(), VerificationSettings.defaults()).verify(new VerificationInput(signed.toolpack(),
        FileSource.read(signed.lockfile(), "cask.lock.yaml"), FileSource.read(signed.signers(), "cask.signers.yaml"),
        Baseline.none())).requireVerified();
  }

  CallSettings settings(LocalUpstream upstream, List<String> allow) {
    return new CallSettings(dir.resolve("verify/audit.jsonl"), Map.of("https://books.example.com/v2", upstream.baseUrl() + "/v2"),
        allow, null, Map.of(), true);
  }

  @Test
  void aRouteToLoopbackIsRefusedUntilTheCallerOpensExactlyThat() throws Exception {
    VerifiedToolpack verified = verified();
    try (LocalUpstream upstream = LocalUpstream.start()) {
      upstream.otherwise(request -> LocalUpstream.Reply.json(200, "{\"id\":\"dune\"}"));
      try (GovernedCalls calls = GovernedCalls.open(verified, settings(upstream, List.of()))) {
        CallResult result = calls.call("get_book", ToolFixtures.json("{\"bookId\":\"dune\"}"));
        assertThat(result.decision()).isEqualTo("deny");
        assertThat(result.reasonCode()).isEqualTo("ssrf_blocked");
      }
      assertThat(upstream.count()).isZero();

      try (GovernedCalls calls = GovernedCalls.open(verified, settings(upstream, List.of("127.0.0.1/32")))) {
        CallResult first = calls.call("get_book", ToolFixtures.json("{\"bookId\":\"dune\"}"));
        CallResult second = calls.call("get_book", ToolFixtures.json("{\"bookId\":\"dune\"}"));
        assertThat(first.reasonCode()).isEqualTo("ok");
        assertThat(first.upstreamStatus()).isEqualTo(200);
        assertThat(first.structuredContent().get("id").asText()).isEqualTo("dune");
        assertThat(Arrays.equals(first.canonicalBytes(), second.canonicalBytes())).isTrue();
      }
      assertThat(upstream.last().method()).isEqualTo("GET");
      assertThat(upstream.last().rawPath()).isEqualTo("/v2/books/dune");
    }
  }

  @Test
  void theRoutedToolKeepsItsApprovalAndAConfirmationIsAnsweredAndAudited() throws Exception {
    VerifiedToolpack verified = verified();
    try (LocalUpstream upstream = LocalUpstream.start()) {
      upstream.otherwise(request -> LocalUpstream.Reply.json(201, "{\"id\":\"new\"}"));
      try (GovernedCalls calls = GovernedCalls.open(verified, settings(upstream, List.of("127.0.0.1/32")))) {
        CallResult result = calls.call("add_book", ToolFixtures.json("{\"body\":{\"title\":\"Dune\"}}"));
        assertThat(result.confirmed()).isTrue();
        assertThat(result.decision()).isEqualTo("allow");
        assertThat(result.upstreamStatus()).isEqualTo(201);
      }
      assertThat(upstream.count()).isEqualTo(1);
      assertThat(upstream.last().bodyText()).isEqualTo("{\"title\":\"Dune\"}");
      List<String> audit = Files.readAllLines(dir.resolve("verify/audit.jsonl"));
      // In order (whatever else the audit log records around them): the challenge, its approval, the call.
      int challenge = indexOf(audit, "\"confirmation_required\"");
      int approval = indexOf(audit, "\"confirmation_approved\"");
      int call = indexOf(audit, "\"decision\":\"allow\"");
      assertThat(challenge).isNotNegative().isLessThan(approval);
      assertThat(approval).isLessThan(call);
    }
  }

  @Test
  void theRequestBuilderIsTheServers() throws Exception {
    Tool tool = ToolFixtures.tool("search").method(HttpMethod.GET).baseUrl("https://books.example.com/v2").path("/books")
        .param("tags", ParameterLocation.QUERY, "tags", "{\"type\":\"array\",\"items\":{\"type\":\"string\"}}", "pipeDelimited", false, false)
        .build();
    BuiltRequest request = ToolRequests.of(tool.definition()).build(ToolFixtures.json("{\"tags\":[\"sci fi\",\"a|b\"]}"));
    assertThat(request.url()).isEqualTo("https://books.example.com/v2/books?tags=sci%20fi%7Ca%7Cb");
  }

  private static int indexOf(List<String> lines, String text) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i;
      }
    }
    return -1;
  }
}
