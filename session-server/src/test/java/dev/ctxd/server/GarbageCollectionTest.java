package dev.ctxd.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctxd.cache.CacheStore;
import dev.ctxd.cache.CacheStoreOptions;
import dev.ctxd.cache.ContextLease;
import dev.ctxd.core.Digest;
import dev.ctxd.core.Entry;
import dev.ctxd.core.Manifest;
import dev.ctxd.core.RelPath;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import net.jpountz.xxhash.XXHashFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 3: the GC policy through the Pruner and the collector thread, on a real store. */
class GarbageCollectionTest {
  private static final Instant NOW = Instant.parse("2026-02-01T12:00:00Z");

  @TempDir Path root;
  private final MutableClock storeClock = new MutableClock(NOW);
  private CacheStore store;
  private Materializer materializer;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private DaemonMetrics metrics;

  @BeforeEach
  void open() throws Exception {
    store = CacheStore.open(root.resolve("cache"), CacheStoreOptions.defaults().withClock(storeClock));
    materializer = new Materializer(root.resolve("contexts"), store);
    metrics = new DaemonMetrics(registry, store::diskBytes, System::nanoTime);
  }

  @AfterEach
  void close() {
    store.close();
  }

  /** Commits and materializes a context of one random file, last used at {@code at}. */
  private void context(String key, int bytes, long seed, Instant at) throws Exception {
    storeClock.now = at;
    byte[] content = new byte[bytes];
    new Random(seed).nextBytes(content);
    Digest d = new Digest(XXHashFactory.fastestInstance().hash64().hash(content, 0, content.length, 0));
    store.putChunk(d, content, 0, content.length);
    Manifest m = Manifest.of(List.of(Entry.file(RelPath.of("f.bin"), 0644, bytes, 0, 0, 0, d, List.of())));
    long v = store.commit(key, m);
    materializer.materialize(key, v, m, false);
  }

  private List<String> keys() throws Exception {
    return store.contexts().stream().map(r -> r.key()).toList();
  }

  @Test
  void expired_removesContextsUnusedForTheKeepDuration_butNotLeasedOrRecentOnes() throws Exception {
    context("old", 100_000, 1, NOW.minus(Duration.ofHours(72)));
    context("old-held", 100_000, 2, NOW.minus(Duration.ofHours(72)));
    context("recent", 100_000, 3, NOW.minus(Duration.ofHours(1)));
    Pruner pruner = new Pruner(store, materializer, Clock.fixed(NOW, ZoneOffset.UTC), metrics);
    GcPolicy policy = new GcPolicy(true, Duration.ofHours(48), 0, 0, 0);
    try (ContextLease held = store.lease("old-held")) {
      PruneResult r = pruner.prune(policy.expired(NOW), true);
      assertThat(r.removed()).extracting(UsageReport.Record::context).containsExactly("old");
    }
    assertThat(keys()).containsExactlyInAnyOrder("old-held", "recent");
    assertThat(materializer.directoryOf("old")).doesNotExist();
    assertThat(materializer.directoryOf("recent").resolve("tree/f.bin")).exists();
    assertThat(store.check().problems()).isEmpty();
  }

  @Test
  void overLimits_evictsLeastRecentlyUsedFirst_downToMaxUsed_neverBelowReserved() throws Exception {
    context("a", 1_000_000, 1, NOW.minus(Duration.ofHours(3)));
    context("b", 1_000_000, 2, NOW.minus(Duration.ofHours(2)));
    context("c", 1_000_000, 3, NOW.minus(Duration.ofHours(1)));
    Pruner pruner = new Pruner(store, materializer, Clock.fixed(NOW, ZoneOffset.UTC), metrics);
    long total = pruner.diskBytes();
    // Each context is ~2MB (its chunk and its copy): a cap of total - 1MB needs one eviction.
    GcPolicy policy = new GcPolicy(true, Duration.ofHours(48), 0, total - 1_000_000, 0);
    PruneResult r = pruner.prune(policy.overLimits().orElseThrow(), true);
    assertThat(r.removed()).extracting(UsageReport.Record::context).containsExactly("a");
    assertThat(keys()).containsExactlyInAnyOrder("b", "c");

    // min-free-space that can never be met: everything goes, except the reserved space.
    long now = pruner.diskBytes();
    GcPolicy greedy = new GcPolicy(true, Duration.ofHours(48), now - 1_000_000, 0, Long.MAX_VALUE / 2);
    r = pruner.prune(greedy.overLimits().orElseThrow(), true);
    assertThat(r.removed()).extracting(UsageReport.Record::context).containsExactly("b");
    assertThat(keys()).containsExactly("c");
  }

  @Test
  void collector_runsAfterABuild_removesWhatExpired_andCountsIt() throws Exception {
    context("stale", 200_000, 4, NOW.minus(Duration.ofDays(3)));
    Pruner pruner = new Pruner(store, materializer, Clock.fixed(NOW, ZoneOffset.UTC), metrics);
    try (GarbageCollector gc = new GarbageCollector(pruner, new GcPolicy(true, Duration.ofHours(48), 0, 0, 0),
        Clock.fixed(NOW, ZoneOffset.UTC), store::commitCount)) {
      gc.afterBuild();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!keys().isEmpty()) assertThat(System.nanoTime()).as("GC did not remove the stale context").isLessThan(deadline);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (registry.get("ctxd.gc.runs").counter().count() < 1) { // the run records itself after removing
      assertThat(System.nanoTime()).as("GC run not counted").isLessThan(deadline);
      Thread.onSpinWait();
    }
    assertThat(registry.get("ctxd.gc.bytes.reclaimed").counter().count()).isGreaterThan(200_000);
  }

  /** A clock the test moves. */
  static final class MutableClock extends Clock {
    volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
    @Override public Clock withZone(java.time.ZoneId zone) { return this; }
    @Override public Instant instant() { return now; }
  }
}
