package dev.ctxd.server;

import dev.ctxd.cache.ApparentSize;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The daemon's state directory outside the store, measured as {@code du -sb} does: each
 * materialized copy ({@code contexts/<context id>}) and the daemon's own files (logs, pid,
 * the launcher's jar copies, the directories themselves), and the store's directory in all.
 * Immutable.
 */
record StateFiles(Map<String, Long> copies, Map<String, Instant> copyTimes, long daemonBytes, long storeBytes) {
  static final String CACHE = "cache";
  static final String CONTEXTS = "contexts";

  static StateFiles measure(Path root) {
    Map<String, Long> buckets = ApparentSize.byBucket(root, rel -> {
      if (rel.getNameCount() >= 1 && rel.getName(0).toString().equals(CACHE)) return CACHE;
      if (rel.getNameCount() >= 2 && rel.getName(0).toString().equals(CONTEXTS)) return "copy:" + rel.getName(1);
      return DAEMON;
    });
    Map<String, Long> copies = new HashMap<>();
    for (Map.Entry<String, Long> e : buckets.entrySet()) {
      if (e.getKey().startsWith("copy:")) copies.put(e.getKey().substring(5), e.getValue());
    }
    Map<String, Instant> times = new HashMap<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root.resolve(CONTEXTS))) {
      for (Path d : dirs) times.put(d.getFileName().toString(), Files.getLastModifiedTime(d).toInstant());
    } catch (IOException e) {
      // no copies yet, or one vanished while listed: its time falls back to the epoch
    }
    return new StateFiles(copies, times, buckets.getOrDefault(DAEMON, 0L), buckets.getOrDefault(CACHE, 0L));
  }

  /** The store's directory and the materialized copies, as {@code du -sb} counts them: what space limits measure. */
  long cacheBytes() {
    long bytes = storeBytes;
    for (long copy : copies.values()) bytes += copy;
    return bytes;
  }

  private static final String DAEMON = "daemon";
}
