package dev.ctxd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code ctx build} is parsed under a root that holds only the build command (a faster cold
 * start); what it prints and returns must be what the whole command tree gives.
 */
class BuildOnlyRootTest {
  private record Run(int exit, String out, String err) {}

  @ParameterizedTest
  @ValueSource(strings = {"build --help", "build -h", "build --version", "build", "build --bogus dir", "build a b",
      "build --stream /nonexistent-ctx-dir", "build -- /nonexistent-ctx-dir", "build /nonexistent-ctx-dir --stream",
      "build --progress plain --stream -- /nonexistent-ctx-dir", "build -H", "build --progress=bogus dir", "build --compress=fast dir"})
  void buildPrintsAndExitsAsUnderTheWholeTree(String args) {
    // each case prints to the given streams (usage, version, or an error line)
    Run whole = run(new Main(), args);
    Run fast = runMain(args);
    assertThat(fast).isEqualTo(whole);
    assertThat(whole.out() + whole.err()).isNotEmpty();
  }

  private static Run run(Object root, String args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.commandLine(root, new PrintWriter(out, true), new PrintWriter(err, true)).execute(args.split(" "));
    return new Run(exit, out.toString(), err.toString());
  }

  private static Run runMain(String args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args.split(" "));
    return new Run(exit, out.toString(), err.toString());
  }
}
