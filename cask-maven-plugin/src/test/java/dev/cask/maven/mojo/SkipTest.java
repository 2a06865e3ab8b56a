package dev.cask.maven.mojo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.cask.maven.diff.OrdersExample;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code -Dcask.skip=true} skips a goal before it reads or writes anything. Each goal runs twice on the same real
 * project (an OpenAPI document under src/main/cask, parameters as Maven would set them): with the switch it only logs
 * that it skipped and writes nothing; without it, the same goal does its work, seen in what it writes or in the
 * specific problem it reports. So a goal that ignored the switch, or a test that could not tell the two runs apart,
 * fails here.
 */
class SkipTest {
  @TempDir Path project;

  /** A goal, how to configure it for the project, and what it visibly does when it runs. */
  record Goal(String name, Supplier<AbstractCaskMojo> create, Consumer<AbstractCaskMojo> configure,
      Consumer<Run> works) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** The outcome of one execution: the log's info lines, and the exception, if any. */
  record Run(Path project, List<String> infos, Throwable failure) {}

  static Stream<Arguments> goals() {
    return Stream.of(
        new Goal("capture-import", CaptureImportMojo::new, SkipTest::importing, run -> {
          assertThat(run.failure()).isNull();
          assertThat(run.project().resolve("target/cask/capture.json")).isRegularFile();
          assertThat(run.infos()).anyMatch(line -> line.startsWith("Imported 3 operations from 1 source(s)"));
        }),
        new Goal("compile", CompileMojo::new, mojo -> {
          importing(mojo);
          set(mojo, "toolpackName", "orders");
          set(mojo, "toolpackVersion", "1.0.0");
          set(mojo, "descriptionMaxLength", 1024);
          set(mojo, "policyFile", mojo.project.getBasedir().toPath().resolve("src/main/cask/policy.yaml").toFile());
          set(mojo, "toolsetsFile", mojo.project.getBasedir().toPath().resolve("src/main/cask/toolsets.yaml").toFile());
          set(mojo, "attach", false);
        }, run -> {
          assertThat(run.failure()).isNull();
          assertThat(run.project().resolve("target/cask/toolpack.yaml")).isRegularFile();
          assertThat(run.project().resolve("target/orders-1.0.0-toolpack.zip")).isRegularFile();
        }),
        new Goal("diff", DiffMojo::new, mojo -> {
          approvals(mojo);
          set(mojo, "failOn", CaskParameters.FAIL_ON_DEFAULT);
          set(mojo, "consoleRows", 25);
        }, run -> assertThat(run.failure()).isInstanceOf(MojoFailureException.class)
            .hasMessageStartingWith("target/cask: not found: there is no compiled toolpack to compare")),
        new Goal("drift", DriftMojo::new, mojo -> {
          importing(mojo);
          set(mojo, "driftInputs", List.of(mojo.project.getBasedir().toPath().resolve("src/main/cask/orders.yaml").toFile()));
          set(mojo, "lockfile", mojo.project.getBasedir().toPath().resolve("cask.lock.yaml").toFile());
          set(mojo, "signersFile", mojo.project.getBasedir().toPath().resolve("cask.signers.yaml").toFile());
          set(mojo, "failOn", CaskParameters.FAIL_ON_DEFAULT);
          set(mojo, "consoleRows", 25);
        }, run -> assertThat(run.failure()).isInstanceOf(MojoFailureException.class)
            .hasMessageContaining("target/cask").hasMessageContaining("no toolpack here")),
        new Goal("gate-check", GateCheckMojo::new, SkipTest::approvals,
            run -> assertThat(run.failure()).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("there is no signers file")),
        new Goal("verify", VerifyMojo::new, SkipTest::approvals,
            run -> assertThat(run.failure()).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("there is no signers file")))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goals")
  void caskSkipDoesNothingButSaySo(Goal goal) throws Exception {
    Run skipped = run(goal, true);
    assertThat(skipped.failure()).isNull();
    assertThat(skipped.infos()).containsExactly("Cask " + goal.name() + " skipped (cask.skip=true)");
    assertThat(project.resolve("target")).doesNotExist();

    Run worked = run(goal, false);
    assertThat(worked.infos()).doesNotContain("Cask " + goal.name() + " skipped (cask.skip=true)");
    goal.works().accept(worked);
  }

  private Run run(Goal goal, boolean skip) throws Exception {
    Path cask = Files.createDirectories(project.resolve("src/main/cask"));
    Path spec = cask.resolve("orders.yaml");
    if (!Files.exists(spec)) {
      Files.copy(OrdersExample.APPROVED.resolve("src/main/cask/orders.yaml"), spec);
    }
    AbstractCaskMojo mojo = goal.create().get();
    mojo.project = mavenProject(project);
    mojo.outputDirectory = project.resolve("target/cask").toFile();
    mojo.skip = skip;
    goal.configure().accept(mojo);
    Lines log = new Lines();
    mojo.setLog(log);
    Throwable failure = catchThrowable(mojo::execute);
    return new Run(project, log.infos, failure);
  }

  static MavenProject mavenProject(Path basedir) {
    Model model = new Model();
    model.setGroupId("dev.example");
    model.setArtifactId("orders");
    model.setVersion("1.0.0");
    Build build = new Build();
    build.setDirectory(basedir.resolve("target").toString());
    build.setFinalName("orders-1.0.0");
    model.setBuild(build);
    MavenProject project = new MavenProject(model);
    project.setFile(basedir.resolve("pom.xml").toFile());
    return project;
  }

  /** The import parameters with the defaults Maven would give them. */
  private static void importing(AbstractCaskMojo mojo) {
    AbstractImportingMojo importing = (AbstractImportingMojo) mojo;
    importing.inputs = List.of(mojo.project.getBasedir().toPath().resolve("src/main/cask").toFile());
    importing.maxInputBytes = 83_886_080L;
    set(importing, "plugin", TestPlugin.descriptor(mojo.project.getBasedir().toPath().resolve("plugin/cask-maven-plugin.jar")));
  }

  /** The toolpack's approval files, where Maven would default them. */
  private static void approvals(AbstractCaskMojo mojo) {
    AbstractToolpackMojo toolpackMojo = (AbstractToolpackMojo) mojo;
    toolpackMojo.lockfile = mojo.project.getBasedir().toPath().resolve("cask.lock.yaml").toFile();
    toolpackMojo.signersFile = mojo.project.getBasedir().toPath().resolve("cask.signers.yaml").toFile();
  }

  /** Sets a private parameter field, as Maven's configurator does. */
  static void set(Object mojo, String name, Object value) {
    for (Class<?> type = mojo.getClass(); type != null; type = type.getSuperclass()) {
      try {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        field.set(mojo, value);
        return;
      } catch (NoSuchFieldException e) {
        // declared further up
      } catch (IllegalAccessException e) {
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("no parameter field " + name + " in " + mojo.getClass());
  }

  /** A Maven log that keeps the info lines. */
  static final class Lines extends SystemStreamLog {
    final List<String> infos = new ArrayList<>();

    @Override
    public void info(CharSequence content) {
      infos.add(content.toString());
    }
  }
}
