package dev.ctxd.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ctx system}: the daemon's housekeeping, as {@code docker system}. */
@Command(name = "system", mixinStandardHelpOptions = true, description = "Manage the daemon's cache.",
    subcommands = {DfCommand.class, CommandLine.HelpCommand.class})
final class SystemCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: try 'ctx system df'");
  }
}
