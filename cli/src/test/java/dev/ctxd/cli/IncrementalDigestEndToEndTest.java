package dev.ctxd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8: a commit derives its context digest and stored manifest from its base's encoding.
 * Through the real daemon and CLI, over a chain of edits of every kind and a daemon killed
 * and restarted midway (its base then read back from disk), each build reports exactly the
 * digest the CLI computes afresh and offline, and each committed version reads back whole.
 */
class IncrementalDigestEndToEndTest {
  @TempDir Path temp;
  private CtxHarness harness;

  @BeforeEach
  void setUp() throws Exception {
    harness = new CtxHarness(Files.createDirectories(temp.resolve("home")));
  }

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
  }

  @Test
  void successiveEdits_eachBuildReportsTheDigestOfItsTree_acrossADaemonCrash() throws Exception {
    Path dir = Files.createDirectories(temp.resolve("ctx"));
    for (int d = 0; d < 20; d++) {
      Path sub = Files.createDirectories(dir.resolve("d" + d));
      for (int f = 0; f < 10; f++) Files.writeString(sub.resolve("f" + f + ".c"), "int v" + d + "_" + f + ";\n");
    }
    Files.createSymbolicLink(dir.resolve("link"), Path.of("d3/f1.c"));
    Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\nCOPY . /\n");
    harness.startDaemon();
    List<String> digests = new ArrayList<>();
    digests.add(buildAndCheck(dir));
    List<Edit> edits = List.of(
        () -> Files.writeString(dir.resolve("d7/f3.c"), "int changed;\n"),
        () -> Files.setPosixFilePermissions(dir.resolve("d0/f0.c"), PosixFilePermissions.fromString("rwxr-xr-x")),
        () -> Files.delete(dir.resolve("d19/f9.c")),
        () -> Files.createDirectory(dir.resolve("d10/new-empty")),
        () -> {
          Files.delete(dir.resolve("link"));
          Files.createSymbolicLink(dir.resolve("link"), Path.of("d4/f2.c"));
        },
        () -> Files.writeString(dir.resolve("aaa-first.c"), "first in path order\n"),
        () -> {
          for (int f = 0; f < 10; f++) Files.delete(dir.resolve("d12/f" + f + ".c"));
          Files.delete(dir.resolve("d12"));
        },
        () -> Files.writeString(dir.resolve("d7/f3.c"), "int v7_3;\n"));
    Path metadata = temp.resolve("meta.json");
    for (int i = 0; i < edits.size(); i++) {
      edits.get(i).apply();
      // Crashes on either side of a commit; the next base is then read back from the store,
      // not derived in memory, and the next build commits what the crashed one did not.
      if (i == 2 || i == 5) {
        harness.killDaemon();
        harness.crashBuildAt(i == 2 ? "before-commit" : "after-commit", dir, metadata);
      }
      digests.add(buildAndCheck(dir));
    }
    assertThat(digests).as("every edit gives its own digest").doesNotHaveDuplicates();
    assertThat(harness.log()).containsPattern("committed version \\d+ of .* \\(\\d+ entries, \\d+ chunks received\\) in \\d+ ms");
  }

  /** A stream build of {@code dir}: its reported digest is the offline one, and its copy holds the tree. */
  private String buildAndCheck(Path dir) throws Exception {
    CtxHarness.Result offline = harness.ctx("context", "digest", dir.toString());
    assertThat(offline.exitCode()).as(offline.err()).isZero();
    String expected = offline.out().trim();
    assertThat(harness.streamBuildExact(dir, temp.resolve("meta.json")).at("/context/digest").asText()).isEqualTo(expected);
    return expected;
  }

  @FunctionalInterface
  private interface Edit {
    void apply() throws Exception;
  }
}
