package dev.ctxd.sync.upload;

import com.google.protobuf.ByteString;
import dev.ctxd.core.Digest;
import dev.ctxd.core.Entry;
import dev.ctxd.core.EntryType;
import dev.ctxd.core.Manifest;
import dev.ctxd.core.ManifestDelta;
import dev.ctxd.core.RelPath;
import dev.ctxd.proto.v1.Build;
import dev.ctxd.proto.v1.BuildResult;
import dev.ctxd.proto.v1.ClientMessage;
import dev.ctxd.proto.v1.Commit;
import dev.ctxd.proto.v1.Committed;
import dev.ctxd.proto.v1.ContextServiceGrpc;
import dev.ctxd.proto.v1.EntriesEnd;
import dev.ctxd.proto.v1.EntryBatch;
import dev.ctxd.proto.v1.Hello;
import dev.ctxd.proto.v1.HelloAck;
import dev.ctxd.proto.v1.ServerMessage;
import dev.ctxd.proto.v1.SyncBegin;
import dev.ctxd.sync.hash.ContentHasher;
import dev.ctxd.sync.hash.FileChangedException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;

/**
 * One session with a daemon: the protocol's client half (see session.proto for the order of
 * messages). Syncs a manifest, uploading only the chunks the daemon asks for, and builds.
 *
 * <p>Not thread-safe: one caller drives a session at a time. The caller closes it.
 */
public final class SessionClient implements AutoCloseable {
  /** The newest protocol version this client speaks; it offers every one from 1 up (2 adds ChunkBatch). */
  public static final int PROTOCOL_VERSION = 2;
  /**
   * A chunk batch is sent once its chunks hold this many raw bytes, so it holds less than twice
   * this: below the daemon's 3 MiB of raw bytes per batch, and (LZ4 is used only where it saves)
   * below the 4 MiB message limit. Counted raw, not compressed, for the daemon's limit.
   */
  static final int BATCH_BYTES = 1 << 20;
  /** ... or this many chunks (the daemon allows 4096). */
  static final int BATCH_CHUNKS = 1024;
  /** Entries per message: large enough to amortise framing (ENTRY_BATCH_BYTES keeps long paths below the message limit). */
  static final int ENTRIES_PER_BATCH = 2048;
  /** ... or once its entries hold this many bytes: an entry is at most ~8 KB, so a batch stays far below the 4 MiB message limit. */
  static final int ENTRY_BATCH_BYTES = 1 << 20;
  private static final LZ4Compressor LZ4 = LZ4Factory.fastestInstance().fastCompressor();
  /** Compress a chunk only when LZ4 saves at least this fraction; judged on a sample first. */
  private static final double MIN_SAVING = 0.10;
  private static final int PROBE_BYTES = 64 << 10;

  private final SessionStream stream;
  private final HelloAck ack;
  private final ContentHasher reader = new ContentHasher();

  private SessionClient(SessionStream stream, HelloAck ack) {
    this.stream = stream;
    this.ack = ack;
  }

  /** Opens a session for {@code contextKey}; fails with the daemon's reason. */
  public static SessionClient open(DaemonChannel channel, String contextKey, String clientVersion, Duration timeout) throws SyncException {
    return open(channel, contextKey, clientVersion, timeout, PROTOCOL_VERSION);
  }

  /** As {@link #open(DaemonChannel, String, String, Duration)}, offering versions 1 to {@code newestVersion} (tests speak as older clients). */
  public static SessionClient open(DaemonChannel channel, String contextKey, String clientVersion, Duration timeout, int newestVersion)
      throws SyncException {
    if (newestVersion < 1 || newestVersion > PROTOCOL_VERSION) throw new IllegalArgumentException("no such protocol version: " + newestVersion);
    SessionStream stream = new SessionStream(ContextServiceGrpc.newStub(channel.channel()), timeout);
    Hello.Builder hello = Hello.newBuilder();
    for (int v = 1; v <= newestVersion; v++) hello.addProtocolVersions(v);
    stream.send(ClientMessage.newBuilder().setHello(hello
        .setClientVersion(clientVersion)
        .setContextKey(contextKey)).build());
    ServerMessage reply = stream.receive();
    if (!reply.hasHelloAck()) throw unexpected("HelloAck", reply);
    int chosen = reply.getHelloAck().getProtocolVersion();
    if (chosen < 1 || chosen > newestVersion) {
      stream.close();
      throw new SyncException("FAILED_PRECONDITION", "the daemon chose protocol version " + chosen + ", which this client does not speak (1 to "
          + newestVersion + "); upgrade the client");
    }
    return new SessionClient(stream, reply.getHelloAck());
  }

  public String daemonId() {
    return ack.getDaemonId();
  }

  public String sessionId() {
    return ack.getSessionId();
  }

  /** The protocol version the daemon chose. */
  public int protocolVersion() {
    return ack.getProtocolVersion();
  }

  public long latestVersion() {
    return ack.getLatestVersion();
  }

  public long bytesSent() {
    return stream.bytesSent();
  }

  public long bytesReceived() {
    return stream.bytesReceived();
  }

  /** How a sync went. */
  public record SyncResult(long version, String contextDigest, boolean deltaUsed, long entriesSent, long chunksSent, long filesSent, long rawBytesSent, long wireBytes) {}

  /**
   * Brings the daemon to {@code manifest}, sending a delta against {@code base} when the
   * daemon still holds {@code baseVersion}, else the full manifest. With {@code resendAll}
   * the daemon asks for every chunk, as a classic build would send them.
   */
  public SyncResult sync(Path root, Manifest manifest, Manifest base, long baseVersion, boolean resendAll, UploadOptions options)
      throws IOException {
    long wireBefore = stream.bytesSent() + stream.bytesReceived();
    stream.send(ClientMessage.newBuilder().setSyncBegin(SyncBegin.newBuilder()
        .setBaseVersion(resendAll ? 0 : baseVersion).setResendAll(resendAll)).build());
    ServerMessage ready = stream.receive();
    if (!ready.hasSyncReady()) throw unexpected("SyncReady", ready);
    boolean delta = ready.getSyncReady().getBaseAccepted();
    List<Entry> upserts;
    List<RelPath> removals;
    if (delta) {
      ManifestDelta d = ManifestDelta.diff(base, manifest);
      upserts = d.upserts();
      removals = d.removals();
    } else {
      upserts = manifest.entries();
      removals = List.of();
    }
    // Located only when the daemon asks for a chunk: a touch-all or branch switch upserts every
    // file and is asked for none, and 78.6k map entries were built on its critical path.
    List<Entry> located = upserts;
    java.util.function.Supplier<Map<Digest, ChunkLocation>> chunks = memoized(() -> locateChunks(root, located));
    sendEntries(upserts, removals);
    stream.send(ClientMessage.newBuilder().setEntriesEnd(EntriesEnd.newBuilder()
        .setUpsertCount(upserts.size()).setRemovalCount(removals.size())).build());

    Upload upload = new Upload(chunks, options);
    boolean lastBatchSeen = false;
    while (!lastBatchSeen) {
      ServerMessage m = stream.receive();
      if (!m.hasMissing()) throw unexpected("MissingChunks", m);
      upload.requested(m.getMissing().getDigestsList());
      for (long d : m.getMissing().getDigestsList()) upload.send(new Digest(d));
      upload.flush();
      lastBatchSeen = m.getMissing().getLast();
    }
    stream.send(ClientMessage.newBuilder().setCommit(Commit.getDefaultInstance()).build());
    ServerMessage reply = stream.receive();
    if (reply.hasFailure()) throw new SyncException(reply.getFailure().getCode(), reply.getFailure().getMessage());
    if (!reply.hasCommitted()) throw unexpected("Committed", reply);
    Committed c = reply.getCommitted();
    long wire = stream.bytesSent() + stream.bytesReceived() - wireBefore;
    return new SyncResult(c.getVersion(), c.getContextDigest(), delta, upserts.size() + removals.size(),
        upload.chunksSent, upload.filesSent(), upload.rawBytes, wire);
  }

  /** Builds a committed version; the Dockerfile travels here, not in the context. */
  public BuildResult build(String dockerfileName, byte[] dockerfile, long version, boolean fresh) throws SyncException {
    return build(dockerfileName, dockerfile, "", java.util.Map.of(), version, fresh);
  }

  /** Builds a committed version for {@code target} ("" = the last stage) with build args. */
  public BuildResult build(String dockerfileName, byte[] dockerfile, String target, java.util.Map<String, String> buildArgs,
      long version, boolean fresh) throws SyncException {
    stream.send(ClientMessage.newBuilder().setBuild(Build.newBuilder()
        .setDockerfileName(dockerfileName)
        .setDockerfile(ByteString.copyFrom(dockerfile))
        .setTarget(target)
        .putAllBuildArgs(buildArgs)
        .setVersion(version)
        .setFresh(fresh)).build());
    ServerMessage reply = stream.receive();
    if (reply.hasFailure()) throw new SyncException(reply.getFailure().getCode(), reply.getFailure().getMessage());
    if (!reply.hasBuildResult()) throw unexpected("BuildResult", reply);
    return reply.getBuildResult();
  }

  /** A keepalive round trip between exchanges: Ping, then the daemon's Pong with the same nonce. */
  public void ping(long nonce) throws SyncException {
    stream.send(ClientMessage.newBuilder().setPing(dev.ctxd.proto.v1.Ping.newBuilder().setNonce(nonce)).build());
    ServerMessage reply = stream.receive();
    if (!reply.hasPong() || reply.getPong().getNonce() != nonce) throw unexpected("Pong " + nonce, reply);
  }

  /**
   * Runs {@code hook} once the stream ends for any reason (daemon gone, connection lost, idle
   * timeout, or this side's close): an IDE session reconnects from there. Called on a gRPC thread.
   */
  public void whenEnded(Runnable hook) {
    stream.onEnd(hook);
  }

  @Override
  public void close() {
    stream.close();
  }

  /** Where one chunk's bytes live in the client's tree. */
  private record ChunkLocation(Path file, RelPath path, long fileSize, int index) {}

  private static <T> java.util.function.Supplier<T> memoized(java.util.function.Supplier<T> make) {
    return new java.util.function.Supplier<>() {
      private T made;

      @Override
      public T get() {
        if (made == null) made = make.get();
        return made;
      }
    };
  }

  private static Map<Digest, ChunkLocation> locateChunks(Path root, List<Entry> entries) {
    Map<Digest, ChunkLocation> located = new HashMap<>();
    for (Entry e : entries) {
      if (e.type() != EntryType.FILE) continue;
      List<Digest> chunks = e.contentChunks();
      Path file = root.resolve(e.path().value());
      for (int i = 0; i < chunks.size(); i++) located.putIfAbsent(chunks.get(i), new ChunkLocation(file, e.path(), e.size(), i));
    }
    return located;
  }

  /**
   * Declares the upserts and removals in EntryBatch messages cut by count and by bytes: cut by
   * count alone, 2048 entries with paths of ~2 KB made one message past the 4 MiB limit, and
   * the daemon reset the stream (paths and link targets may each be up to 4 KB).
   */
  private void sendEntries(List<Entry> upserts, List<RelPath> removals) throws SyncException {
    EntryBatch.Builder batch = EntryBatch.newBuilder();
    long bytes = 0;
    int count = 0;
    for (int i = 0; i < upserts.size() + removals.size(); i++) {
      if (i < upserts.size()) {
        dev.ctxd.proto.v1.Entry wire = WireEntries.toWire(upserts.get(i));
        batch.addUpserts(wire);
        bytes += wire.getSerializedSize() + 4; // + tag and length
      } else {
        String removed = removals.get(i - upserts.size()).value();
        batch.addRemovals(removed);
        bytes += com.google.protobuf.CodedOutputStream.computeStringSizeNoTag(removed) + 1;
      }
      if (++count >= ENTRIES_PER_BATCH || bytes >= ENTRY_BATCH_BYTES) {
        stream.send(ClientMessage.newBuilder().setEntries(batch).build());
        batch = EntryBatch.newBuilder();
        bytes = 0;
        count = 0;
      }
    }
    if (count > 0) stream.send(ClientMessage.newBuilder().setEntries(batch).build());
  }

  /** Sends requested chunks, each once, checking they still hash to what the manifest says. */
  private final class Upload {
    private final java.util.function.Supplier<Map<Digest, ChunkLocation>> chunks;
    private final UploadOptions options;
    private final java.util.Set<RelPath> files = new java.util.HashSet<>();
    private final boolean batching = ack.getProtocolVersion() >= 2;
    private final dev.ctxd.proto.v1.ChunkBatch.Builder pending = dev.ctxd.proto.v1.ChunkBatch.newBuilder();
    private long pendingBytes;
    private long chunksSent;
    private long rawBytes;

    Upload(java.util.function.Supplier<Map<Digest, ChunkLocation>> chunks, UploadOptions options) {
      this.chunks = chunks;
      this.options = options;
    }

    void send(Digest digest) throws IOException {
      ChunkLocation at = chunks.get().get(digest);
      if (at == null) throw new SyncException("INTERNAL", "the daemon asked for chunk " + digest + ", which this context does not have");
      byte[] raw = reader.readChunk(at.file, at.fileSize, at.index);
      if (!ContentHasher.chunkDigest(raw, 0, raw.length).equals(digest)) {
        throw new FileChangedException(at.file, "changed after it was hashed");
      }
      dev.ctxd.proto.v1.Chunk.Builder chunk = dev.ctxd.proto.v1.Chunk.newBuilder().setDigest(digest.value()).setRawSize(raw.length);
      byte[] compressed = options.compression().covers(rawBytes) ? compressIfItPays(raw) : null;
      // Both arrays are fresh and never written again, so protobuf may hold them without a copy.
      chunk.setLz4(compressed != null).setData(com.google.protobuf.UnsafeByteOperations.unsafeWrap(compressed != null ? compressed : raw));
      chunksSent++;
      rawBytes += raw.length;
      files.add(at.path);
      if (!batching) {
        stream.send(ClientMessage.newBuilder().setChunk(chunk).build());
        options.listener().uploaded(chunksSent, rawBytes);
        return;
      }
      pending.addChunks(chunk);
      pendingBytes += raw.length;
      if (pendingBytes >= BATCH_BYTES || pending.getChunksCount() >= BATCH_CHUNKS) flush();
    }

    /** Sends the chunks batched so far (protocol 2); before the client waits for the daemon, nothing may stay behind. */
    void flush() throws SyncException {
      if (pending.getChunksCount() == 0) return;
      stream.send(ClientMessage.newBuilder().setChunkBatch(pending).build());
      pending.clear();
      pendingBytes = 0;
      options.listener().uploaded(chunksSent, rawBytes);
    }

    long filesSent() {
      return files.size();
    }

    private long requestedChunks;
    private long requestedBytes;

    /** Tells the listener how much the daemon has asked for so far (an upload's total, once the last batch is in). */
    void requested(List<Long> digests) {
      for (long d : digests) {
        ChunkLocation at = chunks.get().get(new Digest(d));
        if (at != null) requestedBytes += dev.ctxd.core.Chunking.chunkLength(at.fileSize, at.index);
      }
      requestedChunks += digests.size();
      options.listener().requested(requestedChunks, requestedBytes);
    }
  }

  /** LZ4 of {@code raw}, or null when a sample shows it would not save {@link #MIN_SAVING}. */
  static byte[] compressIfItPays(byte[] raw) {
    if (raw.length > PROBE_BYTES * 2) {
      byte[] probe = LZ4.compress(raw, 0, PROBE_BYTES);
      if (probe.length > PROBE_BYTES * (1 - MIN_SAVING)) return null;
    }
    byte[] compressed = LZ4.compress(raw);
    return compressed.length > raw.length * (1 - MIN_SAVING) ? null : compressed;
  }

  private static SyncException unexpected(String wanted, ServerMessage got) {
    if (got.hasFailure()) return new SyncException(got.getFailure().getCode(), got.getFailure().getMessage());
    return new SyncException("INTERNAL", "protocol error: expected " + wanted + " from the daemon, got " + got.getKindCase());
  }
}
