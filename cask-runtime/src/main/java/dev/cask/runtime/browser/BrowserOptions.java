package dev.cask.runtime.browser;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code serve --browser} and its options: WebMCP tools are called in a headless Chromium.
 *
 * @param chromium the browser executable ({@code --browser-binary}), or null to find it on the PATH
 * @param chromedriver the driver executable ({@code --chromedriver}), or null to find it on the PATH
 * @param session a storage-state or cookies file the browser starts with ({@code --browser-session}), or null
 * @param arguments more Chromium arguments ({@code --browser-arg}, repeatable)
 */
public record BrowserOptions(String chromium, String chromedriver, Path session, List<String> arguments) {
  public BrowserOptions {
    arguments = arguments == null ? List.of() : List.copyOf(arguments);
  }
}
