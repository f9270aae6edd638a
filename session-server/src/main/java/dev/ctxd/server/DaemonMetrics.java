package dev.ctxd.server;

import dev.ctxd.core.Digest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The daemon's meters, named {@code ctxd.<area>.<what>} with low-cardinality tags only (no
 * paths, keys or digests). Sessions call one method per event; what the registry exports
 * (Prometheus, or nothing) is the creator's choice.
 *
 * <p>Dedup: {@code ctxd.sync.chunks.reused / (ctxd.sync.chunks.reused + ctxd.sync.chunks.received)}
 * is the fraction of new distinct chunks a sync declared that the daemon already held.
 *
 * <p>Thread-safe. Owns no resources; the registry is the creator's.
 */
public final class DaemonMetrics {
  /** The disk gauge walks the store's files; a scrape reuses a reading this recent. */
  static final Duration DISK_READING_MAX_AGE = Duration.ofSeconds(5);

  private final MeterRegistry registry;
  private final AtomicInteger sessionsOpen = new AtomicInteger();
  private final Counter sessions;
  private final Counter entriesReceived;
  private final Counter filesReceived;
  private final Counter chunksReceived;
  private final Counter bytesReceived;
  private final Counter chunkMessages;
  private final Counter chunkBatches;
  private final Counter chunksReused;
  private final Counter bytesReused;
  private final Timer syncTimer;
  private final Timer buildTimer;
  private final Counter builds;
  private final Counter gcRuns;
  private final Counter gcBytesReclaimed;

  /**
   * @param diskBytes the store's size on disk (e.g. {@code CacheStore::diskBytes}), read at
   *     most every {@link #DISK_READING_MAX_AGE}
   * @param clock nanoseconds, for the disk reading's age
   */
  public DaemonMetrics(MeterRegistry registry, LongSupplier diskBytes, LongSupplier clock) {
    this.registry = registry;
    // Gauges hold their state strongly: Micrometer's default weak reference let the disk
    // reading be collected, after which the gauge read NaN.
    Gauge.builder("ctxd.sessions.open", sessionsOpen, AtomicInteger::get).strongReference(true)
        .description("Sessions open now").register(registry);
    sessions = Counter.builder("ctxd.sessions").description("Sessions opened").register(registry);
    entriesReceived = Counter.builder("ctxd.sync.entries.received").description("Manifest entries received (upserts and removals)").register(registry);
    filesReceived = Counter.builder("ctxd.sync.files.received").description("File entries received (new or changed regular files)").register(registry);
    chunksReceived = Counter.builder("ctxd.sync.chunks.received").description("Content chunks received").register(registry);
    bytesReceived = Counter.builder("ctxd.sync.bytes.received").baseUnit("bytes").description("Raw content bytes received").register(registry);
    chunkMessages = Counter.builder("ctxd.sync.chunk.messages").tag("kind", "chunk").description("Upload messages received, by kind (chunk: one chunk; batch: ChunkBatch)").register(registry);
    chunkBatches = Counter.builder("ctxd.sync.chunk.messages").tag("kind", "batch").description("Upload messages received, by kind (chunk: one chunk; batch: ChunkBatch)").register(registry);
    chunksReused = Counter.builder("ctxd.sync.chunks.reused").description("New chunks a sync declared that the store already held").register(registry);
    bytesReused = Counter.builder("ctxd.sync.bytes.reused").baseUnit("bytes").description("Raw bytes of reused chunks").register(registry);
    syncTimer = Timer.builder("ctxd.sync.duration").description("SyncBegin to Committed").register(registry);
    buildTimer = Timer.builder("ctxd.build.duration").description("Build request to BuildResult (materialization)").register(registry);
    // Registered up front, so a scrape shows 0 before the first build rather than nothing.
    builds = Counter.builder("ctxd.builds").description("Builds served").register(registry);
    gcRuns = Counter.builder("ctxd.gc.runs").description("Garbage collection runs").register(registry);
    gcBytesReclaimed = Counter.builder("ctxd.gc.bytes.reclaimed").baseUnit("bytes").description("Bytes garbage collection freed").register(registry);
    CachedReading disk = new CachedReading(diskBytes, clock, DISK_READING_MAX_AGE.toNanos());
    Gauge.builder("ctxd.cache.disk.bytes", disk, CachedReading::get).strongReference(true).baseUnit("bytes")
        .description("The cache store's size on disk").register(registry);
  }

  /** Meters that go nowhere: for daemons started without a registry, and tests that do not look. */
  public static DaemonMetrics none() {
    return new DaemonMetrics(new CompositeMeterRegistry(), () -> 0, System::nanoTime);
  }

  void sessionOpened() {
    sessionsOpen.incrementAndGet();
    sessions.increment();
  }

  void sessionClosed() {
    sessionsOpen.decrementAndGet();
  }

  void entriesReceived(int count) {
    entriesReceived.increment(count);
  }

  /** A batch's upserts: the regular files among them count as files received. */
  void filesReceived(java.util.List<dev.ctxd.core.Entry> upserts) {
    long files = 0;
    for (dev.ctxd.core.Entry e : upserts) if (e.type() == dev.ctxd.core.EntryType.FILE) files++;
    filesReceived.increment(files);
  }

  /**
   * A batch's new distinct chunks and which of them the store lacked: the rest are reused.
   * {@code lengths} holds each fresh chunk's length.
   */
  void chunksDeclared(Collection<Digest> fresh, Collection<Digest> missing, Map<Digest, Integer> lengths) {
    long freshBytes = 0;
    for (Digest d : fresh) freshBytes += lengths.getOrDefault(d, 0);
    long missingBytes = 0;
    for (Digest d : missing) missingBytes += lengths.getOrDefault(d, 0);
    chunksReused.increment(fresh.size() - missing.size());
    bytesReused.increment(freshBytes - missingBytes);
  }

  /** One upload message arrived: a lone Chunk, or a ChunkBatch (protocol 2). */
  void chunkMessage(boolean batch) {
    (batch ? chunkBatches : chunkMessages).increment();
  }

  void chunkReceived(long rawBytes) {
    chunksReceived.increment();
    bytesReceived.increment(rawBytes);
  }

  /** A sync committed; {@code mode} is delta, full or resend. */
  void synced(String mode, long durationNanos) {
    Counter.builder("ctxd.syncs").tag("mode", mode).description("Syncs committed").register(registry).increment();
    syncTimer.record(durationNanos, TimeUnit.NANOSECONDS);
  }

  void built(long durationNanos) {
    builds.increment();
    buildTimer.record(durationNanos, TimeUnit.NANOSECONDS);
  }

  /**
   * A request that failed, by kind: a Failure's code word ({@code not-found}) or a status
   * code in the same spelling ({@code invalid-argument}).
   */
  void error(String kind) {
    Counter.builder("ctxd.errors").tag("kind", kind).description("Failed requests and ended sessions, by kind").register(registry).increment();
  }

  static String kindOf(io.grpc.Status.Code code) {
    return code.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** For garbage collection: one run that freed {@code bytesReclaimed} bytes. */
  public void gcRun(long bytesReclaimed) {
    gcRuns.increment();
    gcBytesReclaimed.increment(Math.max(0, bytesReclaimed));
  }

  /** A slow reading reused while young; read again by whichever scrape finds it stale. */
  private static final class CachedReading {
    private final LongSupplier source;
    private final LongSupplier clock;
    private final long maxAgeNanos;
    private long value;
    private long readAt;
    private boolean read;

    CachedReading(LongSupplier source, LongSupplier clock, long maxAgeNanos) {
      this.source = source;
      this.clock = clock;
      this.maxAgeNanos = maxAgeNanos;
    }

    synchronized double get() {
      long now = clock.getAsLong();
      if (!read || now - readAt >= maxAgeNanos) {
        try {
          value = source.getAsLong();
        } catch (RuntimeException e) {
          // a store closing under a scrape: keep the last reading
        }
        readAt = now;
        read = true;
      }
      return value;
    }
  }
}
