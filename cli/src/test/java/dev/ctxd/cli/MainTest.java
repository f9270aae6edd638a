package dev.ctxd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every command's help lists -V, --version: each prints what {@code ctx --version} prints. */
class MainTest {
  @ParameterizedTest
  @ValueSource(strings = {"--version", "build --version", "system df -V", "prune --version", "context ls --version", "daemon -V"})
  void version_isPrintedByEveryCommand(String args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args.split(" "));
    assertThat(exit).isZero();
    assertThat(out.toString()).isEqualTo("ctx version 0.1.0\n");
    assertThat(err.toString()).isEmpty();
  }
}
