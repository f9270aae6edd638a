package dev.ctxd.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.ctxd.proto.v1.Chunk;
import dev.ctxd.proto.v1.ClientMessage;
import dev.ctxd.proto.v1.Commit;
import dev.ctxd.proto.v1.ContextServiceGrpc;
import dev.ctxd.proto.v1.EntriesEnd;
import dev.ctxd.proto.v1.Entry;
import dev.ctxd.proto.v1.EntryBatch;
import dev.ctxd.proto.v1.EntryType;
import dev.ctxd.proto.v1.Hello;
import dev.ctxd.proto.v1.ServerMessage;
import dev.ctxd.proto.v1.SyncBegin;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** One raw session stream: send any message, read replies and the final status. */
final class TestSession implements StreamObserver<ServerMessage> {
  private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
  private final StreamObserver<ClientMessage> requests;
  private Status status;

  TestSession(ContextServiceGrpc.ContextServiceStub stub) {
    requests = stub.session(this);
  }

  @Override public void onNext(ServerMessage m) { inbox.add(m); }
  @Override public void onError(Throwable t) { inbox.add(Status.fromThrowable(t)); }
  @Override public void onCompleted() { inbox.add(Status.OK); }

  TestSession send(ClientMessage m) {
    if (status == null) requests.onNext(m);
    return this;
  }

  /** Drops the call as a vanished client does: the daemon sees CANCELLED. */
  void cancel() {
    requests.onError(Status.CANCELLED.withDescription("test drops the connection").asRuntimeException());
  }

  void halfClose() {
    requests.onCompleted();
  }

  /** The next reply, or null when the stream ended (see {@link #status()}). */
  ServerMessage next() throws InterruptedException {
    if (status != null) return null;
    Object o = inbox.poll(10, TimeUnit.SECONDS);
    assertThat(o).as("a reply within 10 s").isNotNull();
    if (o instanceof Status s) {
      status = s;
      return null;
    }
    return (ServerMessage) o;
  }

  /** Replies already delivered, without waiting (the in-process transport runs the handler inline). */
  List<ServerMessage> drain() {
    List<ServerMessage> out = new ArrayList<>();
    Object o;
    while (status == null && (o = inbox.poll()) != null) {
      if (o instanceof Status s) status = s;
      else out.add((ServerMessage) o);
    }
    return out;
  }

  /** Opens a session for {@code key} and declares {@code files} as a full (base 0) sync; the daemon's MissingChunks follow. */
  static TestSession fullSync(InProcessDaemon daemon, String key, List<Entry> files) throws InterruptedException {
    TestSession s = daemon.session().send(hello(key)).send(begin(0));
    assertThat(s.next().hasHelloAck()).isTrue();
    assertThat(s.next().hasSyncReady()).isTrue();
    s.send(batch(files, List.of())).send(end(files.size(), 0));
    return s;
  }

  /** The digests of the MissingChunks replies up to the last one. */
  java.util.Set<Long> missingUntilLast() throws InterruptedException {
    java.util.Set<Long> digests = new java.util.HashSet<>();
    ServerMessage m;
    do {
      m = next();
      digests.addAll(m.getMissing().getDigestsList());
    } while (!m.getMissing().getLast());
    return digests;
  }

  /** Waits for the stream's end, skipping replies. */
  Status status() throws InterruptedException {
    while (status == null) next();
    return status;
  }

  static ClientMessage hello(String key) {
    return ClientMessage.newBuilder().setHello(Hello.newBuilder().addProtocolVersions(1).setContextKey(key)).build();
  }

  static ClientMessage begin(long base) {
    return ClientMessage.newBuilder().setSyncBegin(SyncBegin.newBuilder().setBaseVersion(base)).build();
  }

  static ClientMessage batch(List<Entry> upserts, List<String> removals) {
    return ClientMessage.newBuilder().setEntries(EntryBatch.newBuilder().addAllUpserts(upserts).addAllRemovals(removals)).build();
  }

  static ClientMessage batch(Entry... upserts) {
    return batch(List.of(upserts), List.of());
  }

  static ClientMessage end(long upserts, long removals) {
    return ClientMessage.newBuilder().setEntriesEnd(EntriesEnd.newBuilder().setUpsertCount(upserts).setRemovalCount(removals)).build();
  }

  static ClientMessage chunk(long digest, int rawSize, byte[] data, boolean lz4) {
    return ClientMessage.newBuilder().setChunk(Chunk.newBuilder().setDigest(digest).setRawSize(rawSize).setLz4(lz4).setData(ByteString.copyFrom(data))).build();
  }

  static ClientMessage chunk(byte[] raw) {
    return chunk(Content.digest(raw).value(), raw.length, raw, false);
  }

  static ClientMessage commit() {
    return ClientMessage.newBuilder().setCommit(Commit.getDefaultInstance()).build();
  }

  static ClientMessage build() {
    return ClientMessage.newBuilder().setBuild(dev.ctxd.proto.v1.Build.newBuilder().setDockerfileName("Dockerfile").setDockerfile(ByteString.copyFromUtf8("FROM scratch\n"))).build();
  }

  static Entry fileEntry(String path, byte[] content) {
    return Entry.newBuilder().setPath(path).setType(EntryType.FILE).setMode(0644).setSize(content.length).setDigest(Content.digest(content).value()).build();
  }

  static Entry dirEntry(String path) {
    return Entry.newBuilder().setPath(path).setType(EntryType.DIR).setMode(0755).build();
  }

  static Entry symlinkEntry(String path, String target) {
    return Entry.newBuilder().setPath(path).setType(EntryType.SYMLINK).setMode(0777).setSize(target.length()).setLinkTarget(target).build();
  }
}
