package dev.ctxd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 6: docs/cli.md is exactly what the commands' {@code --help} says. When this fails
 * after a command or flag changed, regenerate: {@value CliReference#REGENERATE}.
 */
class CliReferenceTest {
  private static final Path REFERENCE = Path.of("..", "docs", "cli.md");

  @TempDir Path temp;

  private static String stale() {
    return "docs/cli.md disagrees with the commands' --help; regenerate it: " + CliReference.REGENERATE;
  }

  @Test
  void checkedInReference_isTheGeneratedOne() throws Exception {
    assertThat(Files.readString(REFERENCE)).as(stale()).isEqualTo(CliReference.markdown(new CommandLine(new Main())));
  }

  /** Every visible command's path from the root, e.g. [context, digest]. */
  private static void paths(CommandLine command, List<String> prefix, List<List<String>> out) {
    if (command.getCommandSpec().usageMessage().hidden()) return;
    out.add(prefix);
    for (CommandLine sub : command.getSubcommands().values()) {
      if (!sub.getCommandName().equals(sub.getCommandSpec().name())) continue;
      List<String> path = new ArrayList<>(prefix);
      path.add(sub.getCommandName());
      paths(sub, path, out);
    }
  }

  @Test
  void everyCommandsHelp_appearsVerbatimInTheReference() throws Exception {
    String reference = Files.readString(REFERENCE);
    List<List<String>> commands = new ArrayList<>();
    paths(new CommandLine(new Main()), List.of(), commands);
    assertThat(commands).contains(List.of("build"), List.of("context", "digest"), List.of("daemon"));
    for (List<String> path : commands) {
      StringWriter help = new StringWriter();
      List<String> args = new ArrayList<>(path);
      args.add("--help");
      // help is the one command without --help of its own; "help help" asks it about itself
      if (path.equals(List.of("help"))) args.set(1, "help");
      int exit = new CommandLine(new Main()).setOut(new PrintWriter(help)).execute(args.toArray(String[]::new));
      assertThat(exit).as("ctx %s", args).isZero();
      assertThat(reference).as("ctx %s: %s", String.join(" ", args), stale()).contains(help.toString());
    }
  }

  @Test
  void realProcessHelp_matchesTheReference() throws Exception {
    // Through the real launcher JVM: the reference is what a user's terminal shows.
    CtxHarness harness = new CtxHarness(Files.createDirectories(temp.resolve("home")));
    CtxHarness.Result r = harness.ctx("build", "--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).startsWith("Usage: ctx build ");
    assertThat(Files.readString(REFERENCE)).as(stale()).contains("## ctx build\n\n```text\n" + r.out() + "```\n");
  }
}
