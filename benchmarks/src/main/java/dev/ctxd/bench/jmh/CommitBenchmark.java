package dev.ctxd.bench.jmh;

import dev.ctxd.cache.CacheStore;
import dev.ctxd.cache.ChunkWrite;
import dev.ctxd.core.ContextDigest;
import dev.ctxd.core.Digest;
import dev.ctxd.core.Entry;
import dev.ctxd.core.Manifest;
import dev.ctxd.core.ManifestDelta;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The daemon's commit of a one-file edit of a kernel-sized tree (80k entries), as a session
 * makes it: the delta applied to the cached base, the fsynced store commit (the manifest
 * encoded from the previous version's encoding) and the context digest (issue 8). Beside it,
 * the context digest of the same tree computed from nothing, which is what every commit paid
 * before. The store lives under java.io.tmpdir.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CommitBenchmark {
  private static final CacheStore.ChunkCheck OWNED = chunks -> { };

  private Path dir;
  private CacheStore store;
  private Manifest current;
  private long version;
  private int edit;

  @Setup
  public void setUp() throws Exception {
    dir = Files.createTempDirectory("ctxd-commit-bench");
    store = CacheStore.open(dir);
    List<Entry> entries = ManifestDiffBenchmark.tree(0, -1);
    List<ChunkWrite> batch = new ArrayList<>();
    for (Entry e : entries) for (Digest d : e.contentChunks()) batch.add(ChunkWrite.of(d, new byte[64]));
    store.putChunks(batch);
    Manifest first = Manifest.of(entries);
    version = store.commit("bench", first);
    current = store.manifest("bench", version);
    ContextDigest.of(current);
  }

  @TearDown
  public void tearDown() throws IOException {
    store.close();
    TempTrees.delete(dir);
  }

  /** One file gets a new mtime (its content is stored): delta, commit, digest. */
  @Benchmark
  public String commitOneFileEdit() throws Exception {
    Entry e = current.entries().get(1 + (edit++ % ManifestDiffBenchmark.DIRS) * (ManifestDiffBenchmark.FILES_PER_DIR + 1));
    Entry touched = new Entry(e.path(), e.type(), e.mode(), e.size(), e.mtimeNanos() + 1, e.uid(), e.gid(), e.linkTarget(), e.digest(), e.chunks());
    List<Entry> upserts = List.of(touched);
    Manifest next = ManifestDelta.of(upserts, List.of()).applyTo(current);
    version = store.commit("bench", next, current, version, upserts, OWNED);
    current = next;
    return ContextDigest.of(next);
  }

  /** The digest of the whole tree from nothing (a manifest no delta made). */
  @Benchmark
  public String contextDigestFromScratch() throws Exception {
    return ContextDigest.of(Manifest.of(current.entries()));
  }
}
