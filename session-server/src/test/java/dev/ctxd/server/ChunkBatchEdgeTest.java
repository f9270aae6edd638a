package dev.ctxd.server;

import static dev.ctxd.server.ChunkBatchTest.chunkOf;
import static dev.ctxd.server.ChunkBatchTest.chunks;
import static dev.ctxd.server.ChunkBatchTest.hello;
import static dev.ctxd.server.TestSession.batch;
import static dev.ctxd.server.TestSession.begin;
import static dev.ctxd.server.TestSession.commit;
import static dev.ctxd.server.TestSession.end;
import static dev.ctxd.server.TestSession.fileEntry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ctxd.proto.v1.Chunk;
import dev.ctxd.proto.v1.ClientMessage;
import dev.ctxd.proto.v1.Entry;
import dev.ctxd.proto.v1.ServerMessage;
import io.grpc.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 8, protocol 2 at its edges: limits reached exactly, odd Hello version lists, batches out of place. */
class ChunkBatchEdgeTest {
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

  @ParameterizedTest
  @ValueSource(strings = {"", "0", "3", "-1", "0,3,7", "2147483647"})
  void helloWithNoCommonVersion_failedPreconditionListingBoth(String versions) throws Exception {
    int[] offered = versions.isEmpty() ? new int[0] : java.util.Arrays.stream(versions.split(",")).mapToInt(Integer::parseInt).toArray();
    TestSession s = daemon.session().send(hello(offered));
    List<String> list = new ArrayList<>();
    for (int v : offered) list.add(Integer.toUnsignedString(v)); // uint32 on the wire: -1 is 4294967295
    ChunkBatchTest.assertEnded(s, Status.Code.FAILED_PRECONDITION,
        "no common protocol version: client speaks " + list + ", daemon speaks [1, 2]; upgrade the older side");
  }

  /** The list is the client's to make long; the message names the first few and the count. */
  @Test
  void helloWithALongListOfUnknownVersions_namesAFewAndTheCount() throws Exception {
    int[] offered = java.util.stream.IntStream.rangeClosed(3, 1002).toArray();
    TestSession s = daemon.session().send(hello(offered));
    ChunkBatchTest.assertEnded(s, Status.Code.FAILED_PRECONDITION,
        "no common protocol version: client speaks [3, 4, 5, 6, 7, 8, 9, 10, ... (1000 in all)], daemon speaks [1, 2]; upgrade the older side");
  }

  @ParameterizedTest
  @ValueSource(strings = {"2,1:2", "2,2,1,1:2", "2:2", "1,1:1", "3,1:1", "0,2,3:2"})
  void helloWithOddButUsableLists_picksTheHighestCommon(String spec) throws Exception {
    String[] parts = spec.split(":");
    int[] offered = java.util.Arrays.stream(parts[0].split(",")).mapToInt(Integer::parseInt).toArray();
    TestSession s = daemon.session().send(hello(offered));
    assertThat(s.next().getHelloAck().getProtocolVersion()).isEqualTo(Integer.parseInt(parts[1]));
  }

  @Test
  void helloWithAHugeVersionList_stillNegotiates() throws Exception {
    int[] offered = new int[200_000];
    java.util.Arrays.fill(offered, 9);
    offered[offered.length - 1] = 2;
    TestSession s = daemon.session().send(hello(offered));
    assertThat(s.next().getHelloAck().getProtocolVersion()).isEqualTo(2);
  }

  TestSession declared(List<Entry> files) throws Exception {
    TestSession s = daemon.session().send(hello(1, 2)).send(begin(0));
    assertThat(s.next().getHelloAck().getProtocolVersion()).isEqualTo(2);
    assertThat(s.next().hasSyncReady()).isTrue();
    s.send(batch(files, List.of())).send(end(files.size(), 0));
    s.missingUntilLast();
    return s;
  }

  @Test
  void batchOfExactlyTheChunkLimit_isStoredAndBuilt() throws Exception {
    List<Entry> files = new ArrayList<>();
    Chunk[] all = new Chunk[ChunkIntake.MAX_CHUNKS_PER_BATCH];
    for (int i = 0; i < all.length; i++) {
      byte[] content = Content.utf8("file " + i + "\n");
      files.add(fileEntry(String.format("f%05d", i), content));
      all[i] = chunkOf(content);
    }
    TestSession s = declared(files).send(chunks(all)).send(commit());
    assertThat(s.next().getCommitted().getChunksReceived()).isEqualTo(ChunkIntake.MAX_CHUNKS_PER_BATCH);
    s.send(TestSession.build());
    Path tree = Path.of(s.next().getBuildResult().getMaterializedPath());
    assertThat(Files.readString(tree.resolve("f04095"))).isEqualTo("file 4095\n");
  }

  @Test
  void batchOfExactlyTheRawByteLimit_isStored() throws Exception {
    Random random = new Random(4);
    List<Entry> files = new ArrayList<>();
    Chunk[] all = new Chunk[4];
    byte[][] contents = new byte[4][];
    for (int i = 0; i < 4; i++) {
      contents[i] = new byte[(int) (ChunkIntake.MAX_BATCH_RAW_BYTES / 4)];
      random.nextBytes(contents[i]);
      files.add(fileEntry("f" + i, contents[i]));
      all[i] = chunkOf(contents[i]);
    }
    TestSession s = declared(files).send(chunks(all)).send(commit());
    assertThat(s.next().getCommitted().getChunkBytesReceived()).isEqualTo(ChunkIntake.MAX_BATCH_RAW_BYTES);
    assertThat(daemon.store.getChunk(Content.digest(contents[3]))).isEqualTo(contents[3]);
  }

  @Test
  void loneChunksAndBatchesMixedInOneVersion2Sync_commit() throws Exception {
    byte[] a = Content.utf8("a\n");
    byte[] b = Content.utf8("b\n");
    byte[] c = Content.utf8("c\n");
    TestSession s = declared(List.of(fileEntry("a", a), fileEntry("b", b), fileEntry("c", c)));
    s.send(ClientMessage.newBuilder().setChunk(chunkOf(a)).build()).send(chunks(chunkOf(b))).send(ClientMessage.newBuilder().setChunk(chunkOf(c)).build());
    s.send(commit());
    assertThat(s.next().getCommitted().getChunksReceived()).isEqualTo(3);
  }

  @Test
  void batchAfterCommit_outOfOrder_committedVersionIntact() throws Exception {
    byte[] a = Content.utf8("a\n");
    TestSession s = declared(List.of(fileEntry("a", a))).send(chunks(chunkOf(a))).send(commit());
    long version = s.next().getCommitted().getVersion();
    s.send(chunks(chunkOf(Content.utf8("late\n"))));
    ChunkBatchTest.assertEnded(s, Status.Code.FAILED_PRECONDITION, "ChunkBatch outside a sync");
    assertThat(daemon.store.latestVersion("k")).isEqualTo(version);
    assertThat(daemon.store.getChunk(Content.digest(a))).isEqualTo(a);
  }

  @Test
  void batchBetweenEntryBatches_acceptedForChunksAlreadyRequested() throws Exception {
    byte[] a = Content.utf8("a\n");
    byte[] b = Content.utf8("b\n");
    TestSession s = daemon.session().send(hello(2)).send(begin(0));
    assertThat(s.next().getHelloAck().getProtocolVersion()).isEqualTo(2);
    assertThat(s.next().hasSyncReady()).isTrue();
    s.send(batch(fileEntry("a", a)));
    assertThat(s.next().getMissing().getDigestsList()).containsExactly(Content.digest(a).value());
    s.send(chunks(chunkOf(a))).send(batch(fileEntry("b", b))).send(end(2, 0));
    java.util.Set<Long> rest = s.missingUntilLast();
    assertThat(rest).containsExactly(Content.digest(b).value());
    s.send(chunks(chunkOf(b))).send(commit());
    assertThat(s.next().getCommitted().getFiles()).isEqualTo(2);
  }

  @Test
  void batchAtBothLimits_fitsOneMessage_evenAsIncompressibleLz4() {
    assertThat(ChunkIntake.worstCaseMessageBytes(ChunkIntake.MAX_CHUNKS_PER_BATCH, ChunkIntake.MAX_BATCH_RAW_BYTES)).isLessThanOrEqualTo(CtxDaemon.MAX_MESSAGE_BYTES);
    assertThat(ChunkIntake.worstCaseMessageBytes(3, ChunkIntake.MAX_BATCH_RAW_BYTES)).isLessThanOrEqualTo(CtxDaemon.MAX_MESSAGE_BYTES);
    // The bound holds for a real batch of the worst shape: as many chunks as allowed, random bytes as LZ4, the longest digests.
    Random random = new Random(1);
    int each = (int) (ChunkIntake.MAX_BATCH_RAW_BYTES / ChunkIntake.MAX_CHUNKS_PER_BATCH);
    dev.ctxd.proto.v1.ChunkBatch.Builder worst = dev.ctxd.proto.v1.ChunkBatch.newBuilder();
    for (int i = 0; i < ChunkIntake.MAX_CHUNKS_PER_BATCH; i++) {
      byte[] raw = new byte[each];
      random.nextBytes(raw);
      worst.addChunks(Chunk.newBuilder().setDigest(Long.MIN_VALUE + i).setRawSize(each).setLz4(true)
          .setData(com.google.protobuf.ByteString.copyFrom(net.jpountz.lz4.LZ4Factory.fastestInstance().fastCompressor().compress(raw))));
    }
    int size = ClientMessage.newBuilder().setChunkBatch(worst).build().getSerializedSize();
    assertThat((long) size).isLessThanOrEqualTo(ChunkIntake.worstCaseMessageBytes(ChunkIntake.MAX_CHUNKS_PER_BATCH, ChunkIntake.MAX_BATCH_RAW_BYTES));
  }

  @Test
  void badBatchAfterAGoodOne_endsTheSync_earlierVersionBuildsExactly() throws Exception {
    byte[] a = Content.utf8("a\n");
    TestSession first = declared(List.of(fileEntry("a", a))).send(chunks(chunkOf(a))).send(commit());
    assertThat(first.next().getCommitted().getVersion()).isEqualTo(1);
    first.halfClose();
    assertThat(first.status().getCode()).isEqualTo(Status.Code.OK);

    byte[] b = Content.utf8("b\n");
    byte[] c = Content.utf8("c\n");
    TestSession second = daemon.session().send(hello(1, 2)).send(begin(1));
    assertThat(second.next().hasHelloAck()).isTrue();
    assertThat(second.next().getSyncReady().getBaseAccepted()).isTrue();
    second.send(batch(List.of(fileEntry("b", b), fileEntry("c", c)), List.of("a"))).send(end(2, 1));
    second.missingUntilLast();
    Chunk forged = chunkOf(c).toBuilder().setData(com.google.protobuf.ByteString.copyFrom(Content.utf8("C\n"))).build();
    second.send(chunks(chunkOf(b))).send(chunks(forged));
    assertThat(second.status().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);

    TestSession third = daemon.session().send(hello(1, 2));
    assertThat(third.next().getHelloAck().getLatestVersion()).isEqualTo(1);
    ClientMessage build = TestSession.build();
    third.send(build.toBuilder().setBuild(build.getBuild().toBuilder().setVersion(1)).build());
    ServerMessage built = third.next();
    assertThat(built.hasBuildResult()).as(built.toString()).isTrue();
    Path tree = Path.of(built.getBuildResult().getMaterializedPath());
    assertThat(Files.readAllBytes(tree.resolve("a"))).isEqualTo(a);
    assertThat(Files.exists(tree.resolve("b"))).isFalse();
  }
}
