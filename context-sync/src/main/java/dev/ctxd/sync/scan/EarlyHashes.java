package dev.ctxd.sync.scan;

import dev.ctxd.sync.hash.FileContent;
import dev.ctxd.sync.state.ClientState;
import dev.ctxd.sync.walk.FileStat;
import dev.ctxd.sync.walk.WalkedEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;

/**
 * Starts hashing files while the walk is still running (issue 8), in whatever the walk leaves
 * of the hashing threads: once the previous state is loaded, a file the walk keeps whose stat
 * the stat cache does not vouch for is handed to the hashers, but only while fewer than
 * {@link #AHEAD} such hashes are queued or running. The walk lists directories ahead on the
 * same threads, and a queue of thousands of hashes in front of those listings starved it
 * (a touch-all's walk took 2.4-4.5 s instead of 0.4-0.8 s on a loaded 2-core machine).
 *
 * <p>This only starts work early: {@link ContextScanner} still decides after the walk which
 * files need a hash (its rule also checks the previous entry's type, so it may ask for one
 * this did not start, never the other way round), takes the hashes started here and starts
 * the rest. Used by the walking thread only.
 */
final class EarlyHashes {
  /** Hashes queued or running at once during the walk: enough to keep two threads reading. */
  static final int AHEAD = 4;

  private final BooleanSupplier loaded;
  private final java.util.function.Supplier<ClientState> loading;
  private final BiFunction<WalkedEntry, Runnable, Future<FileContent>> hash;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Runnable finished = inFlight::decrementAndGet;
  private final List<Future<FileContent>> started = new ArrayList<>();
  private ClientState previous;
  private long trustedBefore;

  /**
   * {@code loading} is asked for once {@code loaded} says it would not block; {@code hash}
   * starts hashing an entry and runs its second argument once that hash is over.
   */
  EarlyHashes(BooleanSupplier loaded, java.util.function.Supplier<ClientState> loading, BiFunction<WalkedEntry, Runnable, Future<FileContent>> hash) {
    this.loaded = loaded;
    this.loading = loading;
    this.hash = hash;
  }

  /** The walk kept {@code entry} as its {@code index}th. */
  void kept(WalkedEntry entry, int index) {
    if (entry.stat().kind() != FileStat.Kind.FILE || entry.hardlinkTo() != null || inFlight.get() >= AHEAD) return;
    if (previous == null) {
      if (!loaded.getAsBoolean()) return;
      previous = loading.get();
      trustedBefore = previous.writtenAtNanos() - ContextScanner.RACY_MARGIN_NANOS;
    }
    if (cacheStands(entry.stat(), previous.fileStats().get(entry.path()), trustedBefore)) return;
    while (started.size() <= index) started.add(null);
    inFlight.incrementAndGet();
    started.set(index, hash.apply(entry, finished));
  }

  /** The hash started for the {@code index}th entry, or null. */
  Future<FileContent> started(int index) {
    return index < started.size() ? started.get(index) : null;
  }

  /** Whether a cached stat vouches for a file's cached digest (git's racy-clean rule included). */
  static boolean cacheStands(FileStat now, FileStat cached, long trustedBefore) {
    return cached != null && now.sameFileVersion(cached) && now.mtimeNanos() < trustedBefore && now.ctimeNanos() < trustedBefore;
  }

  /** The state {@code loading} gives; a load that failed is a bug (ClientState.load never throws). */
  static ClientState join(Future<ClientState> loading) {
    try {
      return loading.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while loading the client state", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("loading the client state failed", e.getCause());
    }
  }
}
