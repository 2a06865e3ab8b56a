package dev.cask.maven.init;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.cask.maven.gate.GateSettings;
import dev.cask.maven.gate.Keygen;
import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.json.CanonicalJson;
import dev.cask.runtime.json.CaskFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code cask:init}: sets a project up for Cask. It adds the plugin to the pom (or writes a pom where there is none),
 * creates {@code src/main/cask/} with a short README, takes a first input ({@code cask.from}: a file, or an https URL),
 * makes the signer key and the signers file on request ({@link Keygen}, the one key-making code), and ends with the
 * next command. Without {@code write} it only says what it would do. Running it twice changes nothing.
 */
public final class ProjectInit {
  static final String README = Resources.text("README.md");

  /**
   * @param project the project directory
   * @param write write the files (else only say what would be done)
   * @param from a file or https URL to take as the first input, or null
   * @param maxInputBytes the largest input accepted
   * @param bootstrapSigners make a signing key and the signers file with it (only when there is none)
   * @param signerId the new signer's id
   * @param signerName the signer's display name, or null
   * @param keyDirectory where the key goes (never inside the project)
   * @param plugin this plugin's coordinates, for the pom
   */
  public record Settings(
      Path project, boolean write, String from, long maxInputBytes, boolean bootstrapSigners, String signerId,
      String signerName, Path keyDirectory, PomSetup.Plugin plugin) {
    public Settings {
      Objects.requireNonNull(project, "project");
      Objects.requireNonNull(plugin, "plugin");
      from = from == null || from.isBlank() ? null : from.trim();
    }
  }

  private final Clock clock;
  private final BuildLog log;
  private final Supplier<char[]> newPassphrase;
  private final InputSource inputs;

  public ProjectInit(Clock clock, BuildLog log, Supplier<char[]> newPassphrase, InputSource inputs) {
    this.clock = clock;
    this.log = log;
    this.newPassphrase = newPassphrase;
    this.inputs = inputs;
  }

  /** Runs it; returns the next command to type. */
  public String run(Settings settings) {
    Path project = settings.project().toAbsolutePath().normalize();
    List<String> done = new ArrayList<>();
    String verb = settings.write() ? "" : "would ";

    Path pomFile = project.resolve("pom.xml");
    Optional<String> existingPom = read(pomFile);
    Optional<String> pom = existingPom.isPresent()
        ? PomSetup.withPlugin(existingPom.get(), settings.plugin(), "pom.xml")
        : Optional.of(PomSetup.newPom(project.getFileName() == null ? "tools" : project.getFileName().toString(), settings.plugin()));
    if (pom.isPresent()) {
      log.info("cask:init " + verb + (existingPom.isPresent() ? "add the Cask plugin to pom.xml:" : "create pom.xml:"));
      changes(existingPom.orElse(""), pom.get()).forEach(log::info);
      done.add(existingPom.isPresent() ? "pom.xml: plugin added" : "pom.xml: created");
    } else {
      log.info("cask:init: pom.xml already has the Cask plugin; unchanged");
    }

    Path casks = project.resolve("src/main/cask");
    Path readme = casks.resolve("README.md");
    boolean newReadme = !Files.exists(readme);
    if (newReadme) {
      log.info("cask:init " + verb + "create src/main/cask/README.md (what goes into src/main/cask)");
    }

    InputSource.Input input = null;
    Path inputFile = null;
    if (settings.from() != null) {
      input = inputs.read(settings.from(), project);
      inputFile = casks.resolve(input.fileName());
      Optional<byte[]> present = readBytes(inputFile);
      if (present.isPresent() && Arrays.equals(present.get(), input.bytes())) {
        log.info("cask:init: src/main/cask/" + input.fileName() + " is already this " + input.kind() + "; unchanged");
        input = null;
      } else if (present.isPresent()) {
        throw new CaskException("src/main/cask/" + input.fileName(), null, "already exists with other content",
            "remove or rename it first if " + settings.from() + " should replace it");
      } else {
        log.info("cask:init " + verb + "store " + input.kind() + " from " + input.origin() + " as src/main/cask/"
            + input.fileName() + " (" + input.bytes().length + " bytes, sha256:" + CanonicalJson.sha256Hex(input.bytes()) + ")");
      }
    }

    GateSettings gate = GateSettings.of(project);
    boolean signersExist = Files.exists(gate.signers());
    boolean makeKey = settings.bootstrapSigners() && !signersExist;
    if (settings.bootstrapSigners() && signersExist) {
      log.info("cask:init: cask.signers.yaml exists; no key made (a new signer is added with mvn cask:keygen)");
    } else if (makeKey) {
      log.info("cask:init " + verb + "make the signing key " + settings.signerId() + " in " + settings.keyDirectory()
          + " and cask.signers.yaml with it as first signer (version 1 of the signers chain, kept in"
          + " cask.signers.history.yaml)");
    }

    if (settings.write()) {
      pom.ifPresent(text -> CaskFiles.writeAtomically(project, Map.of("pom.xml", text.getBytes(StandardCharsets.UTF_8))));
      if (newReadme) {
        CaskFiles.writeAtomically(casks, Map.of("README.md", README.getBytes(StandardCharsets.UTF_8)));
      }
      if (input != null) {
        CaskFiles.writeAtomically(casks, Map.of(inputFile.getFileName().toString(), input.bytes()));
      }
      if (makeKey) {
        new Keygen(clock, log).run(gate, settings.keyDirectory(), settings.signerId(), settings.signerName(), null,
            newPassphrase.get(), true);
        signersExist = true;
      }
    } else {
      signersExist = signersExist || makeKey;
      log.info("cask:init: nothing written; run again with -Dcask.write=true to do this");
    }
    String next = next(casks, input != null || settings.from() != null, signersExist);
    log.info("Next: " + next);
    return next;
  }

  private static String next(Path casks, boolean hasInput, boolean signersExist) {
    boolean inputs = hasInput || listsInputs(casks);
    if (!inputs) {
      return "put the API's OpenAPI document, HAR recordings or OTLP/JSON traces in src/main/cask/"
          + " (or run cask:init again with -Dcask.from=FILE or an https:// URL), then mvn verify";
    }
    if (!signersExist) {
      return "mvn cask:keygen -Dcask.bootstrapSigners=true (your signing key, cask.signers.yaml and its history), then"
          + " mvn verify";
    }
    return "mvn verify (it compiles the tools; the gate fails until each has a signed decision: mvn cask:review)";
  }

  private static boolean listsInputs(Path casks) {
    try (var files = Files.walk(casks)) {
      return files.filter(Files::isRegularFile).anyMatch(f -> !f.getFileName().toString().equals("README.md"));
    } catch (IOException e) {
      return false;
    }
  }

  /** The change as a unified diff (the whole file when it is new). */
  private static List<String> changes(String before, String after) {
    List<String> old = before.lines().toList();
    List<String> now = after.lines().toList();
    return UnifiedDiffUtils.generateUnifiedDiff("pom.xml", "pom.xml", old, DiffUtils.diff(old, now), 2);
  }

  private static Optional<String> read(Path file) {
    return readBytes(file).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
  }

  private static Optional<byte[]> readBytes(Path file) {
    try {
      return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
    } catch (IOException e) {
      throw new CaskException(file.toString(), null, "cannot be read: " + e.getMessage(), "check its permissions");
    }
  }
}
