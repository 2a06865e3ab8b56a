package dev.cask.runtime.server.pipeline;

import static dev.cask.runtime.server.testing.ToolFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cask.runtime.CaskException;
import dev.cask.runtime.model.ParameterLocation;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.server.spi.ToolCallOutcome;
import dev.cask.runtime.server.testing.LocalUpstream;
import dev.cask.runtime.server.testing.LocalUpstream.Reply;
import dev.cask.runtime.server.testing.ToolFixtures;
import dev.cask.runtime.server.upstream.AddressGuard;
import dev.cask.runtime.server.upstream.HostResolver;
import dev.cask.runtime.server.upstream.NetworkPolicy;
import dev.cask.runtime.server.upstream.SsrfBlockedException;
import dev.cask.runtime.server.upstream.UpstreamConfig;
import dev.cask.runtime.server.upstream.UpstreamSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SSRF corpus: every payload must be refused, and the canary server on 127.0.0.2 (an "internal" address the
 * operator did not allow) must never receive a request. The legitimate upstream lives on 127.0.0.1, which the test
 * allows explicitly, as an operator would with {@code --allow-network 127.0.0.1/32}. Hostnames resolve through a test
 * resolver (the DNS seam), never through a mock HTTP layer: every request that is sent is real.
 *
 * <p>Payloads that aim at non-loopback addresses (metadata, private ranges) are checked at the guard, without any
 * connection attempt, so that a bypass could never send traffic off this machine.
 */
class SsrfCorpusTest {
  @TempDir Path dir;
  private LocalUpstream legit;
  private LocalUpstream canary;
  private final Map<String, List<List<InetAddress>>> dns = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> lookups = new ConcurrentHashMap<>();
  private final HostResolver resolver = host -> {
    lookups.computeIfAbsent(host, h -> new AtomicInteger()).incrementAndGet();
    List<List<InetAddress>> answers = dns.get(host);
    if (answers == null) {
      throw new UnknownHostException(host);
    }
    int index = Math.min(lookups.get(host).get() - 1, answers.size() - 1);
    return answers.get(index);
  };
  private final List<String> bypasses = new ArrayList<>();
  private int payloads;

  @BeforeEach
  void start() throws Exception {
    legit = LocalUpstream.start();
    canary = LocalUpstream.startOn("127.0.0.2");
    canary.otherwise(request -> Reply.json(200, "{\"canary\":\"reached\"}"));
    answer("api.test", "127.0.0.1");
    answer("other.test", "127.0.0.1");
    answer("canary.test", "127.0.0.2");
    answer("127.0.0.2.nip.io", "127.0.0.2");
    answer("localtest.me", "127.0.0.2");
    answer("mixed.test", "127.0.0.1", "127.0.0.2");
    answer("v6mapped.test", "::ffff:127.0.0.2");
    answer("v6loop.test", "::1");
    answer("zero.test", "0.0.0.0");
    answer("private.test", "10.0.0.5");
    answer("private172.test", "172.16.5.4");
    answer("cgnat.test", "100.64.1.1");
    answer("meta.test", "169.254.169.254");
    answer("meta6.test", "fd00:ec2::254");
    answer("ula.test", "fd12::1");
    answer("linklocal6.test", "fe80::1");
    answer("alibaba.test", "100.100.100.200");
    answer("nat64meta.test", "64:ff9b::a9fe:a9fe");
  }

  private void answer(String host, String... addresses) throws UnknownHostException {
    List<InetAddress> list = new ArrayList<>();
    for (String address : addresses) {
      list.add(InetAddress.getByName(address));
    }
    dns.computeIfAbsent(host, h -> new ArrayList<>()).add(list);
  }

  @AfterEach
  void stop() {
    legit.close();
    canary.close();
  }

  private PipelineSettings.Builder settings(int maxRedirects) {
    return PipelineSettings.builder(dir.resolve("audit.jsonl"), TestPipelines.maskingRedactor())
        .allowNetworks(List.of("127.0.0.1/32"))
        .resolver(resolver)
        .upstream(new UpstreamSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), 1 << 20, maxRedirects));
  }

  private static Tool tool(String name, String baseUrl) {
    return ToolFixtures.tool(name).baseUrl(baseUrl).path("/r/{c}").param("c", ParameterLocation.PATH, "{\"type\":\"string\"}").build();
  }

  private void expectBlocked(String payload, ToolCallOutcome outcome, Set<String> reasons) {
    payloads++;
    if (!reasons.contains(outcome.reasonCode())) {
      bypasses.add(payload + " -> " + outcome.reasonCode() + ": " + outcome.text());
    }
  }

  @Test
  void corpusHasNoBypass() throws Exception {
    int canaryPort = canary.port();
    int legitPort = legit.port();

    // 1. The toolpack itself points at an internal address, in every spelling (a careless review, a poisoned spec).
    List<String> hosts = List.of(
        "127.0.0.2", "2130706434", "0x7f000002", "0X7F000002", "0177.0.0.2", "0x7f.0.0.2", "0x7f.0x0.0x0.0x2", "127.2",
        "127.0.2", "017700000002", "127.000.000.002", "00177.0.0.02", "[::ffff:127.0.0.2]", "[::ffff:7f00:2]",
        "[::127.0.0.2]", "[0:0:0:0:0:ffff:7f00:2]", "[::ffff:0:7f00:2]", "[64:ff9b::7f00:2]", "[2002:7f00:2::1]",
        "[2001:0:4136:e378:8000:63bf:80ff:fffd]", "[::1]", "[::]", "0.0.0.0", "0", "canary.test", "CANARY.test",
        "canary.test.", "127.0.0.2.nip.io", "localtest.me", "mixed.test", "v6mapped.test", "v6loop.test", "zero.test",
        "unresolvable.test");
    List<Tool> tools = new ArrayList<>();
    List<Integer> served = new ArrayList<>();
    for (int i = 0; i < hosts.size(); i++) {
      Tool tool = tool("host_" + i, "http://" + hosts.get(i) + ":" + canaryPort);
      try {
        GovernedPipeline.start(TestPipelines.approved(TestPipelines.allowAll(), tool), PipelineSettings.builder(dir.resolve("startup").resolve("audit.jsonl"), TestPipelines.maskingRedactor()).resolver(resolver).build()).close();
        tools.add(tool);
        served.add(i);
      } catch (CaskException refused) {
        payloads++; // a host Java's URI parser cannot even place is refused when the server starts: nothing is served
        assertThat(refused.getMessage()).contains("host_" + i);
      }
    }
    tools.add(tool("follow", "http://api.test:" + legitPort));
    tools.add(tool("rebind", "http://rebind.test:" + legitPort));

    // 2. A legitimate upstream redirects to internal targets (redirects enabled: every hop is re-checked).
    List<String> locations = List.of(
        "http://127.0.0.2:" + canaryPort + "/", "http://canary.test:" + canaryPort + "/", "//127.0.0.2:" + canaryPort + "/x",
        "http://[::ffff:127.0.0.2]:" + canaryPort + "/", "http://2130706434:" + canaryPort + "/",
        "http://api.test@127.0.0.2:" + canaryPort + "/", "http://127.0.0.2:" + canaryPort + "\\@api.test/",
        "http://api.test:" + canaryPort + "/", "file:///etc/passwd", "gopher://127.0.0.2:" + canaryPort + "/_GET",
        "ftp://127.0.0.2:" + canaryPort + "/", "http://169.254.169.254/latest/meta-data/", "http://meta.test/",
        "http://metadata.google.internal/computeMetadata/v1/", "/r/hop", "/r/loop", "http://mixed.test:" + legitPort + "/",
        "http://localtest.me:" + legitPort + "/", "jar:http://127.0.0.2:" + canaryPort + "/x!/y", "http:///127.0.0.2/",
        " http://127.0.0.2:" + canaryPort + "/");
    legit.on("/r/", request -> {
      String c = request.rawPath().substring("/r/".length());
      if (c.equals("hop")) {
        return Reply.redirect(302, "http://127.0.0.2:" + canaryPort + "/after-hop");
      }
      if (c.equals("loop")) {
        return Reply.redirect(307, "/r/loop");
      }
      return Reply.redirect(302, locations.get(Integer.parseInt(c)));
    });
    answer("rebind.test", "127.0.0.1");
    answer("rebind.test", "127.0.0.2");
    legit.on("/r/rebind", request -> new Reply(200, Map.of("Content-Type", "application/json", "Connection", "close"), "{}".getBytes()));

    try (PipelineHarness harness = new PipelineHarness(TestPipelines.approved(TestPipelines.allowAll(), tools.toArray(Tool[]::new)),
        settings(5).build())) {
      for (int i : served) {
        String host = hosts.get(i);
        Set<String> reasons = host.equals("unresolvable.test") ? Set.of("upstream_unreachable") : Set.of("ssrf_blocked");
        expectBlocked("host " + host, harness.call("host_" + i, "{\"c\":\"x\"}"), reasons);
      }
      for (int i = 0; i < locations.size(); i++) {
        expectBlocked("redirect to " + locations.get(i), harness.call("follow", "{\"c\":\"" + i + "\"}"),
            Set.of("ssrf_blocked", "redirect_blocked"));
      }
      expectBlocked("redirect chain via a same-host hop", harness.call("follow", "{\"c\":\"hop\"}"), Set.of("ssrf_blocked", "redirect_blocked"));
      expectBlocked("redirect loop", harness.call("follow", "{\"c\":\"loop\"}"), Set.of("redirect_blocked"));

      // 3. DNS rebinding: the first connection goes to the vetted 127.0.0.1; when the server closes it, the next
      // connection resolves again and gets 127.0.0.2, which is refused. Nothing resolves twice for one connection.
      assertThat(harness.call("rebind", "{\"c\":\"rebind\"}").reasonCode()).isEqualTo("ok");
      expectBlocked("DNS rebinding to 127.0.0.2", harness.call("rebind", "{\"c\":\"rebind\"}"), Set.of("ssrf_blocked"));
      assertThat(lookups.get("rebind.test").get()).isEqualTo(2);
    }

    // 4. Non-loopback targets are checked at the guard, where a bypass could not send anything anywhere.
    AddressGuard guard = new AddressGuard(resolver, NetworkPolicy.allowing(List.of("127.0.0.1/32")));
    AddressGuard permissive = new AddressGuard(resolver, NetworkPolicy.allowing(List.of("0.0.0.0/0", "::/0")));
    List<String> guarded = List.of(
        "169.254.169.254", "[::ffff:169.254.169.254]", "[::ffff:a9fe:a9fe]", "[64:ff9b::a9fe:a9fe]", "[2002:a9fe:a9fe::]",
        "[fd00:ec2::254]", "metadata.google.internal", "metadata.google.internal.", "METADATA.GOOGLE.INTERNAL", "metadata",
        "metadata.goog", "instance-data", "100.100.100.200", "168.63.129.16", "169.254.170.2", "meta.test", "meta6.test",
        "alibaba.test", "nat64meta.test", "10.0.0.1", "172.16.0.1", "192.168.1.1", "100.64.0.1", "198.18.0.1",
        "192.0.2.1", "224.0.0.1", "255.255.255.255", "240.0.0.1", "[fe80::1]", "[fc00::1]", "[ff02::1]",
        "[2001:db8::1]", "[::ffff:10.0.0.1]", "[2001:0:4136:e378:8000:63bf:f5ff:fffe]", "private.test",
        "private172.test", "cgnat.test", "ula.test", "linklocal6.test", "[fe80::1%25eth0]", "169.254.169.254.", "0251.0376.0251.0376");
    for (String host : guarded) {
      payloads++;
      try {
        guard.resolve(host, 80);
        bypasses.add("guard " + host);
      } catch (SsrfBlockedException | UnknownHostException expected) {
        // blocked
      }
    }
    for (String host : List.of("169.254.169.254", "[fd00:ec2::254]", "meta.test", "metadata.google.internal", "[::ffff:169.254.169.254]")) {
      payloads++;
      try {
        permissive.resolve(host, 80);
        bypasses.add("metadata allowed by --allow-network 0.0.0.0/0: " + host);
      } catch (SsrfBlockedException expected) {
        // metadata stays blocked
      }
    }
    int before = lookups.values().stream().mapToInt(AtomicInteger::get).sum();
    try {
      guard.resolve("metadata.google.internal", 80);
    } catch (SsrfBlockedException expected) {
      // blocked by name
    }
    assertThat(lookups.values().stream().mapToInt(AtomicInteger::get).sum()).as("metadata names are never resolved").isEqualTo(before);
    payloads++;
    try {
      new AddressGuard(HostResolver.SYSTEM, NetworkPolicy.publicOnly()).resolve("localhost", 80);
      bypasses.add("localhost through the system resolver");
    } catch (SsrfBlockedException expected) {
      // the real resolver's loopback answer is refused
    }

    System.out.println("SSRF corpus: " + payloads + " payloads, " + bypasses.size() + " bypasses");
    assertThat(bypasses).isEmpty();
    assertThat(payloads).isGreaterThanOrEqualTo(40);
    assertThat(canary.count()).as("the canary on 127.0.0.2 was never reached").isZero();
  }

  @Test
  void redirectsAreOffByDefault() {
    legit.on("/r/", request -> Reply.redirect(302, "/r/elsewhere"));
    try (PipelineHarness harness = new PipelineHarness(
        TestPipelines.approved(TestPipelines.allowAll(), tool("follow", "http://api.test:" + legit.port())), settings(0).build())) {
      ToolCallOutcome outcome = harness.call("follow", "{\"c\":\"start\"}");
      assertThat(outcome.reasonCode()).isEqualTo("upstream_redirect");
      assertThat(legit.count()).isEqualTo(1);
    }
  }

  @Test
  void credentialsAndAgentHeadersAreDroppedWhenARedirectChangesHost() throws Exception {
    int port = legit.port();
    Path config = dir.resolve("upstream.yaml");
    Files.writeString(config, "formatVersion: 1\nhosts:\n  \"api.test:" + port + "\":\n    bearer: {env: T}\n    allowHttp: true\n"
        + "  \"other.test:" + port + "\":\n    bearer: {env: T2}\n    allowHttp: true\n");
    UpstreamConfig credentials = UpstreamConfig.load(config, Map.of("T", "api-secret", "T2", "other-secret"));
    Tool follow = ToolFixtures.tool("follow").baseUrl("http://api.test:" + port).path("/r/{c}")
        .param("c", ParameterLocation.PATH, "{\"type\":\"string\"}")
        .param("trace", ParameterLocation.HEADER, "X-Trace", "{\"type\":\"string\"}", null, null, false).build();
    Tool other = ToolFixtures.tool("other").baseUrl("http://other.test:" + port).path("/landing").build();
    legit.on("/r/same", request -> Reply.redirect(307, "/landing-same"));
    legit.on("/r/cross", request -> Reply.redirect(302, "http://other.test:" + port + "/landing-cross"));
    legit.on("/landing", request -> Reply.json(200, "{}"));
    try (PipelineHarness harness = new PipelineHarness(TestPipelines.approved(TestPipelines.allowAll(), follow, other),
        settings(3).credentials(credentials).build())) {
      assertThat(harness.call("follow", "{\"c\":\"same\",\"trace\":\"t1\"}").reasonCode()).isEqualTo("ok");
      LocalUpstream.Received sameHop = legit.last();
      assertThat(sameHop.rawPath()).isEqualTo("/landing-same");
      assertThat(sameHop.header("Authorization")).isEqualTo("Bearer api-secret");
      assertThat(sameHop.header("X-Trace")).isEqualTo("t1");

      assertThat(harness.call("follow", "{\"c\":\"cross\",\"trace\":\"t2\"}").reasonCode()).isEqualTo("ok");
      LocalUpstream.Received crossHop = legit.last();
      assertThat(crossHop.rawPath()).isEqualTo("/landing-cross");
      assertThat(crossHop.header("Authorization")).as("no credential after a host change, not even the new host's").isNull();
      assertThat(crossHop.header("X-Trace")).isNull();
    }
    assertThat(json("{}")).isNotNull();
  }
}
