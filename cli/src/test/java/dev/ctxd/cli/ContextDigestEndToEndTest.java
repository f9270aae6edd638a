package dev.ctxd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6: {@code ctx context digest} through the real CLI, offline: independent of creation
 * order and mtimes, moved by every change a build could see, blind to ignored files, and
 * equal to the digest a {@code --stream} build through a real daemon reports.
 */
class ContextDigestEndToEndTest {
  @TempDir Path temp;
  private CtxHarness harness;

  /** The tree, one entry per line: "file PATH MODE TEXT", "dir PATH", "link PATH TARGET". */
  private static final List<String> TREE = List.of(
      "file Dockerfile 644 FROM scratch\nCOPY . /\n",
      "file .dockerignore 644 *.tmp\n",
      "dir src",
      "file src/main.c 644 int main(void) { return 0; }\n",
      "file run.sh 755 #!/bin/sh\nexec ./main\n",
      "dir empty",
      "dir src/include",
      "file src/include/a.h 600 #define A 1\n",
      "link current src/include",
      "file scratch.tmp 644 ignored\n");

  @BeforeEach
  void setUp() throws Exception {
    harness = new CtxHarness(Files.createDirectories(temp.resolve("home")));
  }

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
  }

  private static void make(Path root, List<String> entries, long mtimeSeconds) throws Exception {
    Files.createDirectories(root);
    for (String spec : entries) {
      String[] f = spec.split(" ", 4);
      Path p = root.resolve(f[1]);
      Files.createDirectories(p.getParent());
      switch (f[0]) {
        case "dir" -> Files.createDirectories(p);
        case "link" -> Files.createSymbolicLink(p, Path.of(f[2]));
        default -> {
          Files.writeString(p, f[3]);
          Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(rwx(f[2])));
        }
      }
    }
    // Files first, directories last (writing a file moves its directory's mtime).
    List<Path> all = new ArrayList<>();
    try (var walk = Files.walk(root)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(all::add);
    }
    for (Path p : all) if (!Files.isSymbolicLink(p)) Files.setLastModifiedTime(p, FileTime.from(java.time.Instant.ofEpochSecond(mtimeSeconds)));
  }

  private static String rwx(String octal) {
    StringBuilder s = new StringBuilder();
    for (char c : octal.toCharArray()) {
      int d = c - '0';
      s.append((d & 4) != 0 ? 'r' : '-').append((d & 2) != 0 ? 'w' : '-').append((d & 1) != 0 ? 'x' : '-');
    }
    return s.toString();
  }

  private String digest(Path dir) throws Exception {
    CtxHarness.Result r = harness.ctx("context", "digest", dir.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).matches("sha256:[0-9a-f]{64}\n");
    return r.out().trim();
  }

  @Test
  void digest_sameTreeAnyOrderAnyMtime_equal_everyVisibleChangeMovesIt_andBuildReportsIt() throws Exception {
    Path a = temp.resolve("a");
    Path b = temp.resolve("b");
    make(a, TREE, 1_000_000_000L);
    List<String> reversed = new ArrayList<>(TREE);
    java.util.Collections.reverse(reversed);
    make(b, reversed, 1_700_000_000L);
    String original = digest(a);
    assertThat(digest(b)).as("other creation order, other mtimes").isEqualTo(original);

    Map<String, String> changed = new LinkedHashMap<>();
    Files.writeString(b.resolve("src/main.c"), "int main(void) { return 1; }\n"); // one byte, same size
    changed.put("one byte", digest(b));
    Files.writeString(b.resolve("src/main.c"), "int main(void) { return 0; }\n");
    assertThat(digest(b)).as("edit undone").isEqualTo(original);

    Files.setPosixFilePermissions(b.resolve("src/main.c"), PosixFilePermissions.fromString("rw-rw-r--"));
    changed.put("one mode bit", digest(b));
    Files.setPosixFilePermissions(b.resolve("src/main.c"), PosixFilePermissions.fromString("rw-r--r--"));

    Files.delete(b.resolve("current"));
    Files.createSymbolicLink(b.resolve("current"), Path.of("src/includ"));
    changed.put("symlink target", digest(b));
    Files.delete(b.resolve("current"));
    Files.createSymbolicLink(b.resolve("current"), Path.of("src/include"));

    Files.createDirectory(b.resolve("src/new-empty"));
    changed.put("empty dir added", digest(b));
    Files.delete(b.resolve("src/new-empty"));

    Files.writeString(b.resolve("scratch.tmp"), "ignored, and edited\n");
    Files.writeString(b.resolve("more.tmp"), "ignored too\n");
    assertThat(digest(b)).as("only ignored files changed, and every change undone").isEqualTo(original);
    assertThat(changed).allSatisfy((what, d) -> assertThat(d).as(what).isNotEqualTo(original));
    assertThat(changed.values()).as("each change gives its own digest").doesNotHaveDuplicates();

    assertThat(harness.home.resolve("xdg-run/ctxd/ctxd.sock")).as("offline: no daemon was started").doesNotExist();
    assertThat(harness.home.resolve("data/ctxd/daemon")).doesNotExist();
    harness.startDaemon();
    Path digestFile = temp.resolve("out/digest.txt");
    CtxHarness.Result build = harness.ctx("build", "--stream", "--progress=quiet", "--host", harness.host(), "--digest-file", digestFile.toString(), a.toString());
    assertThat(build.exitCode()).as(build.err()).isZero();
    assertThat(Files.readString(digestFile)).isEqualTo(original + "\n");
    assertThat(build.out()).contains("| " + original + " |");
  }
}
