package dev.ctxd.cache;

import static dev.ctxd.cache.TestManifests.bytes;
import static dev.ctxd.cache.TestManifests.digestOf;
import static dev.ctxd.cache.TestManifests.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.ctxd.core.Digest;
import dev.ctxd.core.Manifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CacheStore#check()} against damage injected through the raw-write test hook, and {@link CacheStore#diskBytes()}. */
class CacheStoreCheckTest {
  @TempDir Path dir;
  private CacheStore store;
  private byte[] a;
  private Manifest committed;

  @BeforeEach
  void open() throws Exception {
    store = CacheStore.open(dir);
    a = bytes(9000, 1);
    store.putChunk(digestOf(a), a, 0, a.length);
    committed = TestManifests.of(file("a", a));
    store.commit("ctx", committed);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void check_healthyStore_isConsistent() throws Exception {
    ConsistencyReport report = store.check();
    assertThat(report.problems()).isEmpty();
    assertThat(report.contextsChecked()).isEqualTo(1);
    assertThat(report.manifestsChecked()).isEqualTo(1);
    assertThat(report.chunksChecked()).isEqualTo(1);
  }

  @Test
  void check_findsChunkWhoseBytesWereCorrupted() throws Exception {
    byte[] wrong = a.clone();
    wrong[100] ^= 1;
    store.rawPut(Column.CHUNKS, Keys.chunk(digestOf(a)), wrong);
    assertThat(store.check().problems())
        .containsExactly("chunks/" + digestOf(a).hex() + " holds 9000 bytes that hash to " + digestOf(wrong));
  }

  @Test
  void check_findsManifestReferringToMissingChunk() throws Exception {
    byte[] never = "never uploaded".getBytes(StandardCharsets.UTF_8);
    Manifest bad = TestManifests.of(file("a", a), file("b", never));
    ContextId id = store.contextId("ctx");
    store.rawPut(Column.MANIFESTS, Keys.manifest(id, 1), ManifestCodec.encode(bad));
    assertThat(store.check().problems())
        .containsExactly("chunks/" + digestOf(never).hex() + " is missing, needed by manifests/" + id + "@v1 path b");
  }

  @Test
  void check_findsIndexEntryWithoutChunk() throws Exception {
    Digest ghost = new Digest(0x1234L);
    store.rawPut(Column.CHUNK_INDEX, Keys.chunk(ghost), new ChunkIndexEntry(10, 0).encode());
    assertThat(store.check().problems()).containsExactly(
        "chunk_index/0000000000001234 has no chunk in chunks (findMissing reports it present, getChunk fails)");
    assertThat(store.findMissing(List.of(ghost))).isEmpty();
  }

  @Test
  void check_indexEntryWithoutChunk_thatAManifestNeeds_alsoReportsTheMissingChunk() throws Exception {
    byte[] lost = "lost".getBytes(StandardCharsets.UTF_8);
    store.rawPut(Column.CHUNK_INDEX, Keys.chunk(digestOf(lost)), new ChunkIndexEntry(lost.length, 0).encode());
    store.commit("ctx", TestManifests.of(file("a", a), file("lost", lost))); // the index says it is there
    ContextId id = store.contextId("ctx");
    assertThat(store.check().problems()).containsExactly(
        "chunk_index/" + digestOf(lost).hex() + " has no chunk in chunks (findMissing reports it present, getChunk fails)",
        "chunks/" + digestOf(lost).hex() + " is missing, needed by manifests/" + id + "@v2 path lost");
  }

  @Test
  void check_findsChunkWithoutIndexEntry_andWrongIndexedLength() throws Exception {
    byte[] unindexed = "unindexed".getBytes(StandardCharsets.UTF_8);
    store.rawPut(Column.CHUNKS, Keys.chunk(digestOf(unindexed)), unindexed);
    store.rawPut(Column.CHUNK_INDEX, Keys.chunk(digestOf(a)), new ChunkIndexEntry(8999, 0).encode());
    assertThat(store.check().problems()).containsExactlyInAnyOrder(
        "chunks/" + digestOf(unindexed).hex() + " has no chunk_index entry (findMissing reports it missing)",
        "chunk_index/" + digestOf(a).hex() + " says 8999 bytes but chunks/" + digestOf(a).hex() + " holds 9000");
  }

  @Test
  void check_findsUndecodableIndexEntry() throws Exception {
    store.rawPut(Column.CHUNK_INDEX, Keys.chunk(digestOf(a)), new byte[] {1, 2, 3});
    assertThat(store.check().problems()).containsExactly("chunk_index/" + digestOf(a).hex() + " holds 3 bytes, want 12");
  }

  @Test
  void check_findsUndecodableManifestAndOrphans() throws Exception {
    ContextId id = store.contextId("ctx");
    store.rawPut(Column.MANIFESTS, Keys.manifest(id, 1), new byte[] {1, 2, 3});
    ContextId orphan = ContextId.of("gone");
    store.rawPut(Column.MANIFESTS, Keys.manifest(orphan, 7), ManifestCodec.encode(Manifest.empty()));
    List<String> problems = store.check().problems();
    assertThat(problems).hasSize(2);
    assertThat(problems).anyMatch(p -> p.startsWith("manifest manifests/" + id + "@v1 is corrupt: "));
    assertThat(problems).contains("manifests/" + orphan + "@v7 belongs to no context");
    assertThatThrownBy(() -> store.manifest("ctx", 1)).isInstanceOf(CorruptStoreException.class).hasMessageContaining("manifests/" + id + "@v1 of context 'ctx'");
  }

  @Test
  void check_findsLatestVersionWithoutManifest() throws Exception {
    ContextId id = store.contextId("ctx");
    store.rawPut(Column.CONTEXTS, Keys.context(id), ContextCodec.encode(new ContextRecord("ctx", id, 5,
        Instant.EPOCH, Instant.EPOCH, 1, 10)));
    assertThat(store.check().problems()).containsExactly(
        "context 'ctx' (" + id + ") has latest version 5 but no such manifest");
  }

  @Test
  void diskBytes_growsWithContent_andMatchesDu() throws Exception {
    long before = store.diskBytes();
    List<ChunkWrite> batch = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      byte[] chunk = bytes(1 << 20, 100 + i);
      batch.add(ChunkWrite.of(digestOf(chunk), chunk));
      if (batch.size() == 4) {
        store.putChunks(batch);
        batch.clear();
      }
    }
    long after = store.diskBytes();
    assertThat(after - before).isGreaterThan(20L << 20);
    long du = duApparentBytes(dir);
    assertThat((double) after).isCloseTo(du, withinPercentage(10));
  }

  private static long duApparentBytes(Path dir) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("du", "-sb", dir.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return Long.parseLong(out.split("\\s+")[0]);
  }

  @Test
  void unusedDigest_isReportedMissing() throws Exception {
    assertThat(store.findMissing(List.of(digestOf(a), new Digest(5)))).containsExactly(new Digest(5));
  }
}
