package dev.ctxd.server;

import dev.ctxd.cache.CacheStore;
import dev.ctxd.cache.CacheStoreException;
import dev.ctxd.cache.ChunkCollisionException;
import dev.ctxd.cache.ChunkDurability;
import dev.ctxd.cache.ChunkWrite;
import dev.ctxd.cache.Tenant;
import dev.ctxd.core.Chunking;
import dev.ctxd.core.ContextDigest;
import dev.ctxd.core.Digest;
import dev.ctxd.core.Entry;
import dev.ctxd.core.EntryType;
import dev.ctxd.core.InvalidManifestException;
import dev.ctxd.core.Manifest;
import dev.ctxd.core.ManifestDelta;
import dev.ctxd.core.RelPath;
import dev.ctxd.proto.v1.BuildResult;
import dev.ctxd.proto.v1.ClientMessage;
import dev.ctxd.proto.v1.Committed;
import dev.ctxd.proto.v1.Failure;
import dev.ctxd.proto.v1.HelloAck;
import dev.ctxd.proto.v1.MissingChunks;
import dev.ctxd.proto.v1.Pong;
import dev.ctxd.proto.v1.ServerMessage;
import dev.ctxd.proto.v1.SyncReady;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's half of one session: a state machine over the client's messages (order in
 * session.proto). Every field is checked here before the store sees it; a violation ends
 * the session with a status naming the problem, and nothing half-received is committed.
 *
 * <p>The handler asks for each next message itself through {@link SessionPacer}, so the
 * store's pace is the client's pace (flow control) and no queue grows; the pacer also ends a
 * session that goes idle. gRPC serialises the callbacks; the idle timer takes the pacer's lock.
 */
final class SessionHandler implements StreamObserver<ClientMessage> {
  private static final Logger log = LoggerFactory.getLogger(SessionHandler.class);
  /** Versions this daemon speaks, ascending; 2 adds ChunkBatch (docs/protocol.md, "Versioning"). */
  static final List<Integer> PROTOCOL_VERSIONS = List.of(1, 2);
  private static final int DIGESTS_PER_MISSING_MESSAGE = 65_536;
  /**
   * A sync's first bytes go through the WAL: a small sync then commits without a memtable
   * flush, and an interrupted one keeps what it sent. Beyond this the WAL would only copy every
   * byte once more; those chunks become durable at the commit's flush instead.
   */
  static final long LOGGED_BYTES_PER_SYNC = 16L << 20;
  /** Chunk messages gRPC may deliver ahead while an upload streams (see {@link SessionPacer#window}). */
  static final int CHUNK_WINDOW = 8;

  private enum State { AWAIT_HELLO, IDLE, RECEIVING_ENTRIES, RECEIVING_CHUNKS, CLOSED }

  private final ServerCallStreamObserver<ServerMessage> out;
  private final DaemonContext daemon;
  private final String sessionId = UUID.randomUUID().toString();
  private final SessionPacer pacer;
  private final Tenant tenant;
  private State state = State.AWAIT_HELLO;
  private String contextKey;
  // Held from Hello to the end: prune and GC leave this context and the chunks a sync pins alone.
  private dev.ctxd.cache.ContextLease lease;
  private long lastCommittedVersion;
  private ChunkPresence presence; // made with the lease

  // One sync's state; reset by SyncBegin.
  private Manifest base;
  private long baseVersion;
  private boolean resendAll;
  private final List<Entry> upserts = new ArrayList<>();
  private final List<RelPath> removals = new ArrayList<>();
  private final Map<Digest, Integer> requested = new HashMap<>();
  private final ChunkIntake intake;
  private int protocolVersion;
  private final Set<Digest> seenChunks = new HashSet<>();
  private long declaredBytes;
  private long chunksReceived;
  private long chunkBytesReceived;
  private long syncStartedNanos;

  SessionHandler(ServerCallStreamObserver<ServerMessage> out, DaemonContext daemon, Tenant tenant) {
    this.out = out;
    this.tenant = tenant;
    this.daemon = daemon;
    this.intake = new ChunkIntake(daemon.hasher(), requested);
    Duration idle = daemon.limits().idleTimeout();
    this.pacer = new SessionPacer(out, idle, daemon.timer(), () -> fail(new ProtocolException(io.grpc.Status.Code.DEADLINE_EXCEEDED,
        "session idle for " + SessionPacer.describe(idle) + " (the client sent nothing, or stopped reading replies); the daemon ended it")));
    out.setOnCancelHandler(this::release);
  }

  @Override
  public void onNext(ClientMessage message) {
    pacer.enter();
    pacer.delivered();
    try {
      handle(message);
    } finally {
      // Between exchanges the client reads every reply before its next request; within a sync it may not.
      pacer.exit(state == State.IDLE || state == State.AWAIT_HELLO);
    }
  }

  private void handle(ClientMessage message) {
    if (state == State.CLOSED) return;
    try {
      switch (message.getKindCase()) {
        case HELLO -> hello(message.getHello());
        case SYNC_BEGIN -> syncBegin(message.getSyncBegin());
        case ENTRIES -> entries(message.getEntries());
        case ENTRIES_END -> entriesEnd(message.getEntriesEnd());
        case CHUNK -> {
          requireChunksAllowed("Chunk");
          chunks(List.of(intake.check(message.getChunk())));
          daemon.metrics().chunkMessage(false);
        }
        case CHUNK_BATCH -> {
          requireChunksAllowed("ChunkBatch");
          if (protocolVersion < 2) throw ProtocolException.invalid("ChunkBatch needs protocol version 2; this session speaks " + protocolVersion);
          chunks(intake.check(message.getChunkBatch()));
          daemon.metrics().chunkMessage(true);
        }
        case COMMIT -> commit();
        case BUILD -> build(message.getBuild());
        case PING -> pong(message.getPing().getNonce());
        default -> throw ProtocolException.invalid("empty or unknown message kind " + message.getKindCase());
      }
    } catch (ProtocolException e) {
      fail(e);
    } catch (Exception | Error e) {
      fail(e);
    }
  }

  private void pong(long nonce) {
    // Within a sync, reads go on while replies wait; an unread Pong would pile up, so none is
    // sent then (Pong is only a liveness answer, and the reads themselves show liveness).
    if (state != State.IDLE && state != State.AWAIT_HELLO && !out.isReady()) return;
    send(ServerMessage.newBuilder().setPong(Pong.newBuilder().setNonce(nonce)).build());
  }

  /** A client's offered versions as it meant them (uint32), and never more than a few: the list is the client's to make long. */
  static String versions(List<Integer> offered) {
    StringBuilder s = new StringBuilder("[");
    for (int i = 0; i < Math.min(offered.size(), 8); i++) s.append(i == 0 ? "" : ", ").append(Integer.toUnsignedString(offered.get(i)));
    if (offered.size() > 8) s.append(", ... (").append(offered.size()).append(" in all)");
    return s.append(']').toString();
  }

  private void hello(dev.ctxd.proto.v1.Hello hello) throws ProtocolException, CacheStoreException {
    expect(State.AWAIT_HELLO, "Hello");
    protocolVersion = 0;
    for (int v : PROTOCOL_VERSIONS) if (hello.getProtocolVersionsList().contains(v)) protocolVersion = v;
    if (protocolVersion == 0) {
      throw new ProtocolException(io.grpc.Status.Code.FAILED_PRECONDITION,
          "no common protocol version: client speaks " + versions(hello.getProtocolVersionsList()) + ", daemon speaks " + PROTOCOL_VERSIONS + "; upgrade the older side");
    }
    String key = hello.getContextKey();
    if (key.isEmpty() || key.length() > 4096 || key.indexOf('\0') >= 0) throw ProtocolException.invalid("context key must be 1 to 4096 characters without NUL");
    contextKey = tenant.scope(key); // a tenant names only its own contexts
    lease = daemon.store().lease(contextKey);
    presence = new ChunkPresence(daemon, tenant, lease, contextKey);
    daemon.sessionOpened(contextKey);
    daemon.metrics().sessionOpened();
    state = State.IDLE;
    send(ServerMessage.newBuilder().setHelloAck(HelloAck.newBuilder()
        .setProtocolVersion(protocolVersion)
        .setSessionId(sessionId)
        .setDaemonId(daemon.store().storeId())
        .setLatestVersion(daemon.store().latestVersion(contextKey))
        .setDaemonVersion(DaemonContext.VERSION)).build());
    log.info("session {} opened by {} for context {}", sessionId, tenant, key);
  }

  private void syncBegin(dev.ctxd.proto.v1.SyncBegin begin) throws ProtocolException, CacheStoreException {
    expect(State.IDLE, "SyncBegin");
    resetSync();
    syncStartedNanos = System.nanoTime();
    resendAll = begin.getResendAll();
    boolean accepted = false;
    if (begin.getBaseVersion() != 0 && !resendAll) {
      try {
        base = daemon.store().manifest(contextKey, begin.getBaseVersion());
        baseVersion = begin.getBaseVersion();
        accepted = true;
      } catch (dev.ctxd.cache.NotFoundException e) {
        base = Manifest.empty();
      }
    }
    state = State.RECEIVING_ENTRIES;
    send(ServerMessage.newBuilder().setSyncReady(SyncReady.newBuilder().setBaseAccepted(accepted)).build());
  }

  private void entries(dev.ctxd.proto.v1.EntryBatch batch) throws ProtocolException, CacheStoreException {
    expect(State.RECEIVING_ENTRIES, "EntryBatch");
    Limits limits = daemon.limits();
    if (batch.getUpsertsCount() + batch.getRemovalsCount() > limits.maxEntriesPerBatch()) {
      throw ProtocolException.tooMuch("an entry batch holds " + (batch.getUpsertsCount() + batch.getRemovalsCount()) + " entries; the limit is " + limits.maxEntriesPerBatch());
    }
    if (upserts.size() + removals.size() + batch.getUpsertsCount() + batch.getRemovalsCount() > limits.maxEntries()) {
      throw ProtocolException.tooMuch("the context has more than " + limits.maxEntries() + " entries, the daemon's limit");
    }
    if (batch.getRemovalsCount() > 0 && base == null) throw ProtocolException.invalid("removals sent without an accepted base version");
    List<Digest> fresh = new ArrayList<>();
    Map<Digest, Integer> lengths = new HashMap<>();
    Map<Digest, RelPath> firstUser = new HashMap<>();
    for (dev.ctxd.proto.v1.Entry wire : batch.getUpsertsList()) {
      Entry e = WireDecoder.decode(wire);
      if (e.type() == EntryType.FILE) {
        declaredBytes += e.size();
        if (declaredBytes > limits.maxContextBytes()) throw ProtocolException.tooMuch("the context holds more than " + limits.maxContextBytes() + " bytes, the daemon's limit");
        List<Digest> chunks = e.contentChunks();
        for (int i = 0; i < chunks.size(); i++) {
          Digest d = chunks.get(i);
          int length = Chunking.chunkLength(e.size(), i);
          Integer known = requested.containsKey(d) ? requested.get(d) : lengths.get(d);
          if (known != null && known != length) {
            throw ProtocolException.invalid("chunk " + d + " is declared with two lengths, " + known + " and " + length + " bytes (entry " + e.path() + ")");
          }
          if (seenChunks.add(d)) {
            fresh.add(d);
            lengths.put(d, length);
            firstUser.put(d, e.path());
          }
        }
      }
      upserts.add(e);
    }
    for (String r : batch.getRemovalsList()) removals.add(WireDecoder.decodePath(r));
    List<Digest> missing = resendAll ? pinAll(fresh) : presence.presentOrMissing(fresh, lengths, firstUser, base, baseVersion);
    missing.sort(null);
    for (Digest d : missing) requested.put(d, lengths.get(d));
    daemon.metrics().entriesReceived(batch.getUpsertsCount() + batch.getRemovalsCount());
    daemon.metrics().filesReceived(upserts.subList(upserts.size() - batch.getUpsertsCount(), upserts.size()));
    daemon.metrics().chunksDeclared(fresh, missing, lengths);
    sendMissing(missing, false);
  }

  /** A resend asks for every chunk; they are pinned all the same, since the store may hold some that a prune would delete. */
  private List<Digest> pinAll(List<Digest> fresh) throws CacheStoreException {
    lease.pinAndLookup(fresh);
    return new ArrayList<>(fresh);
  }

  private void entriesEnd(dev.ctxd.proto.v1.EntriesEnd end) throws ProtocolException {
    expect(State.RECEIVING_ENTRIES, "EntriesEnd");
    if (end.getUpsertCount() != upserts.size() || end.getRemovalCount() != removals.size()) {
      throw ProtocolException.invalid("EntriesEnd counts " + end.getUpsertCount() + " upserts and " + end.getRemovalCount()
          + " removals, but " + upserts.size() + " and " + removals.size() + " arrived");
    }
    state = State.RECEIVING_CHUNKS;
    pacer.window(CHUNK_WINDOW);
    sendMissing(List.of(), true);
  }

  private void sendMissing(List<Digest> missing, boolean last) {
    for (int i = 0; i < missing.size() || (last && i == 0); i += DIGESTS_PER_MISSING_MESSAGE) {
      MissingChunks.Builder m = MissingChunks.newBuilder();
      for (int j = i; j < Math.min(missing.size(), i + DIGESTS_PER_MISSING_MESSAGE); j++) m.addDigests(missing.get(j).value());
      m.setLast(last && i + DIGESTS_PER_MISSING_MESSAGE >= missing.size());
      send(ServerMessage.newBuilder().setMissing(m).build());
      if (last && missing.isEmpty()) break;
    }
  }

  private void chunks(List<ChunkWrite> chunks) throws ProtocolException, CacheStoreException {
    long batchBytes = 0;
    for (ChunkWrite c : chunks) batchBytes += c.length();
    try {
      daemon.ownership().putAll(tenant, chunks,
          chunkBytesReceived < LOGGED_BYTES_PER_SYNC ? ChunkDurability.LOGGED : ChunkDurability.AT_NEXT_COMMIT);
    } catch (ChunkCollisionException e) {
      throw ProtocolException.invalid("chunk " + e.digest() + " collides: the daemon holds different bytes with the same xxHash64 digest,"
          + " uploaded by another client; it never lets two contents share a digest, so this context cannot be stored as it is");
    }
    for (ChunkWrite c : chunks) {
      Faults.chunkStored();
      requested.remove(c.digest());
      daemon.metrics().chunkReceived(c.length());
    }
    chunksReceived += chunks.size();
    chunkBytesReceived += batchBytes;
  }

  private void requireChunksAllowed(String what) throws ProtocolException {
    if (state != State.RECEIVING_ENTRIES && state != State.RECEIVING_CHUNKS) throw ProtocolException.outOfOrder(what + " outside a sync");
  }

  private void commit() throws ProtocolException, CacheStoreException {
    long started = System.nanoTime();
    expect(State.RECEIVING_CHUNKS, "Commit");
    if (!requested.isEmpty()) {
      throw ProtocolException.outOfOrder("Commit before " + requested.size() + " requested chunks arrived, e.g. " + requested.keySet().iterator().next());
    }
    Manifest manifest;
    try {
      manifest = base != null ? new ManifestDelta(upserts, removals).applyTo(base) : Manifest.of(upserts);
    } catch (InvalidManifestException e) {
      throw ProtocolException.invalid("the context is not a valid tree: " + e.getMessage());
    }
    requireMaterializable(upserts);
    Faults.reached("before-commit");
    long version;
    try {
      if (base != null && upserts.isEmpty() && removals.isEmpty() && baseVersion == daemon.store().latestVersion(contextKey)) {
        // Nothing changed: no new version to store. A base this daemon committed and still holds
        // had its chunks checked then; one read from disk is checked now.
        if (!daemon.store().committedAndRetained(contextKey, baseVersion, base)) requireOwned(chunksOf(manifest.entries()));
        version = baseVersion;
      } else {
        // Only the upserts' chunks are checked when the base is one this daemon committed and still holds.
        version = daemon.store().commit(contextKey, manifest, base, baseVersion, upserts, this::requireOwned);
      }
    } catch (UnownedChunksException e) {
      throw new ProtocolException(io.grpc.Status.Code.FAILED_PRECONDITION, e.getMessage());
    }
    Faults.reached("after-commit");
    daemon.store().refresh(contextKey); // a sync is recent use; the build that follows counts the use
    lastCommittedVersion = version;
    state = State.IDLE;
    pacer.window(1);
    String contextDigest = ContextDigest.of(manifest);
    // Counted before the reply: a client that scrapes the metrics once it has the reply sees this sync.
    daemon.metrics().synced(resendAll ? "resend" : baseVersion != 0 ? "delta" : "full", System.nanoTime() - syncStartedNanos);
    send(ServerMessage.newBuilder().setCommitted(Committed.newBuilder()
        .setVersion(version)
        .setContextDigest(contextDigest)
        .setFiles(countFiles(manifest))
        .setContentBytes(manifest.contentBytes())
        .setChunksReceived(chunksReceived)
        .setChunkBytesReceived(chunkBytesReceived)).build());
    log.info("session {} committed version {} of {} ({} entries, {} chunks received) in {} ms", sessionId, version, contextKey, manifest.size(), chunksReceived,
        (System.nanoTime() - started) / 1_000_000);
    resetSync();
  }

  private void build(dev.ctxd.proto.v1.Build build) throws ProtocolException, CacheStoreException, java.io.IOException {
    expect(State.IDLE, "Build");
    long version = build.getVersion() != 0 ? build.getVersion() : lastCommittedVersion;
    if (version == 0) {
      sendFailure("failed-precondition", "nothing to build: sync the context before building");
      return;
    }
    if (build.getDockerfile().isEmpty()) {
      sendFailure("invalid-argument", "the Dockerfile " + build.getDockerfileName() + " is empty");
      return;
    }
    Manifest manifest;
    try {
      manifest = daemon.store().manifest(contextKey, version);
    } catch (dev.ctxd.cache.NotFoundException e) {
      sendFailure("not-found", "version " + version + " of context " + contextKey + " is not in the daemon's cache");
      return;
    }
    long started = System.nanoTime();
    Materializer.Result result = daemon.materializer().materialize(contextKey, version, manifest, build.getFresh());
    daemon.store().touch(contextKey);
    BuildResult.Builder reply = BuildResult.newBuilder()
        .setContextDigest(ContextDigest.of(manifest))
        .setMaterializedPath(result.directory().toString())
        .setFiles(countFiles(manifest))
        .setContentBytes(manifest.contentBytes())
        .setFilesWritten(result.written())
        .setEntriesRemoved(result.removed());
    long took = System.nanoTime() - started;
    daemon.metrics().built(took); // before the reply, as for a sync
    send(ServerMessage.newBuilder().setBuildResult(reply.setDurationMs(took / 1_000_000)).build());
    log.info("session {} built version {} of {} in {}", sessionId, version, contextKey, result.directory());
    daemon.built();
  }

  /** A path the daemon's copy could not hold is refused before it is committed, not met by every later build. */
  private void requireMaterializable(List<Entry> entries) throws ProtocolException {
    int max = daemon.materializer().maxPathBytes(contextKey);
    for (Entry e : entries) {
      int bytes = e.path().value().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
      if (bytes > max) {
        throw ProtocolException.invalid("entry " + e.path().value().substring(0, 64) + "... is " + bytes
            + " bytes long; this daemon's copy holds paths of at most " + max + " bytes (its own directory takes the rest of PATH_MAX)");
      }
    }
  }

  /** Every chunk a tenant commits must be one it uploaded (the base's chunks were, when it committed the base). */
  private void requireOwned(java.util.Collection<Digest> chunks) throws CacheStoreException {
    Set<Digest> unowned = daemon.ownership().unowned(tenant, chunks);
    if (!unowned.isEmpty()) throw new UnownedChunksException(unowned.size(), unowned.iterator().next());
  }

  private static List<Digest> chunksOf(List<Entry> entries) {
    List<Digest> chunks = new ArrayList<>();
    for (Entry e : entries) chunks.addAll(e.contentChunks());
    return chunks;
  }

  private static long countFiles(Manifest manifest) {
    long n = 0;
    for (Entry e : manifest.entries()) if (e.type() == EntryType.FILE || e.type() == EntryType.HARDLINK) n++;
    return n;
  }

  private void expect(State wanted, String what) throws ProtocolException {
    if (state != wanted) throw ProtocolException.outOfOrder(what + " is not allowed now (session state " + state.name().toLowerCase() + ")");
  }

  private void resetSync() {
    if (lease != null) lease.unpinAll();
    base = null;
    baseVersion = 0;
    resendAll = false;
    upserts.clear();
    removals.clear();
    requested.clear();
    seenChunks.clear();
    declaredBytes = 0;
    chunksReceived = 0;
    chunkBytesReceived = 0;
  }

  private void send(ServerMessage message) {
    out.onNext(message);
  }

  private void sendFailure(String code, String message) {
    log.info("session {} request failed ({}): {}", sessionId, code, message);
    daemon.metrics().error(code);
    send(ServerMessage.newBuilder().setFailure(Failure.newBuilder().setCode(code).setMessage(message)).build());
  }

  private void fail(Throwable e) {
    state = State.CLOSED;
    release();
    try {
      io.grpc.Status status = StatusMapper.toStatus(e);
      // A client's mistake gets one line; INTERNAL was logged with its stack by the mapper.
      if (status.getCode() != io.grpc.Status.Code.INTERNAL) {
        log.info("session {} ended ({}): {}", sessionId, DaemonMetrics.kindOf(status.getCode()), status.getDescription());
      }
      daemon.metrics().error(DaemonMetrics.kindOf(status.getCode()));
      out.onError(status.asRuntimeException());
    } catch (IllegalStateException alreadyClosed) {
      // the call ended meanwhile
    }
  }

  @Override
  public void onError(Throwable t) {
    pacer.enter();
    try {
      clientAborted(t);
    } finally {
      pacer.exit(false);
    }
  }

  private void clientAborted(Throwable t) {
    if (state == State.CLOSED) return;
    log.info("session {} aborted by the client: {}", sessionId, io.grpc.Status.fromThrowable(t));
    daemon.metrics().error("cancelled");
    state = State.CLOSED;
    release();
  }

  @Override
  public void onCompleted() {
    pacer.enter();
    try {
      clientDone();
    } finally {
      pacer.exit(false);
    }
  }

  private void clientDone() {
    if (state == State.CLOSED) return;
    state = State.CLOSED;
    release();
    out.onCompleted();
    log.info("session {} closed", sessionId);
  }

  private boolean released;

  private synchronized void release() {
    if (released) return;
    released = true;
    pacer.stop();
    resetSync();
    if (lease != null) lease.close();
    if (contextKey != null) daemon.sessionClosed(contextKey);
    if (contextKey != null) daemon.metrics().sessionClosed();
  }
}
