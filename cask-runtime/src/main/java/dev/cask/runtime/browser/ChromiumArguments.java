package dev.cask.runtime.browser;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The command-line arguments every Chromium that Cask starts gets (for {@code cask:mint} and {@code serve --browser}):
 * no first-run, sync, component updates, background networking, QUIC, crash or metrics uploads, and WebRTC only through
 * a proxy, so the browser makes no request of its own; headless unless a person drives it. The sandbox stays on except
 * for root, where Chromium refuses to start with it.
 */
public final class ChromiumArguments {
  /** A host or IPv4/bracketed IPv6 literal, as a resolver rule may name it. */
  private static final Pattern RULE_HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}]");

  private ChromiumArguments() {}

  /**
   * @param headless whether to run without a window
   * @param extra arguments the user adds (a proxy, say), after Cask's own
   */
  public static List<String> base(boolean headless, List<String> extra) {
    List<String> args = new ArrayList<>();
    if (headless) {
      args.add("--headless=new");
    }
    args.addAll(List.of(
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-default-apps",
        "--disable-domain-reliability",
        "--disable-client-side-phishing-detection",
        "--disable-breakpad",
        "--disable-quic",
        "--disable-gpu",
        "--password-store=basic",
        "--force-webrtc-ip-handling-policy=disable_non_proxied_udp"));
    if (runsAsRoot()) {
      args.add("--no-sandbox"); // Chromium does not start as root with its sandbox
    }
    args.addAll(extra);
    return List.copyOf(args);
  }

  /**
   * A resolver rule that lets the browser reach only the given hosts, each at the address given for it (vetted before,
   * so the browser never resolves a name itself: no DNS rebinding); every other name and every other IP literal fails
   * to resolve. An IP literal host maps to itself.
   *
   * @param hosts host (lower case, no port) → the address to connect to
   */
  public static String onlyHosts(Map<String, String> hosts) {
    StringBuilder rules = new StringBuilder();
    hosts.forEach((host, address) -> {
      if (!RULE_HOST.matcher(host).matches() || !RULE_HOST.matcher(address).matches()) {
        throw new IllegalArgumentException("'" + host + "' → '" + address + "' cannot be written as a resolver rule");
      }
      String name = host.toLowerCase(Locale.ROOT);
      rules.append(name.equals(address) ? "EXCLUDE " + name : "MAP " + name + " " + address).append(", ");
    });
    rules.append("MAP * ~NOTFOUND");
    return "--host-resolver-rules=" + rules;
  }

  static boolean runsAsRoot() {
    return "root".equals(System.getProperty("user.name"));
  }
}
