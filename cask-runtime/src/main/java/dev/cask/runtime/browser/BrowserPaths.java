package dev.cask.runtime.browser;

import dev.cask.runtime.CaskException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The Chromium and ChromeDriver a browser session runs: given by path, else found on the {@code PATH}. Cask never
 * downloads a browser or a driver; when none is found the error says how to install one (Debian's {@code chromium} and
 * {@code chromium-driver} packages ship the two from one source, so their versions always match).
 *
 * @param chromium the browser executable
 * @param chromedriver the WebDriver server for it
 */
public record BrowserPaths(Path chromium, Path chromedriver) {
  static final List<String> CHROMIUM_NAMES =
      List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome");
  static final List<String> DRIVER_NAMES = List.of("chromedriver");
  private static final String INSTALL =
      "install Chromium and its driver (Debian/Ubuntu: apt-get install chromium chromium-driver; Fedora: dnf install"
          + " chromium chromedriver; macOS: brew install --cask chromium chromedriver), or give the path with ";

  public BrowserPaths {
    Objects.requireNonNull(chromium, "chromium");
    Objects.requireNonNull(chromedriver, "chromedriver");
  }

  /**
   * Finds the browser and its driver.
   *
   * @param chromium the configured browser path, or null to search the {@code PATH}
   * @param chromedriver the configured driver path, or null to search the {@code PATH}
   * @param chromiumSetting how the user sets the browser ({@code -Dcask.browser}), for messages
   * @param driverSetting how the user sets the driver ({@code -Dcask.chromedriver}), for messages
   * @throws CaskException naming the setting and how to install what is missing
   */
  public static BrowserPaths find(String chromium, String chromedriver, String chromiumSetting, String driverSetting) {
    return find(chromium, chromedriver, chromiumSetting, driverSetting, System.getenv("PATH"));
  }

  static BrowserPaths find(String chromium, String chromedriver, String chromiumSetting, String driverSetting, String path) {
    Path browser = resolve(chromium, CHROMIUM_NAMES, chromiumSetting, "Chromium", path);
    Path driver = resolve(chromedriver, DRIVER_NAMES, driverSetting, "ChromeDriver", path);
    return new BrowserPaths(browser, driver);
  }

  private static Path resolve(String configured, List<String> names, String setting, String what, String searchPath) {
    if (configured != null && !configured.isBlank()) {
      Path file = Path.of(configured.trim());
      if (!Files.isRegularFile(file) || !Files.isExecutable(file)) {
        throw new CaskException(setting, null, "'" + configured + "' is not an executable file",
            INSTALL + setting + "=/path/to/" + names.get(0));
      }
      return file;
    }
    for (String directory : (searchPath == null ? "" : searchPath).split(File.pathSeparator)) {
      if (directory.isEmpty()) {
        continue;
      }
      for (String name : names) {
        Path candidate = Path.of(directory, name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    throw new CaskException(setting, null, "no " + what + " found on the PATH (looked for " + String.join(", ", names)
        + "); Cask never downloads one", INSTALL + setting + "=/path/to/" + names.get(0));
  }
}
