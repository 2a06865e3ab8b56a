package dev.cask.maven.incremental;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import dev.cask.runtime.json.CanonicalJson;

/**
 * The digest of plugin code: a jar's SHA-256, or for a classes directory (a build inside the IDE or the reactor) the
 * SHA-256 over each file's relative path and digest, in sorted order.
 */
final class CodeDigests {
  private CodeDigests() {}

  static String of(Path code) {
    if (!Files.isDirectory(code)) {
      return FileDigests.of(code);
    }
    try (Stream<Path> walk = Files.walk(code)) {
      List<Path> files = walk.filter(Files::isRegularFile).sorted().toList();
      StringBuilder listing = new StringBuilder();
      for (Path file : files) {
        listing.append(code.relativize(file).toString().replace('\\', '/')).append('\t')
            .append(FileDigests.of(file)).append('\n');
      }
      return CanonicalJson.sha256Hex(listing.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the plugin's classes in " + code, e);
    }
  }
}
