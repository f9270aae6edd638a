package dev.ctxd.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Issue 6: the daemon's meters, on a SimpleMeterRegistry with a fixed clock. */
class DaemonMetricsTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final AtomicLong disk = new AtomicLong(1234);
  private final AtomicLong now = new AtomicLong();

  private double gauge(String name) {
    return registry.get(name).gauge().value();
  }

  @Test
  void gauges_surviveGarbageCollection() {
    // Regression: the disk gauge's state was only weakly held and read NaN once collected.
    new DaemonMetrics(registry, disk::get, now::get);
    for (int i = 0; i < 3; i++) System.gc();
    assertThat(gauge("ctxd.cache.disk.bytes")).isEqualTo(1234.0);
    assertThat(gauge("ctxd.sessions.open")).isZero();
  }

  @Test
  void diskGauge_rereadOnlyWhenTheReadingIsStale() {
    new DaemonMetrics(registry, disk::get, now::get);
    assertThat(gauge("ctxd.cache.disk.bytes")).isEqualTo(1234.0);
    disk.set(5678);
    now.addAndGet(DaemonMetrics.DISK_READING_MAX_AGE.toNanos() - 1);
    assertThat(gauge("ctxd.cache.disk.bytes")).isEqualTo(1234.0);
    now.addAndGet(1);
    assertThat(gauge("ctxd.cache.disk.bytes")).isEqualTo(5678.0);
  }

  @Test
  void sessionsAndSyncs_countedByEvent() {
    DaemonMetrics m = new DaemonMetrics(registry, disk::get, now::get);
    m.sessionOpened();
    m.sessionOpened();
    m.sessionClosed();
    m.synced("delta", 2_000_000);
    m.built(3_000_000);
    m.error("invalid-argument");
    m.gcRun(-5); // a negative reading never decreases the counter
    assertThat(gauge("ctxd.sessions.open")).isEqualTo(1.0);
    assertThat(registry.get("ctxd.sessions").counter().count()).isEqualTo(2.0);
    assertThat(registry.get("ctxd.syncs").tag("mode", "delta").counter().count()).isEqualTo(1.0);
    assertThat(registry.get("ctxd.sync.duration").timer().totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isEqualTo(2_000_000.0);
    assertThat(registry.get("ctxd.builds").counter().count()).isEqualTo(1.0);
    assertThat(registry.get("ctxd.errors").tag("kind", "invalid-argument").counter().count()).isEqualTo(1.0);
    assertThat(registry.get("ctxd.gc.runs").counter().count()).isEqualTo(1.0);
    assertThat(registry.get("ctxd.gc.bytes.reclaimed").counter().count()).isZero();
  }
}
