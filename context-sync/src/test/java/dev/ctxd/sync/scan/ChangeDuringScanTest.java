package dev.ctxd.sync.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctxd.core.Entry;
import dev.ctxd.core.RelPath;
import dev.ctxd.ignore.Child;
import dev.ctxd.ignore.ContextFilter;
import dev.ctxd.ignore.DirectoryLister;
import dev.ctxd.sync.hash.ContentHasher;
import dev.ctxd.sync.state.ClientState;
import dev.ctxd.sync.walk.FileStat;
import dev.ctxd.sync.walk.TreeWalker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the one-read hash path (issue 8): a touch of every file rehashes every file and gives
 * what a fresh scan gives, and a file that changes between its stat and its read is read again
 * with what it holds then, never sent torn.
 */
class ChangeDuringScanTest {
  private static final int DIRS = 20;
  private static final int FILES_PER_DIR = 30;

  @TempDir Path root;
  private ContextFilter all;
  private ExecutorService hashers;
  private ContextScanner scanner;

  @BeforeEach
  void setUp() throws Exception {
    hashers = Executors.newFixedThreadPool(2);
    scanner = new ContextScanner(hashers);
    all = ContextFilter.of(List.of(), List.of());
    for (int d = 0; d < DIRS; d++) {
      Path dir = Files.createDirectories(root.resolve("d" + d));
      for (int f = 0; f < FILES_PER_DIR; f++) Files.writeString(dir.resolve("f" + f + ".c"), "file " + d + "/" + f + "\n");
    }
  }

  @AfterEach
  void tearDown() {
    hashers.shutdownNow();
  }

  /** The state a sync would save, trusted for every file (written an hour after now). */
  private ClientState firstState() throws Exception {
    ContextScanner.Scan first = scanner.scan(root, all, ClientState.empty(), ScanListener.NONE);
    long inAnHour = (System.currentTimeMillis() + TimeUnit.HOURS.toMillis(1)) * 1_000_000L;
    return new ClientState("daemon", 1, inAnHour, first.manifest(), first.fileStats());
  }

  /** Moves every file's mtime in the first {@code dirs} directories a minute back: same bytes, new stat. */
  private void touchEveryFileIn(int dirs) throws Exception {
    FileTime t = FileTime.fromMillis(System.currentTimeMillis() - 60_000);
    for (int d = 0; d < dirs; d++) {
      for (int f = 0; f < FILES_PER_DIR; f++) Files.setLastModifiedTime(root.resolve("d" + d + "/f" + f + ".c"), t);
    }
  }

  @Test
  void scan_touchAll_rehashesEveryFile_andMatchesAFreshScan() throws Exception {
    ClientState state = firstState();
    touchEveryFileIn(DIRS);
    ContextScanner.Scan touched = scanner.scan(root, all, state, ScanListener.NONE);
    ContextScanner.Scan fresh = scanner.scan(root, all, ClientState.empty(), ScanListener.NONE);
    assertThat(touched.manifest()).isEqualTo(fresh.manifest());
    assertThat(touched.fileStats()).isEqualTo(fresh.fileStats());
    assertThat(touched.hashedFiles()).isEqualTo(DIRS * FILES_PER_DIR);
  }

  @Test
  void scan_touchOfHalfTheFiles_rehashesOnlyThose() throws Exception {
    ClientState state = firstState();
    touchEveryFileIn(DIRS / 2);
    ContextScanner.Scan touched = scanner.scan(root, all, state, ScanListener.NONE);
    assertThat(touched.manifest()).isEqualTo(scanner.scan(root, all, ClientState.empty(), ScanListener.NONE).manifest());
    assertThat(touched.hashedFiles()).isEqualTo(DIRS / 2 * FILES_PER_DIR);
    RelPath untouched = new RelPath("d" + (DIRS - 1) + "/f0.c");
    assertThat(touched.manifest().get(untouched)).isSameAs(state.manifest().get(untouched));
  }

  @Test
  void scan_fileThatGrewBetweenItsStatAndItsRead_isReadAgainWithWhatItHoldsNow() throws Exception {
    ClientState state = firstState();
    Path grown = root.resolve("d3/f7.c");
    touchEveryFileIn(DIRS);
    DirectoryLister<FileStat> disk = TreeWalker.diskLister(root);
    DirectoryLister<FileStat> lister = dir -> {
      List<Child<FileStat>> children = disk.list(dir);
      if (dir.equals("d3")) Files.writeString(grown, "appended\n", StandardOpenOption.APPEND); // after its stat
      return children;
    };
    ContextScanner.Scan scan = scanner.scan(root, lister, all, state, ScanListener.NONE);
    byte[] now = Files.readAllBytes(grown);
    assertThat(new String(now, StandardCharsets.UTF_8)).isEqualTo("file 3/7\nappended\n");
    Entry entry = scan.manifest().get(new RelPath("d3/f7.c"));
    assertThat(entry.size()).isEqualTo(now.length);
    assertThat(entry.digest()).isEqualTo(ContentHasher.chunkDigest(now, 0, now.length));
  }
}
