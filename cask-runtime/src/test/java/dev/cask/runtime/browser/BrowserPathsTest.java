package dev.cask.runtime.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cask.runtime.CaskException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrowserPathsTest {
  @TempDir Path dir;

  private Path executable(Path directory, String name) throws Exception {
    Files.createDirectories(directory);
    return Files.createFile(directory.resolve(name), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
  }

  @Test
  void findsTheBrowserAndItsDriverOnThePathInTheOrderOfThePath() throws Exception {
    Path first = executable(dir.resolve("a"), "chromium-browser");
    executable(dir.resolve("b"), "chromium");
    Path driver = executable(dir.resolve("b"), "chromedriver");

    BrowserPaths paths = BrowserPaths.find(null, null, "-Dcask.browser", "-Dcask.chromedriver",
        dir.resolve("missing") + ":" + dir.resolve("a") + ":" + dir.resolve("b"));

    assertThat(paths.chromium()).isEqualTo(first);
    assertThat(paths.chromedriver()).isEqualTo(driver);
  }

  @Test
  void noBrowserIsAnErrorThatSaysHowToInstallOneAndNeverDownloads() throws Exception {
    executable(dir, "chromedriver");
    assertThatThrownBy(() -> BrowserPaths.find(null, null, "-Dcask.browser", "-Dcask.chromedriver", dir.toString()))
        .isInstanceOf(CaskException.class)
        .hasMessageContaining("-Dcask.browser: no Chromium found on the PATH")
        .hasMessageContaining("never downloads")
        .hasMessageContaining("apt-get install chromium chromium-driver");
    Path notExecutable = Files.writeString(dir.resolve("chromium"), "");
    assertThatThrownBy(() -> BrowserPaths.find(notExecutable.toString(), null, "--browser-binary", "--chromedriver", dir.toString()))
        .hasMessageContaining("--browser-binary: '" + notExecutable + "' is not an executable file");
  }
}
