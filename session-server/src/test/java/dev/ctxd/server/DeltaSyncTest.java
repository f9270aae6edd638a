package dev.ctxd.server;

import static dev.ctxd.server.TestSession.batch;
import static dev.ctxd.server.TestSession.begin;
import static dev.ctxd.server.TestSession.chunk;
import static dev.ctxd.server.TestSession.commit;
import static dev.ctxd.server.TestSession.end;
import static dev.ctxd.server.TestSession.fileEntry;
import static dev.ctxd.server.TestSession.hello;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ctxd.proto.v1.Entry;
import dev.ctxd.proto.v1.ServerMessage;
import io.grpc.Status;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 8: a delta over a base this daemon committed checks the base's chunks from memory, with the same answers as the store would give. */
class DeltaSyncTest {
  static final byte[] HI = Content.utf8("hello\n");
  static final byte[] BYE = Content.utf8("goodbye\n");
  @TempDir Path temp;
  InProcessDaemon daemon;

  @BeforeEach
  void setUp() throws Exception {
    daemon = new InProcessDaemon(temp.resolve("state"), new Limits(50, 1000, 20));
  }

  @AfterEach
  void tearDown() throws Exception {
    assertThat(daemon.store.check().problems()).isEmpty();
    daemon.close();
  }

  private static Entry at(Entry e, long mtimeNanos) {
    return e.toBuilder().setMtimeNs(mtimeNanos).build();
  }

  private TestSession firstSync() throws Exception {
    TestSession s = daemon.session().send(hello("k")).send(begin(0));
    assertThat(s.next().hasHelloAck()).isTrue();
    assertThat(s.next().hasSyncReady()).isTrue();
    s.send(batch(fileEntry("a", HI), fileEntry("b", BYE))).send(end(2, 0));
    assertThat(s.next().getMissing().getDigestsCount()).isEqualTo(2);
    assertThat(s.next().getMissing().getLast()).isTrue();
    s.send(chunk(HI)).send(chunk(BYE)).send(commit());
    assertThat(s.next().getCommitted().getVersion()).isEqualTo(1);
    return s;
  }

  @Test
  void newTimesOverACommittedBase_requestNoChunk_andTheCopyGetsThem() throws Exception {
    TestSession s = firstSync();
    s.send(begin(1));
    assertThat(s.next().getSyncReady().getBaseAccepted()).isTrue();
    s.send(batch(at(fileEntry("a", HI), 1_700_000_000_000_000_001L), at(fileEntry("b", BYE), 1_700_000_000_000_000_002L))).send(end(2, 0));
    ServerMessage missing = s.next();
    assertThat(missing.getMissing().getDigestsList()).isEmpty();
    assertThat(missing.getMissing().getLast()).isTrue();
    s.send(commit());
    ServerMessage committed = s.next();
    assertThat(committed.getCommitted().getVersion()).isEqualTo(2);
    assertThat(committed.getCommitted().getChunksReceived()).isZero();
    s.send(TestSession.build());
    ServerMessage built = s.next();
    assertThat(built.getBuildResult().getFilesWritten()).isEqualTo(2); // first build of this context
    Path tree = Path.of(built.getBuildResult().getMaterializedPath());
    assertThat(Files.getLastModifiedTime(tree.resolve("b"), LinkOption.NOFOLLOW_LINKS).to(TimeUnit.NANOSECONDS)).isEqualTo(1_700_000_000_000_000_002L);
    assertThat(Files.readString(tree.resolve("a"))).isEqualTo("hello\n");
    s.halfClose();
    assertThat(s.status().getCode()).isEqualTo(Status.Code.OK);
  }

  @Test
  void baseChunkDeclaredWithAnotherLength_isRefusedAsBefore() throws Exception {
    TestSession s = firstSync();
    s.send(begin(1));
    assertThat(s.next().getSyncReady().getBaseAccepted()).isTrue();
    s.send(batch(fileEntry("c", HI).toBuilder().setSize(5).build())).send(end(1, 0));
    Status status = s.status();
    assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(status.getDescription()).isEqualTo("chunk " + Content.digest(HI) + " of entry c is declared with 5 bytes, but the chunk with that digest has 6");
  }

  @Test
  void buildOfTheHeldVersionAgain_writesNothing() throws Exception {
    TestSession s = firstSync();
    s.send(TestSession.build());
    assertThat(s.next().getBuildResult().getFilesWritten()).isEqualTo(2);
    s.send(begin(1));
    assertThat(s.next().getSyncReady().getBaseAccepted()).isTrue();
    s.send(end(0, 0));
    assertThat(s.next().getMissing().getLast()).isTrue();
    s.send(commit());
    assertThat(s.next().getCommitted().getVersion()).isEqualTo(1);
    s.send(TestSession.build());
    ServerMessage again = s.next();
    assertThat(again.getBuildResult().getFilesWritten()).isZero();
    assertThat(again.getBuildResult().getEntriesRemoved()).isZero();
  }
}
