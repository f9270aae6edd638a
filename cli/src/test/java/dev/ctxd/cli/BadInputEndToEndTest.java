package dev.ctxd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 2: bad input gets one clear line and a non-zero exit, and leaves the daemon's cache as
 * it was (the next --stream build of a good context still sends nothing).
 */
class BadInputEndToEndTest {
  @TempDir Path temp;
  private CtxHarness harness;
  private Path good;

  @BeforeEach
  void setUp() throws Exception {
    harness = new CtxHarness(temp.resolve("home"));
    harness.startDaemon();
    good = temp.resolve("good");
    Files.createDirectories(good.resolve("src"));
    Files.writeString(good.resolve("Dockerfile"), "FROM scratch\nCOPY . /\n");
    Files.writeString(good.resolve("src/a.txt"), "a\n");
    assertThat(build(good).exitCode()).isZero();
  }

  @AfterEach
  void tearDown() throws Exception {
    assertCacheIntact();
    harness.close();
  }

  private CtxHarness.Result build(Path dir, String... extra) throws Exception {
    // quiet: these tests check the error alone; ProgressEndToEndTest checks the steps around it
    List<String> args = new java.util.ArrayList<>(List.of("build", "--stream", "--progress=quiet", "--host", harness.host()));
    args.addAll(List.of(extra));
    args.add(dir.toString());
    return harness.ctx(args.toArray(String[]::new));
  }

  private void assertCacheIntact() throws Exception {
    Path metadata = temp.resolve("after.json");
    CtxHarness.Result r = build(good, "--metadata-file", metadata.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode json = r.json(metadata);
    assertThat(json.at("/transfer/filesSent").asLong()).isZero();
    assertThat(json.at("/context/files").asLong()).isEqualTo(2);
  }

  private static void assertOneErrorLine(CtxHarness.Result r, String expected) {
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("ERROR: " + expected + "\n");
  }

  @Test
  void missingContextDirectory() throws Exception {
    Path missing = temp.resolve("no-such-dir");
    assertOneErrorLine(build(missing), "unable to prepare context: path \"" + missing + "\" not found");
  }

  @Test
  void contextIsAFile() throws Exception {
    Path file = temp.resolve("plain.txt");
    Files.writeString(file, "x");
    assertOneErrorLine(build(file), "unable to prepare context: context must be a directory: " + file);
  }

  @Test
  void missingDockerfile() throws Exception {
    Path dir = temp.resolve("no-dockerfile");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("a.txt"), "a");
    assertOneErrorLine(build(dir), "failed to read dockerfile: open Dockerfile: no such file or directory");
  }

  @Test
  void hostNobodyListensOn() throws Exception {
    Path socket = temp.resolve("nobody.sock");
    CtxHarness.Result r = harness.ctx("build", "--stream", "--progress=quiet", "--host", "unix://" + socket, good.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("ERROR: cannot connect to the ctxd daemon at unix://" + socket + ": no socket at " + socket
        + " (is the daemon running? start one with: ctx daemon --host unix://" + socket + ")\n");
    // df and prune say the same, not gRPC's bare "io exception"
    CtxHarness.Result df = harness.ctx("system", "df", "--host", "unix://" + socket);
    assertThat(df.exitCode()).isEqualTo(1);
    assertThat(df.err()).isEqualTo(r.err());
  }

  @Test
  void staleSocketNobodyListensOn() throws Exception {
    Path socket = temp.resolve("stale.sock");
    try (var server = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
      server.bind(java.net.UnixDomainSocketAddress.of(socket)); // closed without unlinking: what a killed daemon leaves
    }
    CtxHarness.Result r = harness.ctx("build", "--stream", "--progress=quiet", "--host", "unix://" + socket, good.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).startsWith("ERROR: cannot connect to the ctxd daemon at unix://" + socket + ": no daemon listens on " + socket + " (")
        .endsWith("; a daemon that died leaves its socket behind)\n");
    assertThat(r.err().lines().count()).isEqualTo(1);
  }

  @Test
  void unreadableFileInsideContext() throws Exception {
    Path dir = temp.resolve("unreadable");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\nCOPY . /\n"); // reads the whole context, secret.txt too
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "secret");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
    // root reads anything; drop the capabilities that let it, so the file is unreadable to ctx too
    List<String> prefix = "root".equals(System.getProperty("user.name"))
        ? List.of("setpriv", "--bounding-set", "-dac_override,-dac_read_search")
        : List.of();
    CtxHarness.Result r = harness.run(harness.environment(), prefix, "build", "--stream", "--progress=quiet", "--host", harness.host(), dir.toString());
    assertOneErrorLine(r, "permission denied: " + secret);
  }

  @Test
  void metadataFileUnderARegularFile_namesTheFlagAndTheFileInTheWay() throws Exception {
    Path plain = temp.resolve("plain.txt");
    Files.writeString(plain, "x");
    Path metadata = plain.resolve("m.json");
    CtxHarness.Result r = harness.ctx("build", "--stream", "--progress=quiet", "--host", harness.host(), "--metadata-file", metadata.toString(), good.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("ERROR: cannot write --metadata-file " + metadata + ": a file is in the way: " + plain + "\n");
  }
}
