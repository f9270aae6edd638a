package dev.ctxd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A bad flag value is a usage error (exit 2) that names the flag and shows the command's usage
 * under its full name, whether picocli or the command itself refuses it: an error raised on a
 * CommandLine made afresh for the command printed "Usage: build" instead of "Usage: ctx build".
 */
class UsageErrorsTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "build --progress=bogus /nonexistent-ctx-dir|Invalid value for option '--progress': must be auto, tty, plain, quiet or rawjson, not 'bogus'|ctx build",
      "build --compress= /nonexistent-ctx-dir|Invalid value for option '--compress': must be auto, always or never, not ''|ctx build",
      "session --compress=AUTO /nonexistent-ctx-dir|Invalid value for option '--compress': must be auto, always or never, not 'AUTO'|ctx session",
      "daemon --idle-timeout=0s|--idle-timeout must be positive|ctx daemon",
      "daemon --metrics-addr=example.org:9464|--metrics-addr|ctx daemon",
  })
  void badValue_isAUsageErrorUnderTheFullCommandName(String args, String message, String command) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args.split(" "));
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains(message).contains("\nUsage: " + command + " ");
    assertThat(out.toString()).isEmpty();
  }
}
