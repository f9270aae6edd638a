package dev.ctxd.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ctx} command line. */
@Command(
    name = "ctx",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Streams Docker build contexts incrementally to a ctxd daemon.",
    subcommands = {BuildCommand.class, ContextCommand.class, DaemonCommand.class, SessionCommand.class, SystemCommand.class, PruneCommand.class,
        CommandLine.HelpCommand.class, CliReference.class})
public final class Main {
  public static void main(String[] args) {
    // The daemon logs each session event; the client stays quiet unless something is wrong.
    boolean daemon = args.length > 0 && args[0].equals("daemon");
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", daemon ? "info" : "warn");
    System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
    System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    // gRPC asks every channel for SO_KEEPALIVE, which unix sockets lack; harmless, so unsaid.
    System.setProperty("org.slf4j.simpleLogger.log.io.netty.bootstrap", "error");
    System.exit(run(args));
  }

  static int run(String... args) {
    return run(new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
  }

  /** Runs in-process with the given streams (tests). */
  static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
    return commandLine(args.length > 0 && args[0].equals("build") ? new BuildOnly() : new Main(), out, err).execute(args);
  }

  /** The command tree under {@code root}, printing to the given streams. */
  static CommandLine commandLine(Object root, java.io.PrintWriter out, java.io.PrintWriter err) {
    CommandLine cli = new CommandLine(root);
    giveEveryCommandTheVersion(cli);
    cli.setOut(out).setErr(err);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println("ERROR: " + Errors.describe(e));
      return 1;
    });
    return cli;
  }

  /** Every subcommand's help lists -V (the standard help mixin); it should print what ctx -V does. */
  private static void giveEveryCommandTheVersion(CommandLine command) {
    for (CommandLine sub : command.getSubcommands().values()) {
      if (sub.getCommandSpec().version().length == 0) sub.getCommandSpec().versionProvider(new Version());
      giveEveryCommandTheVersion(sub);
    }
  }

  /**
   * The root for {@code ctx build}, the command a dev loop runs: picocli reads every
   * subcommand's annotations up front, ≈50 ms of a cold start, and a build needs one of them.
   * Parsing, help and errors of {@code ctx build} are the same as under {@link Main}.
   */
  @Command(name = "ctx", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, subcommands = BuildCommand.class)
  static final class BuildOnly {}

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"ctx version 0.1.0"};
    }
  }
}
