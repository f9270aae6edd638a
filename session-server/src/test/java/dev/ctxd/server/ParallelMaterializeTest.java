package dev.ctxd.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ctxd.cache.CacheStore;
import dev.ctxd.core.Chunking;
import dev.ctxd.core.Digest;
import dev.ctxd.core.Entry;
import dev.ctxd.core.Manifest;
import dev.ctxd.core.RelPath;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8: the materializer writes files on several threads ({@link ParallelWrites}); the copy
 * is still exact (bytes, modes, times, hard links, read-only directories) and a failed write
 * fails the build without marking the copy complete.
 */
class ParallelMaterializeTest {
  private static final String KEY = "host:/big";
  private static final long MTIME = 1_650_000_000_123_456_789L;
  @TempDir Path temp;
  private CacheStore store;
  private Materializer materializer;
  private final Map<RelPath, byte[]> contents = new HashMap<>();

  @BeforeEach
  void setUp() throws Exception {
    store = CacheStore.open(temp.resolve("state/cache"));
    materializer = new Materializer(temp.resolve("state/contexts"), store);
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  @Test
  void manyFiles_areWrittenExactly() throws Exception {
    Random random = new Random(8);
    List<Entry> entries = new ArrayList<>();
    // 0666 and 0777 are cut by a usual umask, setuid/setgid bits cannot be created: a fresh copy must chmod those.
    int[] modes = {0644, 0755, 0600, 0444, 0666, 04755, 02750, 0777};
    for (int d = 0; d < 8; d++) {
      String dir = "d" + d;
      entries.add(Entry.dir(RelPath.of(dir), d == 3 ? 0555 : 0755, MTIME + d, 0, 0));
      for (int f = 0; f < 50; f++) {
        byte[] c = new byte[random.nextInt(20_000)];
        random.nextBytes(c);
        entries.add(stored(dir + "/f" + String.format("%02d", f), c, modes[f % modes.length], MTIME + f));
      }
    }
    byte[] big = new byte[2 * Chunking.CHUNK_SIZE + 12345];
    random.nextBytes(big);
    entries.add(stored("e-big.bin", big, 0644, MTIME));
    entries.add(Entry.hardlink(RelPath.of("z-link"), RelPath.of("e-big.bin"), 0644, MTIME, 0, 0));
    entries.add(stored("z-same", contents.get(RelPath.of("d0/f00")), 0644, MTIME)); // shares a chunk
    Manifest m = Manifest.of(entries);
    long version = store.commit(KEY, m);

    Path tree = materializer.materialize(KEY, version, m, false).directory();

    for (Entry e : entries) {
      Path p = tree.resolve(e.path().value());
      assertThat(Integer.toOctalString((Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777))
          .as(e.path().value()).isEqualTo(Integer.toOctalString(e.mode()));
      assertThat(Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).to(TimeUnit.NANOSECONDS)).as(e.path().value()).isEqualTo(e.mtimeNanos());
      if (contents.containsKey(e.path())) assertThat(Files.readAllBytes(p)).as(e.path().value()).isEqualTo(contents.get(e.path()));
    }
    assertThat(Files.isSameFile(tree.resolve("z-link"), tree.resolve("e-big.bin"))).isTrue();
    try (var files = Files.walk(tree)) {
      assertThat(files.filter(p -> p.getFileName().toString().startsWith(TreeFileWriter.TEMP_PREFIX))).isEmpty();
    }
  }

  @Test
  void corruptChunk_failsTheBuildNamingTheFile_andTheCopyIsNotMarkedComplete() throws Exception {
    List<Entry> entries = new ArrayList<>();
    for (int f = 0; f < 100; f++) entries.add(stored("f" + String.format("%03d", f), ("file " + f + "\n").getBytes(), 0644, MTIME));
    byte[] wanted = "wanted content\n".getBytes();
    byte[] other = "other  content\n".getBytes(); // same length, other bytes
    Digest d = Content.digest(wanted);
    store.putChunk(d, other, 0, other.length); // damage: bytes that do not hash to their key
    entries.add(Entry.file(RelPath.of("g-corrupt"), 0644, wanted.length, MTIME, 0, 0, d, List.of()));
    Manifest m = Manifest.of(entries);
    long version = store.commit(KEY, m);

    assertThatThrownBy(() -> materializer.materialize(KEY, version, m, false))
        .hasMessageContaining("chunk " + d + " of g-corrupt is corrupt in the cache");
    Path home = materializer.directoryOf(KEY);
    assertThat(home.resolve("materialized.version")).doesNotExist();
    // a fresh copy writes files under their own names: the failed one is removed, not left half-written
    assertThat(home.resolve("tree/g-corrupt")).doesNotExist();
  }

  private Entry stored(String path, byte[] content, int mode, long mtime) throws Exception {
    contents.put(RelPath.of(path), content);
    int n = Chunking.chunkCount(content.length);
    if (n == 1) {
      Digest d = Content.digest(content);
      store.putChunk(d, content, 0, content.length);
      return Entry.file(RelPath.of(path), mode, content.length, mtime, 0, 0, d, List.of());
    }
    List<Digest> chunks = new ArrayList<>();
    ByteBuffer digests = ByteBuffer.allocate(8 * n);
    for (int i = 0; i < n; i++) {
      byte[] c = Arrays.copyOfRange(content, i * Chunking.CHUNK_SIZE, i * Chunking.CHUNK_SIZE + Chunking.chunkLength(content.length, i));
      Digest d = Content.digest(c);
      store.putChunk(d, c, 0, c.length);
      chunks.add(d);
      digests.putLong(d.value());
    }
    return Entry.file(RelPath.of(path), mode, content.length, mtime, 0, 0, Content.digest(digests.array()), chunks);
  }
}
