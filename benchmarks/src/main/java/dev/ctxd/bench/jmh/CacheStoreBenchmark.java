package dev.ctxd.bench.jmh;

import dev.ctxd.cache.CacheStore;
import dev.ctxd.cache.CacheStoreException;
import dev.ctxd.cache.ChunkWrite;
import dev.ctxd.core.Digest;
import dev.ctxd.core.Entry;
import dev.ctxd.core.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The daemon's RocksDB store: a batch of chunk writes (one WriteBatch), findMissing and the
 * fsynced commit of a kernel-sized manifest whose 80k chunks are all present. The store lives
 * under java.io.tmpdir (point it at tmpfs or ext4 with -Djava.io.tmpdir to compare).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CacheStoreBenchmark {
  @Param({"16"})
  public int chunksPerBatch;

  @Param({"65536"})
  public int chunkBytes;

  private Path dir;
  private CacheStore store;
  private Manifest manifest;
  private List<Digest> digests;
  private byte[] payload;
  private long next = 1L << 40;

  @Setup
  public void setUp() throws Exception {
    dir = Files.createTempDirectory("ctxd-store-bench");
    store = CacheStore.open(dir);
    List<Entry> entries = ManifestDiffBenchmark.tree(0, -1);
    manifest = Manifest.of(entries);
    digests = new ArrayList<>();
    List<ChunkWrite> batch = new ArrayList<>();
    byte[] small = new byte[64];
    for (Entry e : entries) {
      for (Digest d : e.contentChunks()) {
        digests.add(d);
        batch.add(ChunkWrite.of(d, small));
        if (batch.size() == 4096) {
          store.putChunks(batch);
          batch.clear();
        }
      }
    }
    store.putChunks(batch);
    payload = new byte[chunkBytes];
    new SplittableRandom(3).nextBytes(payload);
  }

  @TearDown
  public void tearDown() throws IOException {
    store.close();
    TempTrees.delete(dir);
  }

  @Benchmark
  public void putChunksBatch() throws CacheStoreException {
    List<ChunkWrite> batch = new ArrayList<>(chunksPerBatch);
    for (int i = 0; i < chunksPerBatch; i++) batch.add(ChunkWrite.of(new Digest(next++), payload));
    store.putChunks(batch);
  }

  @Benchmark
  public Set<Digest> findMissingAllPresent() throws CacheStoreException {
    return store.findMissing(digests);
  }

  @Benchmark
  public long commitKernelSizedManifest() throws CacheStoreException {
    return store.commit("bench", manifest);
  }
}
