package dev.ctxd.server;

import static dev.ctxd.server.TestSession.batch;
import static dev.ctxd.server.TestSession.begin;
import static dev.ctxd.server.TestSession.commit;
import static dev.ctxd.server.TestSession.end;
import static dev.ctxd.server.TestSession.fileEntry;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.ctxd.core.Digest;
import dev.ctxd.proto.v1.Chunk;
import dev.ctxd.proto.v1.ChunkBatch;
import dev.ctxd.proto.v1.ClientMessage;
import dev.ctxd.proto.v1.Entry;
import dev.ctxd.proto.v1.Hello;
import dev.ctxd.proto.v1.ServerMessage;
import io.grpc.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jpountz.lz4.LZ4Factory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8: protocol 2's ChunkBatch. Versions are negotiated (an old client still gets 1 and
 * cannot send a batch); every untrusted field of a batch is checked at the edge, and a batch
 * with any bad chunk stores none of its chunks.
 */
class ChunkBatchTest {
  static final byte[] A = Content.utf8("alpha\n");
  static final byte[] B = Content.utf8("bravo\n");
  static final byte[] C = Content.utf8("charlie\n");
  @TempDir Path temp;
  InProcessDaemon daemon;

  @BeforeEach
  void setUp() throws Exception {
    daemon = new InProcessDaemon(temp.resolve("state"), Limits.defaults());
  }

  @AfterEach
  void tearDown() throws Exception {
    assertThat(daemon.store.check().problems()).isEmpty();
    daemon.close();
  }

  static ClientMessage hello(int... versions) {
    Hello.Builder h = Hello.newBuilder().setContextKey("k");
    for (int v : versions) h.addProtocolVersions(v);
    return ClientMessage.newBuilder().setHello(h).build();
  }

  static Chunk chunkOf(byte[] raw) {
    return Chunk.newBuilder().setDigest(Content.digest(raw).value()).setRawSize(raw.length).setData(ByteString.copyFrom(raw)).build();
  }

  static ClientMessage chunks(Chunk... chunks) {
    return ClientMessage.newBuilder().setChunkBatch(ChunkBatch.newBuilder().addAllChunks(List.of(chunks))).build();
  }

  /** A v2 session that declared {@code files} and read the daemon's MissingChunks up to the last. */
  TestSession declared(List<Entry> files) throws Exception {
    TestSession s = daemon.session().send(hello(1, 2)).send(begin(0));
    assertThat(s.next().getHelloAck().getProtocolVersion()).isEqualTo(2);
    assertThat(s.next().hasSyncReady()).isTrue();
    s.send(batch(files, List.of())).send(end(files.size(), 0));
    s.missingUntilLast();
    return s;
  }

  TestSession declaredABC() throws Exception {
    return declared(List.of(fileEntry("a", A), fileEntry("b", B), fileEntry("c", C)));
  }

  static void assertEnded(TestSession s, Status.Code code, String description) throws Exception {
    SessionHandlerTest.assertEnded(s, code, description);
  }

  void assertNoneStored(byte[]... contents) throws Exception {
    List<Digest> digests = new ArrayList<>();
    for (byte[] c : contents) digests.add(Content.digest(c));
    assertThat(daemon.store.findMissing(digests)).containsExactlyInAnyOrderElementsOf(digests);
  }

  @Test
  void daemonPicksTheHighestCommonVersion() throws Exception {
    TestSession both = daemon.session().send(hello(1, 2));
    assertThat(both.next().getHelloAck().getProtocolVersion()).isEqualTo(2);
    TestSession old = daemon.session().send(hello(1));
    assertThat(old.next().getHelloAck().getProtocolVersion()).isEqualTo(1);
  }

  @Test
  void oneBatchCarriesEveryChunk_commitsAndBuildsTheExactTree() throws Exception {
    TestSession s = declaredABC().send(chunks(chunkOf(A), chunkOf(B), chunkOf(C))).send(commit());
    ServerMessage committed = s.next();
    assertThat(committed.getCommitted().getChunksReceived()).isEqualTo(3);
    assertThat(committed.getCommitted().getChunkBytesReceived()).isEqualTo(A.length + B.length + C.length);
    s.send(TestSession.build());
    Path tree = Path.of(s.next().getBuildResult().getMaterializedPath());
    assertThat(Files.readAllBytes(tree.resolve("a"))).isEqualTo(A);
    assertThat(Files.readAllBytes(tree.resolve("b"))).isEqualTo(B);
    assertThat(Files.readAllBytes(tree.resolve("c"))).isEqualTo(C);
  }

  @Test
  void lz4ChunksInABatch_areDecompressedAndChecked() throws Exception {
    byte[] big = "0123456789".repeat(1000).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] block = LZ4Factory.fastestInstance().fastCompressor().compress(big);
    Chunk compressed = Chunk.newBuilder().setDigest(Content.digest(big).value()).setRawSize(big.length).setLz4(true).setData(ByteString.copyFrom(block)).build();
    TestSession s = declared(List.of(fileEntry("a", A), fileEntry("big", big))).send(chunks(chunkOf(A), compressed)).send(commit());
    assertThat(s.next().getCommitted().getChunkBytesReceived()).isEqualTo(A.length + big.length);
    assertThat(daemon.store.getChunk(Content.digest(big))).isEqualTo(big);
  }

  @Test
  void batchInAVersion1Session_isRefused() throws Exception {
    TestSession s = daemon.session().send(hello(1)).send(begin(0));
    assertThat(s.next().getHelloAck().getProtocolVersion()).isEqualTo(1);
    assertThat(s.next().hasSyncReady()).isTrue();
    s.send(batch(fileEntry("a", A))).send(end(1, 0));
    s.missingUntilLast();
    s.send(chunks(chunkOf(A)));
    assertEnded(s, Status.Code.INVALID_ARGUMENT, "ChunkBatch needs protocol version 2; this session speaks 1");
    assertNoneStored(A);
  }

  @Test
  void batchOutsideASync() throws Exception {
    TestSession s = daemon.session().send(hello(1, 2));
    assertThat(s.next().hasHelloAck()).isTrue();
    s.send(chunks(chunkOf(A)));
    assertEnded(s, Status.Code.FAILED_PRECONDITION, "ChunkBatch outside a sync");
  }

  @Test
  void emptyBatch() throws Exception {
    TestSession s = declaredABC().send(chunks());
    assertEnded(s, Status.Code.INVALID_ARGUMENT, "a ChunkBatch holds no chunks");
  }

  @Test
  void tooManyChunksInOneBatch_refusedBeforeAnyIsLookedAt() throws Exception {
    Chunk[] many = new Chunk[ChunkIntake.MAX_CHUNKS_PER_BATCH + 1];
    for (int i = 0; i < many.length; i++) many[i] = chunkOf(Content.utf8("n" + i));
    TestSession s = declaredABC().send(chunks(many));
    assertEnded(s, Status.Code.RESOURCE_EXHAUSTED, "a ChunkBatch holds 4097 chunks; the limit is 4096");
  }

  @Test
  void tooManyRawBytesInOneBatch_nothingStored() throws Exception {
    Random random = new Random(8);
    List<Entry> files = new ArrayList<>();
    List<Chunk> all = new ArrayList<>();
    byte[][] contents = new byte[5][];
    for (int i = 0; i < contents.length; i++) {
      contents[i] = new byte[1 << 20];
      random.nextBytes(contents[i]);
      files.add(fileEntry("f" + i, contents[i]));
      all.add(chunkOf(contents[i]));
    }
    TestSession s = declared(files).send(chunks(all.toArray(new Chunk[0])));
    assertEnded(s, Status.Code.RESOURCE_EXHAUSTED, "a ChunkBatch's chunks declare more than 3145728 raw bytes in all, the daemon's limit");
    assertNoneStored(contents);
  }

  @Test
  void sameDigestTwiceInOneBatch() throws Exception {
    TestSession s = declaredABC().send(chunks(chunkOf(A), chunkOf(B), chunkOf(A)));
    assertEnded(s, Status.Code.INVALID_ARGUMENT, "chunk " + Content.digest(A) + " appears twice in one ChunkBatch");
    assertNoneStored(A, B);
  }

  @Test
  void forgedChunkInTheMiddle_storesNoneOfTheBatch() throws Exception {
    byte[] forged = Content.utf8("BRAVO\n");
    Chunk lie = Chunk.newBuilder().setDigest(Content.digest(B).value()).setRawSize(B.length).setData(ByteString.copyFrom(forged)).build();
    TestSession s = declaredABC().send(chunks(chunkOf(A), lie, chunkOf(C)));
    assertEnded(s, Status.Code.INVALID_ARGUMENT, "chunk " + Content.digest(B) + " does not match its bytes, which hash to " + Content.digest(forged));
    assertNoneStored(A, B, C, forged);
  }

  @Test
  void unrequestedChunkInABatch() throws Exception {
    byte[] other = Content.utf8("other");
    TestSession s = declaredABC().send(chunks(chunkOf(A), chunkOf(other)));
    assertEnded(s, Status.Code.INVALID_ARGUMENT, "chunk " + Content.digest(other) + " was not requested (or was already received)");
    assertNoneStored(A, other);
  }

  @Test
  void chunkAlreadyReceivedInAnEarlierBatch() throws Exception {
    TestSession s = declaredABC().send(chunks(chunkOf(A))).send(chunks(chunkOf(B), chunkOf(A)));
    assertEnded(s, Status.Code.INVALID_ARGUMENT, "chunk " + Content.digest(A) + " was not requested (or was already received)");
    assertNoneStored(B);
  }

  @Test
  void declaredRawSizeDiffersFromTheEntries() throws Exception {
    Chunk wrong = Chunk.newBuilder().setDigest(Content.digest(B).value()).setRawSize(5).setData(ByteString.copyFrom(B, 0, 5)).build();
    TestSession s = declaredABC().send(chunks(chunkOf(A), wrong));
    assertEnded(s, Status.Code.INVALID_ARGUMENT, "chunk " + Content.digest(B) + " declares 5 bytes; the entries that use it need 6");
    assertNoneStored(A, B);
  }

  @Test
  void bytesCarriedDifferFromTheDeclaredSize() throws Exception {
    Chunk shortData = Chunk.newBuilder().setDigest(Content.digest(B).value()).setRawSize(6).setData(ByteString.copyFrom(B, 0, 5)).build();
    TestSession s = declaredABC().send(chunks(chunkOf(A), shortData));
    assertEnded(s, Status.Code.INVALID_ARGUMENT, "chunk " + Content.digest(B) + " carries 5 bytes, not the declared 6");
    assertNoneStored(A, B);
  }

  @Test
  void garbageLz4BlockInABatch() throws Exception {
    Chunk garbage = Chunk.newBuilder().setDigest(Content.digest(B).value()).setRawSize(6).setLz4(true)
        .setData(ByteString.copyFrom(new byte[] {(byte) 0xff, 1, 2})).build();
    TestSession s = declaredABC().send(chunks(chunkOf(A), garbage));
    assertThat(s.status().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(s.status().getDescription()).startsWith("chunk " + Content.digest(B) + " is not a valid LZ4 block: ");
    assertNoneStored(A, B);
  }

  @Test
  void lz4BlockDecompressingShortInABatch() throws Exception {
    byte[] block = LZ4Factory.fastestInstance().fastCompressor().compress(Content.utf8("brav"));
    Chunk shortBlock = Chunk.newBuilder().setDigest(Content.digest(B).value()).setRawSize(6).setLz4(true).setData(ByteString.copyFrom(block)).build();
    TestSession s = declaredABC().send(chunks(chunkOf(A), shortBlock));
    assertThat(s.status().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(s.status().getDescription()).startsWith("chunk " + Content.digest(B) + " ");
    assertNoneStored(A, B);
  }

  @Test
  void commitBeforeEveryBatchArrived() throws Exception {
    TestSession s = declaredABC().send(chunks(chunkOf(A), chunkOf(B))).send(commit());
    assertEnded(s, Status.Code.FAILED_PRECONDITION, "Commit before 1 requested chunks arrived, e.g. " + Content.digest(C));
  }
}
