package dev.ctxd.sync.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctxd.core.Entry;
import dev.ctxd.core.EntryType;
import dev.ctxd.core.RelPath;
import dev.ctxd.ignore.ContextFilter;
import dev.ctxd.sync.hash.ContentHasher;
import dev.ctxd.sync.state.ClientState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stat cache's two traps (ctime and racy clean) and the walk's entry kinds, on real files. */
class ContextScannerTest {
  private static final long HOUR_NANOS = TimeUnit.HOURS.toNanos(1);

  @TempDir Path root;
  private ExecutorService hashers;
  private ContextScanner scanner;

  @BeforeEach
  void setUp() {
    hashers = Executors.newFixedThreadPool(2);
    scanner = new ContextScanner(hashers);
  }

  @AfterEach
  void tearDown() {
    hashers.shutdownNow();
  }

  private ContextScanner.Scan scan(ClientState previous) throws Exception {
    return scanner.scan(root, ContextFilter.of(List.of(), List.of()), previous, ScanListener.NONE);
  }

  /** The state a sync would save, written {@code writtenAtNanos} (epoch) after the scan. */
  private static ClientState stateOf(ContextScanner.Scan scan, long writtenAtNanos) {
    return new ClientState("daemon", 1, writtenAtNanos, scan.manifest(), scan.fileStats());
  }

  private static long nowNanos() {
    return System.currentTimeMillis() * 1_000_000L;
  }

  @Test
  void scan_unchangedFilesWithOldTimes_areNotReadAgain() throws Exception {
    Files.writeString(root.resolve("a.txt"), "alpha\n");
    Files.writeString(root.resolve("b.txt"), "beta\n");
    ContextScanner.Scan first = scan(ClientState.empty());
    assertThat(first.hashedFiles()).isEqualTo(2);
    assertThat(first.hashedBytes()).isEqualTo(11);

    // An hour later, nothing could have changed within the clock's granularity of the write.
    ContextScanner.Scan second = scan(stateOf(first, nowNanos() + HOUR_NANOS));
    assertThat(second.hashedFiles()).isZero();
    assertThat(second.manifest()).isEqualTo(first.manifest());
  }

  @Test
  void scan_nothingChanged_givesThePreviousManifestAndStatCacheThemselves() throws Exception {
    Files.createDirectories(root.resolve("d/e"));
    Files.writeString(root.resolve("d/e/a.txt"), "alpha\n");
    Files.createSymbolicLink(root.resolve("d/link"), Path.of("e/a.txt"));
    ClientState state = stateOf(scan(ClientState.empty()), nowNanos() + HOUR_NANOS);
    ContextScanner.Scan second = scan(state);
    // issue 8: no new manifest to sort, validate and compare when nothing moved
    assertThat(second.manifest()).isSameAs(state.manifest());
    assertThat(second.fileStats()).isSameAs(state.fileStats());
    assertThat(second.hashedFiles()).isZero();
  }

  @Test
  void scan_entriesAddedRemovedAndChangedAmongUnchangedOnes_matchesAFreshScan() throws Exception {
    for (String name : new String[] {"a.txt", "c.txt", "e/f.txt", "g.txt"}) {
      Files.createDirectories(root.resolve(name).getParent());
      Files.writeString(root.resolve(name), name);
    }
    Files.createSymbolicLink(root.resolve("l"), Path.of("a.txt"));
    Files.createSymbolicLink(root.resolve("l2"), Path.of("a.txt"));
    Files.createDirectories(root.resolve("d"));
    Files.createLink(root.resolve("h"), root.resolve("g.txt"));
    ClientState state = stateOf(scan(ClientState.empty()), nowNanos() + HOUR_NANOS);
    Files.delete(root.resolve("l"));
    Files.createSymbolicLink(root.resolve("l"), Path.of("g.txt"));       // retargeted
    Files.setPosixFilePermissions(root.resolve("d"), java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    Files.writeString(root.resolve("b.txt"), "new");          // between two old ones
    Files.delete(root.resolve("c.txt"));
    Files.writeString(root.resolve("e/f.txt"), "longer now"); // changed
    Files.createDirectories(root.resolve("e-f"));            // sorts after e/ but before g.txt
    Files.writeString(root.resolve("zz.txt"), "last");

    ContextScanner.Scan incremental = scan(state);
    ContextScanner.Scan fresh = scan(ClientState.empty());

    assertThat(incremental.manifest()).isEqualTo(fresh.manifest());
    assertThat(incremental.fileStats()).isEqualTo(fresh.fileStats());
    assertThat(incremental.hashedFiles()).as("b.txt, e/f.txt, zz.txt").isEqualTo(3);
    assertThat(incremental.manifest().get(new RelPath("a.txt"))).isSameAs(state.manifest().get(new RelPath("a.txt")));
  }

  @Test
  void scan_fileReplacedByADirectoryOfTheSameName_isNotTakenFromTheCache() throws Exception {
    Files.writeString(root.resolve("x"), "file");
    ClientState state = stateOf(scan(ClientState.empty()), nowNanos() + HOUR_NANOS);
    Files.delete(root.resolve("x"));
    Files.createDirectories(root.resolve("x/y"));
    ContextScanner.Scan second = scan(state);
    assertThat(second.manifest().entries()).extracting(e -> e.path() + " " + e.type()).containsExactly("x DIR", "x/y DIR");
    assertThat(second.fileStats()).isEmpty();
  }

  @Test
  void scan_fileTouchedJustBeforeTheStateWasWritten_isHashedAgain() throws Exception {
    Path file = root.resolve("racy.txt");
    Files.writeString(file, "same size A\n");
    ContextScanner.Scan first = scan(ClientState.empty());
    // git's racy clean: the state is written in the same instant the file was last changed,
    // so a second same-size change in that instant would leave every stat field as it was.
    ContextScanner.Scan second = scan(stateOf(first, nowNanos()));
    assertThat(second.hashedFiles()).isEqualTo(1);
  }

  @Test
  void scan_sameSizeEditWithMtimeSetBack_isSeenThroughCtime() throws Exception {
    Path file = root.resolve("app.txt");
    Files.writeString(file, "version one\n");
    FileTime oldMtime = FileTime.from(nowNanos() - 2 * HOUR_NANOS, TimeUnit.NANOSECONDS);
    Files.setLastModifiedTime(file, oldMtime);
    ContextScanner.Scan first = scan(ClientState.empty());
    // The state claims to be written an hour after the file's times, so only a stat change can force a rehash.
    ClientState state = stateOf(first, nowNanos() + HOUR_NANOS);
    byte[] edited = "version two\n".getBytes(StandardCharsets.UTF_8);
    Files.write(file, edited);
    Files.setLastModifiedTime(file, oldMtime); // `touch -t`: mtime back, ctime moves on

    ContextScanner.Scan second = scan(state);
    assertThat(second.hashedFiles()).isEqualTo(1);
    Entry entry = second.manifest().get(new RelPath("app.txt"));
    assertThat(entry.digest()).isEqualTo(new ContentHasher().hash(file, edited.length).digest());
    assertThat(entry.digest()).isNotEqualTo(first.manifest().get(new RelPath("app.txt")).digest());
  }

  @Test
  void scan_keepsLinksAsLinks_andLeavesSpecialFilesOutWithAWarning() throws Exception {
    Files.createDirectories(root.resolve("dir/empty"));
    Files.writeString(root.resolve("dir/real.sh"), "echo hi\n");
    Files.createLink(root.resolve("dir/zalias.sh"), root.resolve("dir/real.sh"));
    Files.createSymbolicLink(root.resolve("dangling"), Path.of("../../outside/nothing"));
    Process mkfifo = new ProcessBuilder("mkfifo", root.resolve("pipe").toString()).start();
    assertThat(mkfifo.waitFor()).isZero();
    List<String> skipped = new CopyOnWriteArrayList<>();
    ScanListener listener = new ScanListener() {
      @Override
      public void skippedSpecialFile(String relPath) {
        skipped.add(relPath);
      }
    };

    ContextScanner.Scan scan = scanner.scan(root, ContextFilter.of(List.of(), List.of()), ClientState.empty(), listener);

    assertThat(skipped).containsExactly("pipe");
    assertThat(scan.manifest().entries()).extracting(e -> e.path().toString() + " " + e.type() + " " + e.linkTarget())
        .containsExactly(
            "dangling SYMLINK ../../outside/nothing",
            "dir DIR ",
            "dir/empty DIR ",
            "dir/real.sh FILE ",
            "dir/zalias.sh HARDLINK dir/real.sh");
    assertThat(scan.manifest().get(new RelPath("dir/zalias.sh")).type()).isEqualTo(EntryType.HARDLINK);
    assertThat(scan.hashedFiles()).as("a hard link's content is hashed once").isEqualTo(1);
  }

  @Test
  void scan_fileNameThatIsNotUtf8_failsNamingTheFile() throws Exception {
    Files.writeString(root.resolve("good.txt"), "good\n");
    Process touch = new ProcessBuilder("sh", "-c", "touch \"$1\"\"$(printf '\\377')\"", "sh", root.resolve("bad").toString()).start();
    assertThat(touch.waitFor()).isZero();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> scan(ClientState.empty()))
        .isInstanceOf(java.io.IOException.class)
        .hasMessage("file name is not valid UTF-8, so it cannot be part of a build context: " + root.resolve("bad\uFFFD") + " (rename it)");
  }
}
