package dev.ctxd.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctxd.core.HostAddress;
import dev.ctxd.proto.v1.ContextServiceGrpc;
import dev.ctxd.sync.upload.Channels;
import dev.ctxd.sync.upload.DaemonChannel;
import io.grpc.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 5: the real server on a unix socket (Netty epoll): socket permissions and transport limits. */
class CtxDaemonTest {
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

  @Test
  void socketIsOwnerOnly() throws Exception {
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve("run/ctxd.sock")))).isEqualTo("rw-------");
  }

  @Test
  void oversizedFirstMessage_endsTheSessionWithResourceExhausted() throws Exception {
    TestSession s = new TestSession(ContextServiceGrpc.newStub(channel.channel()));
    s.send(TestSession.chunk(1, 1, new byte[CtxDaemon.MAX_MESSAGE_BYTES + 1], false));
    Status status = s.status();
    assertThat(status.getCode()).as(status.toString()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(status.getDescription()).startsWith("gRPC message exceeds maximum size " + CtxDaemon.MAX_MESSAGE_BYTES + ": ");
    assertServesOthers();
  }

  @Test
  void oversizedLaterMessage_endsTheSession() throws Exception {
    TestSession s = new TestSession(ContextServiceGrpc.newStub(channel.channel()));
    s.send(TestSession.hello("k")).send(TestSession.begin(0));
    s.send(TestSession.chunk(1, 1, new byte[CtxDaemon.MAX_MESSAGE_BYTES + 1], false));
    // grpc-java resets a bidi stream whose later message is too large (grpc/grpc-java#11245),
    // so the client sees CANCELLED rather than the RESOURCE_EXHAUSTED the daemon's side records.
    assertThat(s.status().getCode()).isIn(Status.Code.RESOURCE_EXHAUSTED, Status.Code.CANCELLED);
    assertServesOthers();
  }

  private void assertServesOthers() throws Exception {
    TestSession next = new TestSession(ContextServiceGrpc.newStub(channel.channel()));
    assertThat(next.send(TestSession.hello("k")).next().hasHelloAck()).isTrue();
  }
}
