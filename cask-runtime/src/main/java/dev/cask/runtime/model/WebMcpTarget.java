package dev.cask.runtime.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a WebMCP tool lives: the page (path on its origin) that registers it and the name the page registers it under.
 * A WebMCP operation's path is {@code <page>#<tool>} (the URL-fragment idiom: "the tool named X on page Y"), so its
 * identity is {@code WEBMCP host/<page>#<tool>} and moving the tool to another page is a new tool to approve.
 *
 * @param page the page's path, percent-encoded, starting with {@code /}, without query or fragment
 * @param tool the tool's name as the page registers it
 */
public record WebMcpTarget(String page, String tool) {
  /** Tool names a page may register that Cask accepts (letters, digits, {@code _ . -}; at most 128). */
  public static final Pattern TOOL_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

  private static final Pattern PAGE = Pattern.compile("/([A-Za-z0-9._~!$&'()*+,;=:@/-]|%[0-9A-Fa-f]{2}){0,2000}");

  public WebMcpTarget {
    Objects.requireNonNull(page, "page");
    Objects.requireNonNull(tool, "tool");
    if (!PAGE.matcher(page).matches()) {
      throw new IllegalArgumentException("WebMCP page '" + page + "' is not a percent-encoded path starting with '/'");
    }
    if (!TOOL_NAME.matcher(tool).matches()) {
      throw new IllegalArgumentException("WebMCP tool name '" + tool + "' is not 1 to 128 letters, digits, '_', '.' or '-'");
    }
  }

  /** The operation path: {@code <page>#<tool>}. */
  public String path() {
    return page + "#" + tool;
  }

  /** Reads an operation path written by {@link #path()}. */
  public static WebMcpTarget parse(String path) {
    int hash = path == null ? -1 : path.lastIndexOf('#');
    if (hash < 0) {
      throw new IllegalArgumentException("WebMCP operation path '" + path + "' is not written as <page>#<tool>");
    }
    return new WebMcpTarget(path.substring(0, hash), path.substring(hash + 1));
  }
}
