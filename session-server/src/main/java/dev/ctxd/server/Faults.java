package dev.ctxd.server;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fault injection for crash tests: {@code CTXD_FAULT} names points where the daemon kills
 * itself with SIGKILL (no shutdown hook, no flush, as a crash), comma-separated:
 * {@code after-chunks:N} (once N uploaded chunks are stored; a ChunkBatch is stored whole, so
 * after the batch holding the Nth), {@code before-commit},
 * {@code after-commit} (stored, not yet acknowledged), {@code mid-materialize:N} (after N
 * files of a copy are written). Unset in production: every check is then one test of an
 * empty map.
 */
final class Faults {
  private static final Map<String, Long> POINTS = parse(System.getenv("CTXD_FAULT"));
  private static final AtomicLong chunks = new AtomicLong();
  private static final AtomicLong files = new AtomicLong();
  private static volatile boolean dying;

  private Faults() {}

  static void chunkStored() {
    if (!POINTS.isEmpty()) countTo("after-chunks", chunks);
  }

  static void fileMaterialized() {
    if (!POINTS.isEmpty()) countTo("mid-materialize", files);
  }

  /**
   * Before each file a materialization writes: once a fault fired, writers on other threads
   * stop here until the signal lands, as they would at the instant of a real SIGKILL (without
   * it they finished the copy in the milliseconds the kill takes).
   */
  static void beforeFileWrite() {
    while (dying) {
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        // the process is being killed; keep waiting
      }
    }
  }

  static void reached(String point) {
    if (POINTS.containsKey(point)) die(point);
  }

  private static void countTo(String point, AtomicLong counter) {
    Long n = POINTS.get(point);
    if (n != null && counter.incrementAndGet() == n) die(point + ":" + n);
  }

  private static void die(String point) {
    dying = true;
    System.err.println("ctxd fault injection: SIGKILL at " + point);
    System.err.flush();
    try {
      new ProcessBuilder("kill", "-KILL", Long.toString(ProcessHandle.current().pid())).start().waitFor(10, TimeUnit.SECONDS);
      Thread.sleep(10_000); // the signal is on its way; nothing more may happen here
    } catch (Exception e) {
      // fall through
    }
    Runtime.getRuntime().halt(137);
  }

  private static Map<String, Long> parse(String spec) {
    Map<String, Long> points = new HashMap<>();
    if (spec == null || spec.isBlank()) return points;
    for (String part : spec.split(",")) {
      String[] kv = part.strip().split(":", 2);
      points.put(kv[0], kv.length == 2 ? Long.parseLong(kv[1]) : 1L);
    }
    return points;
  }
}
