package dev.ctxd.sync.client;

import dev.ctxd.core.HostAddress;
import dev.ctxd.ignore.DirectoryLister;
import dev.ctxd.sync.BuildReport;
import dev.ctxd.sync.ContextSession;
import dev.ctxd.sync.SyncReport;
import dev.ctxd.sync.state.ClientState;
import dev.ctxd.sync.upload.SyncException;
import dev.ctxd.sync.upload.UploadOptions;
import dev.ctxd.sync.walk.FileStat;
import dev.ctxd.sync.walk.TreeWalker;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One context directory kept in sync with a daemon for as long as an IDE (or
 * {@code ctx session --watch}) needs it: {@link #sync()} and {@link #build(BuildOptions)} any
 * number of times over one session, optionally watching the tree so the daemon is already up to
 * date when a build is asked for, and reconnecting by itself when the daemon restarts.
 *
 * <p>Thread-safety and lifecycle: every method may be called from any thread. Operations
 * (syncs, builds, the watcher's syncs, keepalives, reconnects) run one at a time, in arrival
 * order: a second {@code build} waits for the first rather than failing. While the connection
 * is down ({@link SessionState#RECONNECTING}) a call tries once to reconnect, then fails with a
 * {@link SyncException} whose code is {@code UNAVAILABLE}; the background loop keeps trying
 * with exponential, jittered backoff and catches up with a sync once back. After, or during,
 * {@link #close()} every call throws {@link SessionClosedException}. {@code close()} is
 * idempotent, saves the client state, and is the creator's to call (or {@link CtxClient#close()}).
 *
 * <p>Resuming: the client state (the manifest the daemon last acknowledged, and the stat cache)
 * stays in memory across reconnects and on disk across sessions, so a reconnect sends a delta
 * against what the daemon's cache holds, never the whole context.
 *
 * <p>Built on {@link ContextSession} (one connection, not thread-safe) for the protocol, scans
 * and state; this class adds the lock, the watcher, reconnection and events.
 */
public final class Session implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Session.class);
  /** How long a call waits for the watcher to record changes made before it. */
  private static final Duration BARRIER_TIMEOUT = Duration.ofSeconds(30);

  private final ClientOptions options;
  private final HostAddress address;
  private final Path dir;
  private final Path stateFile;
  private final SessionOptions sessionOptions;
  private final Runnable onClose;
  private final ReentrantLock op = new ReentrantLock(true);
  private final CopyOnWriteArrayList<SessionListener> listeners = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService worker;
  private final Backoff backoff;
  private final ChangeSet changes = new ChangeSet();
  private final DebounceTimer debounce;
  private final ContextWatcher watcher;
  private final ListingCache cache;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicReference<ClientState> unsaved = new AtomicReference<>();
  private volatile ClientState saved;
  private volatile SessionState state = SessionState.READY;
  private volatile ContextSession conn; // written under op
  // Guarded by op.
  private ClientState lastState;
  private SyncSummary lastSync;
  private boolean needsSync;
  private boolean reconnectPending;
  private long nonce;

  private Session(ClientOptions options, HostAddress address, Path dir, SessionOptions sessionOptions, Runnable onClose) throws IOException {
    this.options = options;
    this.address = address;
    this.dir = dir;
    this.sessionOptions = sessionOptions;
    this.onClose = onClose;
    this.stateFile = new dev.ctxd.sync.XdgDirs(options.stateDir(), options.stateDir(), null).clientState(dev.ctxd.sync.ContextKeys.of(dir));
    this.backoff = new Backoff(options.reconnectInitial(), options.reconnectMax(), java.util.concurrent.ThreadLocalRandom.current()::nextDouble);
    java.util.concurrent.ScheduledThreadPoolExecutor pool = new java.util.concurrent.ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "ctx-session");
      t.setDaemon(true);
      return t;
    });
    pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    pool.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
    this.worker = pool;
    this.debounce = new DebounceTimer(new Debouncer(sessionOptions.quietPeriod().toNanos(), sessionOptions.maxDelay().toNanos()), pool,
        () -> backgroundSync(Trigger.WATCH));
    if (sessionOptions.watch()) {
      this.watcher = new ContextWatcher(dir, changes, this::watcherSawChanges, this::watchDegraded);
      this.cache = new ListingCache(dir, watcher);
    } else {
      this.watcher = null;
      this.cache = null;
    }
  }

  static Session open(ClientOptions options, HostAddress address, Path contextDir, SessionOptions sessionOptions, Runnable onClose) throws IOException {
    Session s = new Session(options, address, contextDir, sessionOptions, onClose);
    try {
      s.op.lock();
      try {
        s.connect();
      } finally {
        s.op.unlock();
      }
      long every = options.keepalive().toNanos();
      s.worker.scheduleWithFixedDelay(s::keepalive, every, every, TimeUnit.NANOSECONDS);
      if (s.watcher != null) s.worker.execute(() -> s.backgroundSync(Trigger.OPEN));
      return s;
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
  }

  /** The context directory, as a real absolute path. */
  public Path contextDir() {
    return dir;
  }

  public SessionState state() {
    return state;
  }

  public boolean watching() {
    return watcher != null;
  }

  /** Adds a listener; closing the returned handle removes it. */
  public AutoCloseable subscribe(SessionListener listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /**
   * Brings the daemon up to date with the directory now. With watching on, only what the
   * watcher saw change is looked at again; without, the whole tree is walked (the stat cache
   * still spares hashing unchanged files).
   */
  public SyncSummary sync() throws IOException {
    return operation(() -> syncLocked(Trigger.USER, BuildInput.load(dir, sessionOptions.dockerfile()), SessionState.SYNCING));
  }

  /**
   * Syncs (a watching session normally finds nothing left to send), then has the daemon
   * materialize the synced version for a builder. Emits {@link SessionEvent.Built}.
   */
  public BuildSummary build(BuildOptions build) throws IOException {
    return operation(() -> {
      long started = System.nanoTime();
      BuildInput input = BuildInput.load(dir, build.dockerfile().isEmpty() ? sessionOptions.dockerfile() : build.dockerfile());
      SyncSummary synced = syncLocked(Trigger.BUILD, input, SessionState.BUILDING);
      BuildReport r;
      try {
        r = conn.build(input.name(), input.content(), build.target(), build.buildArgs(), build.fresh());
      } catch (IOException | RuntimeException e) {
        if (!(e instanceof SyncException se && se.code().matches("[a-z-]+"))) dropConnection("build failed: " + e.getMessage());
        throw e;
      }
      BuildSummary summary = new BuildSummary(synced, r.contextDigest(), r.materializedPath(), r.filesWritten(), r.entriesRemoved(), System.nanoTime() - started);
      emit(new SessionEvent.Built(summary));
      return summary;
    });
  }

  private interface Operation<T> {
    T run() throws IOException;
  }

  /** Runs a caller's operation under the lock, after the watcher recorded every earlier change. */
  private <T> T operation(Operation<T> body) throws IOException {
    ensureOpen();
    if (watcher != null && !watcher.degraded()) watcher.awaitQuiescence(BARRIER_TIMEOUT);
    try {
      op.lockInterruptibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the session's previous operation");
    }
    try {
      ensureOpen();
      if (conn == null) {
        try {
          reconnectNow();
        } catch (IOException e) {
          scheduleReconnect(options.reconnectInitial()); // no-op while the loop is already waiting
          throw e;
        }
      }
      debounce.takeNow(); // this operation syncs whatever the watcher has seen
      return body.run();
    } catch (IOException e) {
      if (closed.get()) throw new SessionClosedException("the session for " + dir + " was closed during the operation");
      throw e;
    } finally {
      settle();
      op.unlock();
    }
  }

  /** One sync under the lock; emits Synced when the daemon committed something new. */
  private SyncSummary syncLocked(Trigger trigger, BuildInput input, SessionState busy) throws IOException {
    setState(busy);
    boolean cached = cache != null && cache.trusted() && !watcher.degraded();
    DirectoryLister<FileStat> lister = cached ? cache : TreeWalker.diskLister(dir);
    ContextSession c = conn;
    ProgressBridge progress = new ProgressBridge(this::emit);
    try {
      if (cached) {
        cache.apply(changes.drain());
        cache.beginWalk();
      } else {
        changes.drain();
      }
      Optional<SyncReport> report = c.syncChanges(lister, input.filter(), new UploadOptions(sessionOptions.compression(), progress), progress);
      if (cached) cache.endWalk();
      needsSync = false;
      lastState = c.clientState();
      if (report.isEmpty()) return unchanged(trigger);
      SyncReport r = report.get();
      lastSync = new SyncSummary(trigger, true, r.version(), r.contextDigest(), r.files(), r.contextBytes(), r.filesSent(),
          r.contentBytesSent(), r.wireBytes(), r.hashedFiles(), r.deltaUsed(), r.durationNanos());
      emit(new SessionEvent.Synced(lastSync));
      saveLater(lastState);
      return lastSync;
    } catch (IOException | RuntimeException e) {
      if (cached) cache.abandonWalk(); // everything is listed afresh next time
      needsSync = true;
      emit(new SessionEvent.SyncFailed(trigger, e.getMessage()));
      // A failure mid-protocol leaves the stream in an unknown state: start a fresh one.
      // Before it (a bad .dockerignore, a file gone while hashing) the connection is fine.
      if (progress.talking()) dropConnection("sync failed: " + e.getMessage());
      throw e;
    }
  }

  private SyncSummary unchanged(Trigger trigger) {
    SyncSummary last = lastSync;
    if (last == null) {
      return new SyncSummary(trigger, false, conn.lastVersion(), "", lastState.manifest().size(), lastState.manifest().contentBytes(), 0, 0, 0, 0, true, 0);
    }
    return new SyncSummary(trigger, false, last.version(), last.contextDigest(), last.files(), last.contextBytes(), 0, 0, 0, 0, true, 0);
  }

  /** A sync the session starts itself (watcher, open); failures are reported as events only. */
  private void backgroundSync(Trigger trigger) {
    if (closed.get()) return;
    op.lock();
    try {
      if (closed.get()) return;
      if (conn == null) {
        needsSync = true; // the reconnect catches up
        return;
      }
      // The opening sync is there to bring the daemon up to date at once. A build or sync that
      // took the lock first did that already; a late one would only walk the tree again, and
      // would take an edit made since then from the watcher.
      if (trigger == Trigger.OPEN && conn.lastVersion() != 0) return;
      BuildInput input;
      try {
        input = BuildInput.load(dir, sessionOptions.dockerfile());
      } catch (IOException e) {
        emit(new SessionEvent.SyncFailed(trigger, e.getMessage()));
        return;
      }
      syncLocked(trigger, input, SessionState.SYNCING);
    } catch (IOException | RuntimeException e) {
      log.debug("{} sync of {} failed: {}", trigger, dir, e.toString()); // reported by syncLocked
    } finally {
      settle();
      op.unlock();
    }
  }

  // ---- watching ----

  private void watcherSawChanges() {
    if (changes.isEmpty() || closed.get()) return;
    debounce.changed();
  }

  private void watchDegraded(String reason) {
    log.warn("{}", reason);
    emit(new SessionEvent.WatchDegraded(reason));
  }

  // ---- connection ----

  /** Opens a connection under the lock, resuming from the state in memory (or on disk). */
  private void connect() throws IOException {
    ContextSession c = ContextSession.open(address, dir, stateFile, options.rpcTimeout(), lastState);
    conn = c;
    lastState = c.clientState();
    c.whenEnded(() -> connectionEnded(c));
  }

  /** Called on a gRPC thread when a connection's stream ends; the worker decides. */
  private void connectionEnded(ContextSession c) {
    if (closed.get()) return;
    try {
      worker.execute(() -> {
        op.lock();
        try {
          if (conn == c) dropConnection("the daemon ended the session or the connection dropped");
        } finally {
          settle();
          op.unlock();
        }
      });
    } catch (RejectedExecutionException closing) {
      // closed meanwhile
    }
  }

  /** Under the lock: forgets the connection and starts the reconnect loop. */
  private void dropConnection(String reason) {
    ContextSession c = conn;
    if (c == null) return;
    conn = null;
    c.close();
    if (closed.get()) return;
    setState(SessionState.RECONNECTING);
    emit(new SessionEvent.Disconnected(reason));
    scheduleReconnect(Duration.ZERO);
  }

  private void scheduleReconnect(Duration delay) {
    if (reconnectPending || closed.get()) return;
    reconnectPending = true;
    try {
      worker.schedule(this::reconnectAttempt, delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException closing) {
      reconnectPending = false;
    }
  }

  private void reconnectAttempt() {
    op.lock();
    try {
      reconnectPending = false;
      if (closed.get() || conn != null) return;
      try {
        reconnectNow();
      } catch (IOException e) {
        Duration delay = backoff.next();
        emit(new SessionEvent.Reconnecting(backoff.attempts(), delay, e.getMessage()));
        scheduleReconnect(delay);
        return;
      }
      if (needsSync || watcher != null) {
        try {
          BuildInput input = BuildInput.load(dir, sessionOptions.dockerfile());
          syncLocked(Trigger.RECONNECT, input, SessionState.SYNCING);
        } catch (IOException | RuntimeException e) {
          log.debug("catch-up sync of {} failed: {}", dir, e.toString());
        }
      }
    } finally {
      settle();
      op.unlock();
    }
  }

  /** Under the lock: one connection attempt now; the failure says the loop goes on. */
  private void reconnectNow() throws IOException {
    try {
      connect();
    } catch (IOException e) {
      throw new SyncException("UNAVAILABLE", "the ctxd daemon at " + address + " is unreachable (" + e.getMessage()
          + "); the session keeps reconnecting in the background", e);
    }
    int attempts = backoff.attempts();
    backoff.reset();
    emit(new SessionEvent.Reconnected(attempts));
  }

  private void keepalive() {
    if (closed.get() || !op.tryLock()) return; // a running operation is liveness enough
    try {
      ContextSession c = conn;
      if (c == null) return;
      try {
        c.ping(++nonce);
      } catch (IOException e) {
        dropConnection("keepalive failed: " + e.getMessage());
      }
    } finally {
      settle();
      op.unlock();
    }
  }

  // ---- state, events, close ----

  private void settle() {
    if (closed.get()) return;
    setState(conn == null ? SessionState.RECONNECTING : SessionState.READY);
  }

  private void setState(SessionState next) {
    SessionState before = state;
    if (before == next || before == SessionState.CLOSED) return;
    state = next;
    emit(new SessionEvent.StateChanged(before, next));
  }

  private void emit(SessionEvent event) {
    for (SessionListener l : listeners) {
      try {
        l.onEvent(event);
      } catch (RuntimeException e) {
        log.warn("session listener {} failed on {}: {}", l, event, e.toString());
      }
    }
  }

  private void saveLater(ClientState s) {
    if (unsaved.getAndSet(s) != null) return; // a save is queued; it takes the newest
    try {
      worker.execute(this::saveNow);
    } catch (RejectedExecutionException closing) {
      // close() saves
    }
  }

  private void saveNow() {
    ClientState s = unsaved.getAndSet(null);
    if (s == null) return;
    try {
      s.save(stateFile);
      saved = s;
    } catch (IOException e) {
      log.warn("cannot save the client state of {} to {}: {}", dir, stateFile, e.toString());
    }
  }

  private void ensureOpen() throws SessionClosedException {
    if (closed.get()) throw new SessionClosedException("the session for " + dir + " is closed");
  }

  /**
   * Stops watching, ends the connection (an operation in flight fails with
   * {@link SessionClosedException}), saves the client state. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) return;
    SessionState before = state;
    state = SessionState.CLOSED;
    emit(new SessionEvent.StateChanged(before, SessionState.CLOSED));
    if (watcher != null) watcher.close();
    worker.shutdown(); // a save in progress finishes; periodic and delayed tasks are dropped
    ContextSession c = conn;
    if (c != null) c.close(); // unblocks an operation waiting on the daemon
    try {
      if (op.tryLock(10, TimeUnit.SECONDS)) {
        try {
          conn = null;
          awaitWorker();
          if (lastState != null && lastState != saved && lastSync != null) unsaved.set(lastState);
          saveNow();
        } finally {
          op.unlock();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    onClose.run();
  }

  private void awaitWorker() {
    try {
      if (!worker.awaitTermination(5, TimeUnit.SECONDS)) worker.shutdownNow();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
