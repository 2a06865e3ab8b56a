package dev.cask.runtime.cli;

import dev.cask.runtime.CaskException;
import dev.cask.runtime.server.RuntimeCore;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar cask-runtime.jar}: the runtime's command line, parsed by picocli (a well-kept parser that gives
 * {@code --help} on every command, typed options and exit-code mapping). Errors are one short line on stderr; the
 * stack trace only with {@code --stacktrace}.
 */
@Command(
    name = "cask-runtime",
    mixinStandardHelpOptions = true,
    versionProvider = CaskCli.Version.class,
    description = "Serves the approved tools of a verified Cask toolpack over MCP, enforcing the policy on every call.",
    synopsisSubcommandLabel = "COMMAND",
    footer = {"", "Exit codes: 0 ok, 1 internal error, 2 usage, 3 invalid input or failed verification,",
        "4 cannot listen, 5 audit log broken, 6 not confirmed, 7 audit log not proven complete,",
        "9 something to repair (repair);",
        "evidence verify: 3 for a broken link, 8 when every link holds but no trust anchor vouches for its signers."})
public final class CaskCli implements java.util.concurrent.Callable<Integer> {
  private final CliContext context;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  CaskCli(CliContext context) {
    this.context = context;
  }

  /** The production entry point: the verified core ({@link VerifiedRuntimeCore}) and the process's streams. */
  public static void main(String[] args) {
    dev.cask.runtime.StartupTimings.mark("main");
    StartupWarmUp.startFor(args);
    System.exit(runProcess(args, new VerifiedRuntimeCore(System.getenv(), System.err)));
  }

  /**
   * Runs one command in this process and returns its exit code. {@code System.out} is pointed at stderr for the whole
   * run: stdout belongs to JSON-RPC (stdio mode) and to the command's own output (help, reports), both written
   * through an explicit stream, so no library can slip a line into the protocol.
   */
  public static int runProcess(String[] args, RuntimeCore core) {
    OutputStream stdout = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
    PrintStream stderr = System.err;
    System.setOut(stderr);
    return run(args, core, System.in, stdout, stderr, System.getenv());
  }

  /** Runs one command with the given streams and environment; returns its exit code. */
  public static int run(
      String[] args,
      RuntimeCore core,
      InputStream stdin,
      OutputStream stdout,
      PrintStream stderr,
      Map<String, String> env) {
    CliContext context = new CliContext(core, stdin, stdout, stderr, env);
    CommandLine cli = commandLine(context, args);
    boolean stacktrace = Arrays.asList(args).contains("--stacktrace");
    cli.setOut(new PrintWriter(new java.io.OutputStreamWriter(stdout, StandardCharsets.UTF_8), true));
    cli.setErr(new PrintWriter(stderr, true));
    cli.setParameterExceptionHandler(
        (e, argv) -> {
          stderr.println("cask-runtime: " + e.getMessage());
          stderr.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
          return ExitCodes.USAGE;
        });
    cli.setExecutionExceptionHandler((e, commandLine, parsed) -> report(e, stacktrace, stderr));
    int code = cli.execute(args);
    try {
      stdout.flush();
    } catch (java.io.IOException ignored) {
      // stdout closed by the client: nothing left to say there
    }
    return code;
  }

  static CommandLine commandLine(CliContext context) {
    return commandLine(context, new String[0]);
  }

  /**
   * The command tree. picocli builds each command's model by reflection, which is measurable in a stdio server's
   * start-up; when the first argument names a command, only that command is built (help and errors for it stay
   * complete; the full tree is built for anything else, e.g. {@code --help}).
   */
  static CommandLine commandLine(CliContext context, String[] args) {
    CommandLine cli = new CommandLine(new CaskCli(context));
    String first = args.length == 0 ? "" : args[0];
    boolean all = !List.of("serve", "confirm", "audit", "evidence", "train", "config", "review", "inspect", "repair").contains(first);
    if (all || first.equals("serve")) {
      cli.addSubcommand(new ServeCommand(context));
    }
    if (all || first.equals("repair")) {
      cli.addSubcommand(new RepairCommand(context));
    }
    if (all || first.equals("inspect")) {
      cli.addSubcommand(new InspectCommand(context));
    }
    if (all || first.equals("confirm")) {
      cli.addSubcommand(new ConfirmCommand(context));
    }
    if (all || first.equals("train")) {
      cli.addSubcommand(new TrainCommand(context));
    }
    if (all || first.equals("config")) {
      cli.addSubcommand(new ConfigCommand(context));
    }
    if (all || first.equals("review")) {
      cli.addSubcommand(new ReviewCommand(context));
    }
    if (all || first.equals("audit")) {
      cli.addSubcommand(new CommandLine(new AuditCommand()).addSubcommand(new AuditVerifyCommand(context)));
    }
    if (all || first.equals("evidence")) {
      cli.addSubcommand(new CommandLine(new EvidenceCommand()).addSubcommand(new EvidenceVerifyCommand(context)));
    }
    return cli;
  }

  static int report(Exception e, boolean stacktrace, PrintStream stderr) {
    int code;
    String message;
    if (e instanceof CliFailure failure) {
      code = failure.exitCode();
      message = failure.getMessage();
    } else if (e instanceof CaskException) {
      code = ExitCodes.INVALID_INPUT;
      message = e.getMessage();
    } else {
      code = ExitCodes.INTERNAL;
      message = "internal error (" + e + "); rerun with --stacktrace and report it";
    }
    stderr.println("cask-runtime: " + message);
    if (stacktrace) {
      e.printStackTrace(stderr);
    }
    stderr.flush();
    return code;
  }

  @Override
  public Integer call() {
    context.stderr().println("cask-runtime: a command is required: serve, inspect, repair, confirm, audit verify, evidence verify, config or review");
    spec.commandLine().usage(context.stderr());
    return ExitCodes.USAGE;
  }

  /** The version from the jar manifest ({@code Implementation-Version}). */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = CaskCli.class.getPackage().getImplementationVersion();
      return new String[] {"cask-runtime " + (version == null ? "(development build)" : version)};
    }
  }
}
