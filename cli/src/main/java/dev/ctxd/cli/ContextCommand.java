package dev.ctxd.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ctx context}: commands about a build context itself, without a build. */
@Command(name = "context", mixinStandardHelpOptions = true, description = "Inspect a build context.",
    subcommands = {ContextDigestCommand.class, ContextLsCommand.class, CommandLine.HelpCommand.class})
final class ContextCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: try 'ctx context ls DIR' or 'ctx context digest DIR'");
  }
}
