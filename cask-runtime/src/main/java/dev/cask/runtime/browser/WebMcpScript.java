package dev.cask.runtime.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The one WebMCP observer script ({@code webmcp.js}), installed before a page's own scripts by {@code cask:mint} (to
 * discover the tools a page registers) and by {@code serve --browser} (to call one), and the snippets that talk to it.
 */
public final class WebMcpScript {
  /** The observer: defines {@code window.__caskWebMcp} with {@code list()}, {@code has(name)} and {@code call(name, args)}. */
  public static final String OBSERVER = load();

  /** A synchronous script returning every tool the page has registered (JSON-safe objects). */
  public static final String LIST = "return window.__caskWebMcp ? window.__caskWebMcp.list() : [];";

  /**
   * An asynchronous WebDriver script (arguments: tool name, arguments object, timeout ms, callback) that waits until the
   * page has registered the tool, calls it and answers {@code {ok: true, result}} or {@code {ok: false, error}}
   * ({@code error} is {@code missing} when the page never registered the tool).
   */
  public static final String CALL = String.join("\n",
      "const [name, args, waitMs, done] = arguments;",
      "const api = window.__caskWebMcp;",
      "if (!api) { done({ok: false, error: 'observer-missing'}); return; }",
      "const deadline = Date.now() + waitMs;",
      "const attempt = () => {",
      "  if (!api.has(name)) {",
      "    if (Date.now() > deadline) { done({ok: false, error: 'missing'}); return; }",
      "    setTimeout(attempt, 50); return;",
      "  }",
      "  api.call(name, args).then(",
      "    (result) => done({ok: true, result: result === undefined ? null : result}),",
      "    (e) => done({ok: false, error: 'threw', message: String((e && e.message) || e).slice(0, 2000)}));",
      "};",
      "attempt();");

  private WebMcpScript() {}

  private static String load() {
    try (InputStream in = WebMcpScript.class.getResourceAsStream("webmcp.js")) {
      if (in == null) {
        throw new IllegalStateException("webmcp.js is missing from the Cask jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
