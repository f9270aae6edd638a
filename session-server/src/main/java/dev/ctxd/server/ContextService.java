package dev.ctxd.server;

import dev.ctxd.proto.v1.ClientMessage;
import dev.ctxd.proto.v1.ContextServiceGrpc;
import dev.ctxd.proto.v1.ServerMessage;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/** The gRPC service: one {@link SessionHandler} per session stream. */
final class ContextService extends ContextServiceGrpc.ContextServiceImplBase {
  private final DaemonContext daemon;

  ContextService(DaemonContext daemon) {
    this.daemon = daemon;
  }

  @Override
  public StreamObserver<ClientMessage> session(StreamObserver<ServerMessage> responseObserver) {
    return new SessionHandler((ServerCallStreamObserver<ServerMessage>) responseObserver, daemon);
  }
}
