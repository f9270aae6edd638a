package dev.ctxd.sync;

import dev.ctxd.core.EntryType;
import dev.ctxd.core.HostAddress;
import dev.ctxd.core.InvalidManifestException;
import dev.ctxd.core.Manifest;
import dev.ctxd.ignore.ContextFilter;
import dev.ctxd.ignore.PatternException;
import dev.ctxd.proto.v1.BuildResult;
import dev.ctxd.sync.scan.ContextScanner;
import dev.ctxd.sync.scan.ScanListener;
import dev.ctxd.sync.state.ClientState;
import dev.ctxd.sync.upload.Channels;
import dev.ctxd.sync.upload.DaemonChannel;
import dev.ctxd.sync.upload.SessionClient;
import dev.ctxd.sync.upload.SyncException;
import dev.ctxd.sync.upload.UploadOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A session between one context directory and a daemon: sync it, build it, as often as
 * needed, over one connection. The client state (stat cache and the last manifest the daemon
 * acknowledged) is loaded on open and saved after every successful sync, so a later session
 * starts where this one ended.
 *
 * <p>Not thread-safe: one thread drives a session. The creator closes it.
 */
public final class ContextSession implements AutoCloseable {
  public static final String CLIENT_VERSION = "ctx/0.1.0";
  /** CTX_TRACE=1 prints where a sync spends its time, for profiling by hand. */
  private static final boolean TRACE = System.getenv("CTX_TRACE") != null;
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ContextSession.class);

  private final Path contextDir;
  private final String contextKey;
  private final Path stateFile;
  // Done at once for open(); for openBesideWalk() it completes while the first walk runs.
  private final java.util.concurrent.CompletableFuture<Connection> connecting;
  private Connection connection;
  private final ExecutorService hashers;
  // Loaded beside the connect and the walk (a large tree's state takes a second to read);
  // joined when the scan first needs it. Null once state is set.
  private java.util.concurrent.CompletableFuture<ClientState> loading;
  private ClientState state;
  // The save the last sync started, not yet joined; null when none.
  private volatile java.util.concurrent.Future<?> saving;
  private long lastVersion;

  /** A channel and the session opened on it. */
  private record Connection(DaemonChannel channel, SessionClient client) {}

  private ContextSession(Path contextDir, String contextKey, Path stateFile, java.util.concurrent.CompletableFuture<Connection> connecting,
      ExecutorService hashers, java.util.concurrent.CompletableFuture<ClientState> loading) {
    this.contextDir = contextDir;
    this.contextKey = contextKey;
    this.stateFile = stateFile;
    this.connecting = connecting;
    this.hashers = hashers;
    this.loading = loading;
  }

  /** The session with the daemon, waiting for the connect the first time; throws what the connect threw. */
  private SessionClient client() throws IOException {
    if (connection == null) {
      try {
        connection = connecting.join();
      } catch (java.util.concurrent.CompletionException e) {
        // What the connect threw, as open() throws it: the wrapper only says which thread ran it
        // (an address the client refuses, e.g. TCP to another host without TLS, is an
        // IllegalArgumentException whose message is the error line).
        Throwable cause = e.getCause();
        if (cause instanceof IOException io) throw io;
        if (cause instanceof RuntimeException r) throw r;
        if (cause instanceof Error err) throw err;
        throw e;
      }
    }
    return connection.client();
  }

  /**
   * The state the scan compares against, asked for once the walk is done. The connect is
   * joined here too: a daemon that cannot be reached fails the sync before any file is hashed.
   */
  private ClientState stateOnceConnected() {
    try {
      client();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return state();
  }

  /** The client state, waiting for its load to finish the first time. */
  private ClientState state() {
    if (state == null) {
      state = loading.join(); // ClientState.load never throws: an unreadable state is an empty one
      loading = null;
    }
    return state;
  }

  private static java.util.concurrent.CompletableFuture<ClientState> load(Path stateFile, ClientState initial) {
    if (initial != null) return java.util.concurrent.CompletableFuture.completedFuture(initial);
    return java.util.concurrent.CompletableFuture.supplyAsync(() -> ClientState.load(stateFile), r -> {
      Thread t = new Thread(r, "ctx-state-load");
      t.setDaemon(true);
      t.start();
    });
  }

  /** Connects to the daemon at {@code address} and opens a session for {@code contextDir}. */
  public static ContextSession open(HostAddress address, Path contextDir, Path stateFile, Duration timeout) throws IOException {
    return open(address, contextDir, stateFile, timeout, null);
  }

  /**
   * {@link #open(HostAddress, Path, Path, Duration)} starting from {@code initial} (null = the
   * state file's): a reconnecting client resumes from the state it holds in memory.
   */
  public static ContextSession open(HostAddress address, Path contextDir, Path stateFile, Duration timeout, ClientState initial) throws IOException {
    String key = ContextKeys.of(contextDir);
    Path realDir = contextDir.toRealPath();
    java.util.concurrent.CompletableFuture<ClientState> loading = load(stateFile, initial);
    Connection connection = connect(address, key, timeout);
    return new ContextSession(realDir, key, stateFile, java.util.concurrent.CompletableFuture.completedFuture(connection), newHashers(), loading);
  }

  /**
   * Opens a session whose connect runs beside the first walk instead of before it: a cold CLI
   * spends ~0.2 s starting gRPC and Netty and saying hello, as long as the walk of a large tree
   * takes. A daemon that cannot be reached fails the first {@link #sync} once the walk is done,
   * before anything is hashed, with the message {@link #open} would have thrown.
   */
  public static ContextSession openBesideWalk(HostAddress address, Path contextDir, Path stateFile, Duration timeout) throws IOException {
    String key = ContextKeys.of(contextDir);
    Path realDir = contextDir.toRealPath();
    java.util.concurrent.CompletableFuture<ClientState> loading = load(stateFile, null);
    java.util.concurrent.CompletableFuture<Connection> connecting = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try {
        return connect(address, key, timeout);
      } catch (IOException e) {
        throw new java.util.concurrent.CompletionException(e);
      }
    }, r -> {
      Thread t = new Thread(r, "ctx-connect");
      t.setDaemon(true);
      t.start();
    });
    return new ContextSession(realDir, key, stateFile, connecting, newHashers(), loading);
  }

  private static Connection connect(HostAddress address, String key, Duration timeout) throws IOException {
    DaemonChannel channel = Channels.open(address);
    try {
      return new Connection(channel, SessionClient.open(channel, key, CLIENT_VERSION, timeout));
    } catch (SyncException e) {
      channel.close();
      if ("UNAVAILABLE".equals(e.code())) {
        String reason = Channels.unreachableReason(address);
        throw new SyncException("UNAVAILABLE", "cannot connect to the ctxd daemon at " + address + ": " + (reason != null ? reason : e.getMessage()), e);
      }
      throw e;
    } catch (RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  private static ExecutorService newHashers() {
    int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
    AtomicInteger n = new AtomicInteger();
    return Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "ctx-hash-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  public String contextKey() {
    return contextKey;
  }

  /**
   * Walks, hashes what changed, and brings the daemon up to date. With {@code resendAll}
   * every chunk is sent whatever the daemon holds (a classic, non-stream build).
   */
  public SyncReport sync(ContextFilter filter, boolean resendAll, UploadOptions upload, ScanListener listener)
      throws IOException, PatternException {
    long started = System.nanoTime();
    ContextScanner.Scan scan;
    try {
      scan = new ContextScanner(hashers).scan(contextDir, filter, this::stateOnceConnected, listener);
    } catch (InvalidManifestException e) {
      throw new IOException("the context directory does not form a valid tree: " + e.getMessage(), e);
    } catch (java.io.UncheckedIOException e) {
      if (connecting.isCompletedExceptionally()) throw e.getCause(); // the connect, joined after the walk
      throw e;
    }
    Manifest manifest = scan.manifest();
    long scanned = System.nanoTime();
    SessionClient client = client();
    boolean baseUsable = state().daemonId().equals(client.daemonId()) && state().version() != 0;
    long writtenAt = System.currentTimeMillis() * 1_000_000L;
    if (listener instanceof ProgressListener progress) progress.uploadStarted();
    // A state that will be saved is encoded while the daemon commits (the commit gives its version).
    String daemonId = client.daemonId();
    java.util.Map<dev.ctxd.core.RelPath, dev.ctxd.sync.walk.FileStat> stats = scan.fileStats();
    boolean mayLearn = scan.hashedFiles() != 0 || !daemonId.equals(state().daemonId()) || !manifest.equals(state().manifest());
    java.util.concurrent.CompletableFuture<ClientState.PreparedSave> draft = !mayLearn ? null
        : java.util.concurrent.CompletableFuture.supplyAsync(() -> new ClientState(daemonId, 0, writtenAt, manifest, stats).prepareSave(), r -> {
          Thread t = new Thread(r, "ctx-state-encode");
          t.setDaemon(true);
          t.start();
        });
    SessionClient.SyncResult result = client.sync(contextDir, manifest, state().manifest(), baseUsable ? state().version() : 0, resendAll, upload);
    lastVersion = result.version();
    long synced = System.nanoTime();
    // Nothing new learned (no file read, the same tree at the same version of the same daemon):
    // the state on disk already says all of it, and rewriting a large tree's costs seconds.
    boolean learnedNothing = scan.hashedFiles() == 0 && result.version() == state().version()
        && client.daemonId().equals(state().daemonId()) && manifest.equals(state().manifest());
    if (!learnedNothing && draft != null) {
      // Written on another thread, beside the build; state() joins it, as it joins the first load.
      long version = result.version();
      saveInBackground(() -> draft.join().at(version), next -> draft.join().write(stateFile, version));
    } else if (!learnedNothing) {
      saveInBackground(() -> new ClientState(daemonId, result.version(), writtenAt, manifest, stats), next -> next.save(stateFile));
    } else if (!ClientState.isCurrentFormat(stateFile)) {
      ClientState unchanged = state();
      saveInBackground(() -> unchanged, next -> next.save(stateFile)); // once, so later loads get the faster format
    }
    if (TRACE) {
      System.err.printf("trace: scan %.3fs, sync %.3fs, state check %.3fs%s%n", (scanned - started) / 1e9, (synced - scanned) / 1e9,
          (System.nanoTime() - synced) / 1e9, learnedNothing ? " (unchanged, not saved)" : " (saving meanwhile)");
    }
    long files = 0;
    for (var e : manifest.entries()) if (e.type() == EntryType.FILE || e.type() == EntryType.HARDLINK) files++;
    return new SyncReport(result.version(), result.contextDigest(), manifest.size(), files, manifest.contentBytes(),
        result.filesSent(), result.rawBytesSent(), result.wireBytes(), scan.hashedFiles(), scan.hashedBytes(),
        result.deltaUsed(), System.nanoTime() - started);
  }

  /**
   * {@link #sync(ContextFilter, boolean, UploadOptions, ScanListener)} with one listener for
   * the whole sync: walk, hashing, upload start, requested and uploaded chunks.
   */
  public SyncReport sync(ContextFilter filter, boolean resendAll, dev.ctxd.sync.upload.Compression compression, ProgressListener progress)
      throws IOException, PatternException {
    return sync(filter, resendAll, new UploadOptions(compression, progress), progress);
  }

  /**
   * A sync for a session kept open (an IDE's): directory listings come from {@code lister}
   * (a watcher's cache), nothing is sent when the tree equals what this connection last
   * committed (empty result), and the client state is not saved; call {@link #saveState()}
   * when convenient, since saving a large tree's state costs more than syncing one edit.
   */
  public java.util.Optional<SyncReport> syncChanges(dev.ctxd.ignore.DirectoryLister<dev.ctxd.sync.walk.FileStat> lister, ContextFilter filter,
      UploadOptions upload, ProgressListener listener) throws IOException, PatternException {
    long started = System.nanoTime();
    ContextScanner.Scan scan;
    try {
      scan = new ContextScanner(hashers).scan(contextDir, lister, filter, this::state, listener);
    } catch (InvalidManifestException e) {
      throw new IOException("the context directory does not form a valid tree: " + e.getMessage(), e);
    }
    Manifest manifest = scan.manifest();
    SessionClient client = client();
    if (lastVersion != 0 && lastVersion == state().version() && manifest.equals(state().manifest())) {
      state = new ClientState(state().daemonId(), state().version(), state().writtenAtNanos(), manifest, scan.fileStats());
      return java.util.Optional.empty();
    }
    boolean baseUsable = state().daemonId().equals(client.daemonId()) && state().version() != 0;
    long writtenAt = System.currentTimeMillis() * 1_000_000L;
    listener.uploadStarted();
    long scanned = System.nanoTime();
    SessionClient.SyncResult result = client.sync(contextDir, manifest, state().manifest(), baseUsable ? state().version() : 0, false, upload);
    lastVersion = result.version();
    state = new ClientState(client.daemonId(), result.version(), writtenAt, manifest, scan.fileStats());
    if (TRACE) System.err.printf("trace: scan %.3fs, sync %.3fs (%d hashed)%n", (scanned - started) / 1e9, (System.nanoTime() - scanned) / 1e9, scan.hashedFiles());
    long files = 0;
    for (var e : manifest.entries()) if (e.type() == EntryType.FILE || e.type() == EntryType.HARDLINK) files++;
    return java.util.Optional.of(new SyncReport(result.version(), result.contextDigest(), manifest.size(), files, manifest.contentBytes(),
        result.filesSent(), result.rawBytesSent(), result.wireBytes(), scan.hashedFiles(), scan.hashedBytes(),
        result.deltaUsed(), System.nanoTime() - started));
  }

  /** What this session remembers: the last acknowledged manifest and the stat cache. Immutable. */
  public ClientState clientState() {
    return state();
  }

  /** Writes {@link #clientState()} to the state file. */
  public void saveState() throws IOException {
    awaitStateSaved();
    state().save(stateFile);
  }

  /**
   * Waits until the state of the last {@link #sync} is on disk; throws what writing it threw.
   * sync writes it on another thread so the write overlaps the build, which waits on the daemon.
   */
  public void awaitStateSaved() throws IOException {
    java.util.concurrent.Future<?> pending = saving;
    if (pending == null) return;
    saving = null;
    try {
      pending.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while saving the client state");
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof IOException io) throw io;
      throw new IOException("cannot save the client state to " + stateFile + ": " + e.getCause(), e.getCause());
    }
  }

  /** Writes a made state to the state file. */
  private interface StateWrite {
    void write(ClientState next) throws IOException;
  }

  private void saveInBackground(java.util.function.Supplier<ClientState> make, StateWrite write) throws IOException {
    awaitStateSaved(); // states land in the order they were made
    java.util.concurrent.CompletableFuture<ClientState> made = new java.util.concurrent.CompletableFuture<>();
    java.util.concurrent.FutureTask<Void> task = new java.util.concurrent.FutureTask<>(() -> {
      long began = System.nanoTime();
      ClientState next;
      try {
        next = make.get();
      } catch (RuntimeException | Error e) {
        made.completeExceptionally(e);
        throw e;
      }
      made.complete(next);
      write.write(next);
      if (TRACE) System.err.printf("trace: state saved in %.3fs (beside the build)%n", (System.nanoTime() - began) / 1e9);
      return null;
    });
    state = null;
    loading = made;
    Thread t = new Thread(task, "ctx-state-save");
    t.setDaemon(true); // close() and awaitStateSaved() join it; a daemon thread never holds the JVM open on its own
    t.start();
    saving = task;
  }


  /** The version this connection committed last; 0 before its first sync. */
  public long lastVersion() {
    return lastVersion;
  }

  /** A keepalive round trip to the daemon, between exchanges. */
  public void ping(long nonce) throws IOException {
    client().ping(nonce);
  }

  /** Runs {@code hook} on a gRPC thread once the daemon ends the session or the connection drops. */
  public void whenEnded(Runnable hook) throws IOException {
    client().whenEnded(hook);
  }

  /** Builds the version this session synced last. */
  public BuildReport build(String dockerfileName, byte[] dockerfile, boolean fresh) throws IOException {
    return build(dockerfileName, dockerfile, "", java.util.Map.of(), fresh);
  }

  /** Builds the version this session synced last, for {@code target} with {@code buildArgs}. */
  public BuildReport build(String dockerfileName, byte[] dockerfile, String target, java.util.Map<String, String> buildArgs, boolean fresh)
      throws IOException {
    if (lastVersion == 0) throw new IllegalStateException("build before sync");
    long started = System.nanoTime();
    BuildResult r = client().build(dockerfileName, dockerfile, target, buildArgs, lastVersion, fresh);
    if (TRACE) System.err.printf("trace: build %.3fs (daemon says %dms, %d written)%n", (System.nanoTime() - started) / 1e9, r.getDurationMs(), r.getFilesWritten());
    return new BuildReport(r.getContextDigest(), Path.of(r.getMaterializedPath()), r.getFilesWritten(), r.getEntriesRemoved(), System.nanoTime() - started);
  }

  /** Bytes this session moved both ways so far. */
  public long wireBytes() {
    if (connection == null) return 0; // no exchange has needed the connection yet
    return connection.client().bytesSent() + connection.client().bytesReceived();
  }

  @Override
  public void close() {
    try {
      awaitStateSaved();
    } catch (IOException e) {
      LOG.warn("cannot save the client state to {}: {}", stateFile, e.getMessage());
    }
    hashers.shutdownNow();
    // A connect still under way is left to finish on its daemon thread: its channel is closed when it does.
    connecting.thenAccept(c -> {
      c.client().close();
      c.channel().close();
    });
  }
}
