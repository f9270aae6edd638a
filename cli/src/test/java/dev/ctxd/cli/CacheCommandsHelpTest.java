package dev.ctxd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Issue 3: the cache commands' help renders (picocli formats descriptions; a bare % breaks them). */
class CacheCommandsHelpTest {
  private static String help(String... command) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new Main()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
    String[] args = new String[command.length + 1];
    System.arraycopy(command, 0, args, 0, command.length);
    args[command.length] = "--help";
    // picocli reports a description it cannot format on System.err, not on the command's writer.
    java.io.PrintStream realErr = System.err;
    java.io.ByteArrayOutputStream warnings = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(warnings, true));
    try {
      assertThat(cli.execute(args)).isZero();
    } finally {
      System.setErr(realErr);
    }
    assertThat(err.toString()).isEmpty();
    assertThat(warnings.toString()).isEmpty();
    return out.toString();
  }

  @Test
  void daemonHelp_statesTheGcDefaults() {
    String text = help("daemon").replaceAll("\\s+", " ");
    assertThat(text).contains("--[no-]gc").contains("(default: 10% of the disk, at most 10GB)")
        .contains("(default: 60% of the disk, at most 100GB; 0 = no limit)").contains("(default: 20% of the disk; 0 = no limit)");
  }

  @Test
  void pruneAndDfHelp_listDockersFlags() {
    assertThat(help("prune")).contains("-a, --all").contains("--filter=FILTER").contains("--keep-storage, --reserved-space=SIZE")
        .contains("--max-used-space=SIZE").contains("--min-free-space=SIZE").contains("-f, --force").contains("--verbose");
    assertThat(help("system", "df")).contains("-v, --verbose").contains("--format=table|json").contains("--root=DIR");
  }
}
