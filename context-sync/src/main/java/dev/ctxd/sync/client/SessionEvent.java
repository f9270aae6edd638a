package dev.ctxd.sync.client;

import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link Session} tells its {@link SessionListener}s. Progress counters are cumulative
 * within one sync. Sealed: test with {@code instanceof} on the records.
 */
public sealed interface SessionEvent {
  record StateChanged(SessionState from, SessionState to) implements SessionEvent {}

  /** The walk kept this many entries so far. */
  record Walking(long entries) implements SessionEvent {}

  /** Hashing changed files: done so far, of {@code totalBytes} to hash. */
  record Hashing(long files, long bytes, long totalBytes) implements SessionEvent {}

  /** Uploading: chunks and raw bytes sent, and what the daemon has asked for so far. */
  record Uploading(long chunksSent, long bytesSent, long chunksRequested, long bytesRequested) implements SessionEvent {}

  /** The daemon committed a new version (a sync that found nothing changed sends none). */
  record Synced(SyncSummary summary) implements SessionEvent {
    public Synced {
      Objects.requireNonNull(summary, "summary");
    }
  }

  /** A sync failed; a watching session retries on the next change or reconnect. */
  record SyncFailed(Trigger trigger, String message) implements SessionEvent {}

  /** The daemon materialized a build's context. */
  record Built(BuildSummary summary) implements SessionEvent {}

  /** The connection dropped (daemon stopped or restarted, socket gone, idle timeout). */
  record Disconnected(String reason) implements SessionEvent {}

  /** Attempt {@code attempt} to reconnect failed; the next comes after {@code delay}. */
  record Reconnecting(int attempt, Duration delay, String reason) implements SessionEvent {}

  /** Connected again after {@code attempts} failed attempts; a catch-up sync follows. */
  record Reconnected(int attempts) implements SessionEvent {}

  /** Watching cannot be trusted any more (e.g. the inotify watch limit); syncs walk the whole tree. */
  record WatchDegraded(String reason) implements SessionEvent {}
}
