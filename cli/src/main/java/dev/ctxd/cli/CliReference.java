package dev.ctxd.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ctx cli-reference} (hidden): prints docs/cli.md, every command's {@code --help}
 * text as picocli renders it, so the reference is generated from the same model as the help
 * and cannot drift from it (CliReferenceTest fails when the checked-in file is stale).
 */
@Command(name = "cli-reference", hidden = true, description = "Print the CLI reference (docs/cli.md) in Markdown.")
final class CliReference implements Callable<Integer> {
  static final String REGENERATE = "./ctx cli-reference > docs/cli.md";

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(markdown(spec.root().commandLine()));
    spec.commandLine().getOut().flush();
    return 0;
  }

  /** The reference for {@code root} and every visible command below it, depth first in declaration order. */
  static String markdown(CommandLine root) {
    StringBuilder md = new StringBuilder();
    md.append("# ctx command reference\n\n")
        .append("<!-- Generated from the commands' own --help; do not edit. Regenerate with: ").append(REGENERATE).append(" -->\n\n")
        .append("Generated from picocli's usage help, so it says exactly what `ctx <command> --help` says.\n")
        .append("Regenerate after changing a command or flag: `").append(REGENERATE).append("`.\n")
        .append("Exit codes: 0 success, 1 failure (the error is one line on stderr, starting `ERROR:`), 2 bad usage.\n");
    append(md, root);
    return md.toString();
  }

  private static void append(StringBuilder md, CommandLine command) {
    if (command.getCommandSpec().usageMessage().hidden()) return;
    md.append("\n## ").append(command.getCommandSpec().qualifiedName()).append("\n\n```text\n")
        .append(command.getUsageMessage(CommandLine.Help.Ansi.OFF)).append("```\n");
    for (CommandLine sub : command.getSubcommands().values()) {
      // Aliases map to the same CommandLine; list each command once, under its own name.
      if (sub.getCommandName().equals(sub.getCommandSpec().name())) append(md, sub);
    }
  }
}
