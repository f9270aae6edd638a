package dev.ctxd.server;

import static dev.ctxd.server.TestSession.batch;
import static dev.ctxd.server.TestSession.begin;
import static dev.ctxd.server.TestSession.commit;
import static dev.ctxd.server.TestSession.end;
import static dev.ctxd.server.TestSession.fileEntry;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.ctxd.core.HostAddress;
import dev.ctxd.proto.v1.Chunk;
import dev.ctxd.proto.v1.ChunkBatch;
import dev.ctxd.proto.v1.ClientMessage;
import dev.ctxd.proto.v1.ContextServiceGrpc;
import dev.ctxd.proto.v1.Entry;
import dev.ctxd.sync.upload.Channels;
import dev.ctxd.sync.upload.DaemonChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jpountz.lz4.LZ4Factory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 8: a ChunkBatch within the documented limits (4096 chunks, 3 MiB of raw bytes) reaches
 * the real daemon whole, raw or LZ4 (incompressible LZ4 blocks are a little larger than their
 * bytes): the transport's message limit must not be below the protocol's own. At 4 MiB of raw
 * bytes the batch passed the protocol's check but not the message limit, and the stream was reset.
 */
class BatchOverTheWireTest {
  @TempDir Path temp;
  CtxDaemon daemon;
  DaemonChannel channel;

  @BeforeEach
  void setUp() throws Exception {
    daemon = CtxDaemon.start(temp.resolve("state"), HostAddress.unix(temp.resolve("run/ctxd.sock")), Limits.defaults());
    channel = Channels.open(daemon.address());
  }

  @AfterEach
  void tearDown() {
    channel.close();
    daemon.close();
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void batchOfExactlyTheRawByteLimit_overTheUnixSocket_commits(boolean lz4) throws Exception {
    Random random = new Random(44);
    int count = (int) ((ChunkIntake.MAX_BATCH_RAW_BYTES + dev.ctxd.core.Chunking.CHUNK_SIZE - 1) / dev.ctxd.core.Chunking.CHUNK_SIZE); // chunks of at most 1 MiB
    List<Entry> files = new ArrayList<>();
    ChunkBatch.Builder all = ChunkBatch.newBuilder();
    for (int i = 0; i < count; i++) {
      byte[] content = new byte[(int) (ChunkIntake.MAX_BATCH_RAW_BYTES / count)];
      random.nextBytes(content);
      files.add(fileEntry("f" + i, content));
      Chunk.Builder chunk = ChunkBatchTest.chunkOf(content).toBuilder();
      if (lz4) chunk.setLz4(true).setData(ByteString.copyFrom(LZ4Factory.fastestInstance().fastCompressor().compress(content)));
      all.addChunks(chunk);
    }
    TestSession s = new TestSession(ContextServiceGrpc.newStub(channel.channel()));
    s.send(ChunkBatchTest.hello(1, 2)).send(begin(0));
    assertThat(s.next().getHelloAck().getProtocolVersion()).isEqualTo(2);
    assertThat(s.next().hasSyncReady()).isTrue();
    s.send(batch(files, List.of())).send(end(count, 0));
    assertThat(s.missingUntilLast()).hasSize(count);
    s.send(ClientMessage.newBuilder().setChunkBatch(all).build()).send(commit());
    var reply = s.next();
    assertThat(reply).as("Committed, not the stream's end").isNotNull();
    assertThat(reply.getCommitted().getChunkBytesReceived()).isEqualTo(ChunkIntake.MAX_BATCH_RAW_BYTES);
  }
}
