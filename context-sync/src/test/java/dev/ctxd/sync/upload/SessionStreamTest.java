package dev.ctxd.sync.upload;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ctxd.proto.v1.ClientMessage;
import dev.ctxd.proto.v1.ContextServiceGrpc;
import dev.ctxd.proto.v1.Ping;
import dev.ctxd.proto.v1.Pong;
import dev.ctxd.proto.v1.ServerMessage;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A daemon that dies with replies still unread: the client says the connection was lost. */
class SessionStreamTest {
  private Server server;
  private ManagedChannel channel;

  @AfterEach
  void tearDown() {
    if (channel != null) channel.shutdownNow();
    if (server != null) server.shutdownNow();
  }

  @Test
  void send_afterTheDaemonDiedWithARepliesUnread_reportsTheLostConnection() throws Exception {
    String name = InProcessServerBuilder.generateName();
    server = InProcessServerBuilder.forName(name).directExecutor().addService(new ContextServiceGrpc.ContextServiceImplBase() {
      @Override
      public StreamObserver<ClientMessage> session(StreamObserver<ServerMessage> out) {
        return new StreamObserver<>() {
          @Override
          public void onNext(ClientMessage m) {
            out.onNext(ServerMessage.newBuilder().setPong(Pong.newBuilder().setNonce(1)).build());
            out.onError(Status.UNAVAILABLE.withDescription("the daemon was killed").asRuntimeException());
          }

          @Override public void onError(Throwable t) {}
          @Override public void onCompleted() {}
        };
      }
    }).build().start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    SessionStream stream = new SessionStream(ContextServiceGrpc.newStub(channel), Duration.ofSeconds(5));
    ClientMessage ping = ClientMessage.newBuilder().setPing(Ping.newBuilder().setNonce(1)).build();
    stream.send(ping); // answered by a pong, then the stream fails

    assertThatThrownBy(() -> stream.send(ping)).isInstanceOf(SyncException.class)
        .hasMessage("lost the connection to the daemon: the daemon was killed");
  }
}
