package dev.ctxd.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctxd.proto.v1.ClientMessage;
import dev.ctxd.proto.v1.Ping;
import dev.ctxd.proto.v1.ServerMessage;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 5: a client that stops writing, or stops reading, is ended after the idle timeout. */
class IdleTimeoutTest {
  private static final String IDLE = "session idle for 200ms (the client sent nothing, or stopped reading replies); the daemon ended it";
  @TempDir Path temp;
  InProcessDaemon daemon;

  @BeforeEach
  void setUp() throws Exception {
    daemon = new InProcessDaemon(temp.resolve("state"), Limits.defaults().withIdleTimeout(Duration.ofMillis(200)));
  }

  @AfterEach
  void tearDown() throws Exception {
    daemon.close();
  }

  @Test
  void clientThatStopsWriting_isEndedWithDeadlineExceeded() throws Exception {
    TestSession s = daemon.session().send(TestSession.hello("k"));
    assertThat(s.next().hasHelloAck()).isTrue();
    assertThat(daemon.context.inUse("k")).isTrue();
    Status status = s.status();
    assertThat(status.getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
    assertThat(status.getDescription()).isEqualTo(IDLE);
    assertThat(daemon.context.inUse("k")).isFalse();
  }

  @Test
  void clientThatStopsWritingMidSync_isEnded() throws Exception {
    TestSession s = daemon.session().send(TestSession.hello("k")).send(TestSession.begin(0))
        .send(TestSession.batch(TestSession.fileEntry("a", Content.utf8("x"))));
    assertThat(s.status().getDescription()).isEqualTo(IDLE);
    assertThat(daemon.store.latestVersion("k")).isZero();
  }

  @Test
  void clientThatStopsReading_isNotReadFromAndIsEnded() throws Exception {
    List<ServerMessage> replies = new CopyOnWriteArrayList<>();
    CompletableFuture<Status> end = new CompletableFuture<>();
    CompletableFuture<ClientCallStreamObserver<ClientMessage>> call = new CompletableFuture<>();
    var requests = dev.ctxd.proto.v1.ContextServiceGrpc.newStub(daemon.channel()).session(new ClientResponseObserver<ClientMessage, ServerMessage>() {
      @Override public void beforeStart(ClientCallStreamObserver<ClientMessage> stream) {
        stream.disableAutoRequestWithInitial(0);
        call.complete(stream);
      }
      @Override public void onNext(ServerMessage m) { replies.add(m); }
      @Override public void onError(Throwable t) { end.complete(Status.fromThrowable(t)); }
      @Override public void onCompleted() { end.complete(Status.OK); }
    });
    requests.onNext(TestSession.hello("k"));
    for (int i = 0; i < 1000; i++) requests.onNext(ClientMessage.newBuilder().setPing(Ping.newBuilder().setNonce(i)).build());
    // The unread HelloAck stops the daemon's reads, so the pings wait unread until the idle timeout.
    awaitClosed("k");
    call.get().request(Integer.MAX_VALUE);
    Status status = end.get(10, TimeUnit.SECONDS);
    assertThat(status.getDescription()).isEqualTo(IDLE);
    assertThat(replies).hasSize(1);
    assertThat(replies.get(0).hasHelloAck()).isTrue();
  }

  private void awaitClosed(String key) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (daemon.context.inUse(key)) {
      assertThat(System.nanoTime()).as("session released within 10 s").isLessThan(deadline);
      Thread.sleep(10);
    }
  }
}
