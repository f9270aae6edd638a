package dev.ctxd.sync.client;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a context directory with the JDK {@link WatchService} (inotify on Linux), one
 * watch per listed directory, and records what changed into a {@link ChangeSet}. Runs its
 * own thread; {@link #close()} stops it.
 *
 * <p>Barrier: {@link #awaitQuiescence(Duration)} creates a file in a private directory watched
 * by the same service. inotify queues one instance's events in order and the JDK's poller
 * signals them in that order, so once this thread has seen the barrier's event and drained
 * every key signalled before it, every change made before the call is in the change set.
 * A build therefore never misses an edit saved just before it.
 *
 * <p>Thread-safe.
 */
final class ContextWatcher implements ListingCache.Watches, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ContextWatcher.class);

  private final Path root;
  private final WatchService service;
  private final ChangeSet changes;
  private final Runnable onChange;
  private final Consumer<String> onDegraded;
  private final Map<WatchKey, String> dirOfKey = new ConcurrentHashMap<>();
  private final Map<String, WatchKey> keyOfDir = new ConcurrentHashMap<>();
  private final Path barrierDir;
  private final WatchKey barrierKey;
  private final Map<String, CompletableFuture<Void>> barriers = new ConcurrentHashMap<>();
  private final AtomicLong barrierSeq = new AtomicLong();
  private final Thread thread;
  private volatile boolean degraded;

  /**
   * @param onChange runs on the watcher thread after events were recorded (kicks the debouncer)
   * @param onDegraded hears, once, why watching cannot be trusted any more (the inotify limit)
   */
  ContextWatcher(Path root, ChangeSet changes, Runnable onChange, Consumer<String> onDegraded) throws IOException {
    this.root = root;
    this.changes = changes;
    this.onChange = onChange;
    this.onDegraded = onDegraded;
    try {
      this.service = FileSystems.getDefault().newWatchService();
    } catch (IOException e) {
      throw new IOException("cannot watch " + root + ": " + e.getMessage() + InotifyLimits.hint(e), e);
    }
    this.barrierDir = Files.createTempDirectory("ctx-watch-");
    this.barrierKey = barrierDir.register(service, ENTRY_CREATE);
    this.thread = new Thread(this::run, "ctx-watch");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void register(String dir) throws IOException {
    if (degraded) return;
    try {
      WatchKey key = root.resolve(dir).register(service, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
      dirOfKey.put(key, dir); // the same key comes back for a moved directory: it now has this name
      keyOfDir.put(dir, key);
    } catch (java.nio.file.NoSuchFileException gone) {
      throw gone;
    } catch (IOException e) {
      if (!InotifyLimits.isLimit(e)) throw e;
      degraded = true;
      onDegraded.accept("cannot watch " + root.resolve(dir) + ": " + e.getMessage() + InotifyLimits.hint(e));
    } catch (ClosedWatchServiceException e) {
      // closing: nothing to watch any more
    }
  }

  @Override
  public void cancel(Set<String> dirs) {
    for (String d : dirs) {
      WatchKey key = keyOfDir.remove(d);
      if (key != null && d.equals(dirOfKey.get(key))) {
        dirOfKey.remove(key);
        key.cancel();
      }
    }
  }

  boolean degraded() {
    return degraded;
  }

  int watchedDirectories() {
    return dirOfKey.size();
  }

  /** Returns once every change made before this call is recorded; see the class comment. */
  void awaitQuiescence(Duration timeout) throws IOException {
    String name = "b-" + barrierSeq.incrementAndGet();
    CompletableFuture<Void> seen = new CompletableFuture<>();
    barriers.put(name, seen);
    try {
      Files.createFile(barrierDir.resolve(name));
      seen.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the watcher");
    } catch (ExecutionException e) {
      throw new IOException("the watcher stopped: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IOException("the watcher did not catch up within " + timeout.toMillis() + "ms");
    } finally {
      barriers.remove(name);
      Files.deleteIfExists(barrierDir.resolve(name));
    }
  }

  private void run() {
    try {
      while (true) {
        WatchKey key = service.take();
        java.util.List<String> passed = new java.util.ArrayList<>();
        handle(key, passed);
        if (!passed.isEmpty()) {
          for (WatchKey more = service.poll(); more != null; more = service.poll()) handle(more, passed);
        }
        onChange.run();
        for (String b : passed) {
          CompletableFuture<Void> f = barriers.get(b);
          if (f != null) f.complete(null);
        }
      }
    } catch (InterruptedException | ClosedWatchServiceException stop) {
      // closed
    } catch (RuntimeException e) {
      log.warn("watcher for {} stopped: {}", root, e.toString());
      degraded = true;
      onDegraded.accept("the watcher for " + root + " stopped: " + e);
    } finally {
      barriers.values().forEach(f -> f.completeExceptionally(new IOException("watcher closed")));
    }
  }

  private void handle(WatchKey key, java.util.List<String> passedBarriers) {
    if (key == barrierKey) {
      for (WatchEvent<?> e : key.pollEvents()) if (e.context() != null) passedBarriers.add(e.context().toString());
      key.reset();
      return;
    }
    String dir = dirOfKey.get(key);
    for (WatchEvent<?> e : key.pollEvents()) {
      if (dir == null) continue;
      if (e.kind() == OVERFLOW) {
        changes.subtreeChanged(dir); // the JDK keeps 512 events per key, the kernel its queue size
      } else {
        changes.childChanged(dir, e.context().toString());
      }
    }
    if (!key.reset() && dir != null) {
      // The directory itself went away (or was unmounted): its parent lists it no more.
      dirOfKey.remove(key);
      keyOfDir.remove(dir, key);
      if (dir.isEmpty()) changes.subtreeChanged("");
      else {
        int slash = dir.lastIndexOf('/');
        changes.childChanged(slash < 0 ? "" : dir.substring(0, slash), dir.substring(slash + 1));
      }
    }
  }

  @Override
  public void close() {
    try {
      service.close();
    } catch (IOException e) {
      log.debug("closing the watch service: {}", e.toString());
    }
    thread.interrupt();
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (var s = Files.list(barrierDir)) {
      for (Path p : (Iterable<Path>) s::iterator) Files.deleteIfExists(p);
      Files.deleteIfExists(barrierDir);
    } catch (IOException e) {
      log.debug("removing {}: {}", barrierDir, e.toString());
    }
  }
}
