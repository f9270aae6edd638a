package dev.ctxd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 8: ctx build connects beside its walk; an address the client refuses to use must still
 * give the one-line error it gave when the connect came first, not a wrapped exception.
 */
class BuildConnectErrorsTest {
  @TempDir Path temp;

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "tcp://192.0.2.1:2375|ERROR: refusing to send build contexts to tcp://192.0.2.1:2375 without TLS: a daemon on another host needs CTXD_TLS_VERIFY=1 and CTXD_CERT_PATH (ca.pem, cert.pem, key.pem), as docker does",
      "tcp://127.0.0.1:0|ERROR: port 0 names no daemon: tcp://127.0.0.1:0"})
  void addressTheClientRefuses_oneLineNamingIt(String host, String expected) throws Exception {
    Path dir = Files.createDirectories(temp.resolve("ctx"));
    Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\n");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "build", "--stream", "--progress=quiet", "--host", host, dir.toString());
    assertThat(err.toString().strip()).isEqualTo(expected);
    assertThat(exit).isEqualTo(1);
  }
}
