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
    dev.ctxd.cache.Tenant tenant = TenantInterceptor.TENANT.get();
    if (tenant == null) {
      // fail closed: a server built without TenantInterceptor must not serve one shared tenant
      responseObserver.onError(io.grpc.Status.UNAUTHENTICATED.withDescription("the daemon could not identify the caller").asRuntimeException());
      return new StreamObserver<>() {
        @Override public void onNext(ClientMessage m) {}
        @Override public void onError(Throwable t) {}
        @Override public void onCompleted() {}
      };
    }
    return new SessionHandler((ServerCallStreamObserver<ServerMessage>) responseObserver, daemon, tenant);
  }
}
