package dev.ctxd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8, through the real CLI and daemon: a no-change build leaves the copy untouched, a
 * touch of every file rewrites none yet gives each its exact mtime, and a one-file edit writes
 * that file while every directory keeps the mtime the context has.
 */
class IncrementalCopyEndToEndTest {
  private static final int FILES = 400;
  @TempDir Path temp;
  private CtxHarness harness;
  private Path context;

  @BeforeEach
  void setUp() throws Exception {
    harness = new CtxHarness(temp.resolve("home"));
    harness.startDaemon();
    context = temp.resolve("project");
    Files.createDirectories(context.resolve("src/a"));
    Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY . /app\n");
    for (int i = 0; i < FILES; i++) Files.writeString(context.resolve((i % 2 == 0 ? "src/a/" : "src/") + "f" + i), "file " + i + "\n");
    Files.setPosixFilePermissions(context.resolve("src/f1"), java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-x---"));
  }

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
  }

  private Path build() throws Exception {
    return Path.of(buildMetadata().at("/context/materializedPath").asText());
  }

  private com.fasterxml.jackson.databind.JsonNode buildMetadata() throws Exception {
    Path metadata = temp.resolve("metadata.json");
    Files.deleteIfExists(metadata);
    CtxHarness.Result r = harness.ctx("build", "--stream", "--host", harness.host(), "--metadata-file", metadata.toString(), context.toString());
    assertThat(r.exitCode()).as("ctx build failed:\n%s\n%s\ndaemon log:\n%s", r.out(), r.err(), harness.log()).isZero();
    return r.json(metadata);
  }

  /** Path to "mtime-ns mode" (and, when asked, inode and ctime) of every entry below {@code root}. */
  private static TreeMap<String, String> attributes(Path root, boolean identity) throws Exception {
    TreeMap<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (p.equals(root)) continue;
        String a = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).to(TimeUnit.NANOSECONDS) + " "
            + Integer.toOctalString((Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777);
        if (identity) a += " " + Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS) + " " + Files.getAttribute(p, "unix:ctime", LinkOption.NOFOLLOW_LINKS);
        out.put(root.relativize(p).toString(), a);
      }
    }
    return out;
  }

  /** Gives every file, then every directory (deepest first), a distinct nanosecond mtime. */
  private void touchAll(long base) throws Exception {
    List<Path> all = new ArrayList<>();
    try (Stream<Path> s = Files.walk(context)) {
      s.filter(p -> !p.equals(context)).sorted(Comparator.comparing((Path p) -> Files.isDirectory(p)).thenComparing(Comparator.reverseOrder())).forEach(all::add);
    }
    long t = base;
    for (Path p : all) Files.setLastModifiedTime(p, FileTime.from(t += 1_001, TimeUnit.NANOSECONDS));
  }

  @Test
  void noChange_touchAll_andOneEdit_keepTheCopyExact_writingOnlyWhatChanged() throws Exception {
    touchAll(1_700_000_000_000_000_000L);
    Path copy = build();
    assertThat(attributes(copy, false)).isEqualTo(attributes(context, false));
    TreeMap<String, String> identity = attributes(copy, true);

    assertThat(build()).isEqualTo(copy);
    assertThat(attributes(copy, true)).as("a no-change build writes nothing, not even times").isEqualTo(identity);

    touchAll(1_700_000_100_000_000_000L);
    build();
    assertThat(attributes(copy, false)).as("every new mtime, to the nanosecond").isEqualTo(attributes(context, false));
    TreeMap<String, String> touched = attributes(copy, true);
    for (String path : identity.keySet()) {
      assertThat(touched.get(path).split(" ")[2]).as("inode of %s: not written again", path).isEqualTo(identity.get(path).split(" ")[2]);
    }

    FileTime dirTime = Files.getLastModifiedTime(context.resolve("src/a"));
    Files.writeString(context.resolve("src/a/f4"), "edited\n");
    Files.setLastModifiedTime(context.resolve("src/a"), dirTime); // the directory's own entry stays as it was
    build();
    assertThat(Files.readString(copy.resolve("src/a/f4"))).isEqualTo("edited\n");
    assertThat(Files.getLastModifiedTime(copy.resolve("src/a"))).as("mtime of the edited file's directory").isEqualTo(dirTime);
    assertThat(attributes(copy, false)).as("the edited file's directory keeps its mtime too").isEqualTo(attributes(context, false));
  }

  /** Path to content of every regular file below {@code root}. */
  private static TreeMap<String, String> contents(Path root) throws Exception {
    TreeMap<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) out.put(root.relativize(p).toString(), Files.readString(p));
      }
    }
    return out;
  }

  @Test
  void branchSwitch_sameBytesInNewInodesWithNewTimes_sendsNoContent_andEveryTimeComesOutExact() throws Exception {
    Path copy = build();
    TreeMap<String, String> before = attributes(copy, true);
    // A checkout of another branch with the same bytes: a fresh copy of the tree in place,
    // new inodes, new mtimes, the odd mode change.
    Path next = temp.resolve("project.next");
    try (Stream<Path> s = Files.walk(context)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path to = next.resolve(context.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(to);
        else Files.copy(p, to);
      }
    }
    Files.setPosixFilePermissions(next.resolve("src/f3"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    Path old = temp.resolve("project.old");
    Files.move(context, old);
    Files.move(next, context);
    touchAll(1_700_000_200_000_000_000L);
    Files.setLastModifiedTime(context.resolve("src/f5"), FileTime.from(1_600_000_000_123_456_789L, TimeUnit.NANOSECONDS));

    com.fasterxml.jackson.databind.JsonNode meta = buildMetadata();
    assertThat(meta.at("/transfer/contentBytes").asLong()).as("the daemon holds every byte already").isZero();
    assertThat(Path.of(meta.at("/context/materializedPath").asText())).isEqualTo(copy);
    assertThat(attributes(copy, false)).as("every mtime to the nanosecond, and every mode").isEqualTo(attributes(context, false));
    // Before anything reads the copy (a read moves an atime that is not after the mtime).
    java.nio.file.attribute.BasicFileAttributes f5 = Files.readAttributes(copy.resolve("src/f5"), java.nio.file.attribute.BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    assertThat(f5.lastAccessTime().to(TimeUnit.NANOSECONDS)).as("atime is set to the mtime, as BuildKit does").isEqualTo(1_600_000_000_123_456_789L);
    assertThat(contents(copy)).isEqualTo(contents(context));
    TreeMap<String, String> after = attributes(copy, true);
    for (String path : before.keySet()) {
      if (path.equals("src/f3")) continue; // its mode changed: written again, from the bytes the daemon holds
      assertThat(after.get(path).split(" ")[2]).as("inode of %s: only its times changed", path).isEqualTo(before.get(path).split(" ")[2]);
    }
  }
}
