package dev.ctxd.server;

import dev.ctxd.proto.v1.ClientMessage;
import dev.ctxd.proto.v1.ContextServiceGrpc;
import dev.ctxd.proto.v1.DfRequest;
import dev.ctxd.proto.v1.DfResponse;
import dev.ctxd.proto.v1.PruneRequest;
import dev.ctxd.proto.v1.PruneResponse;
import dev.ctxd.proto.v1.ServerMessage;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Instant;

/** The gRPC service: one {@link SessionHandler} per session stream; df and prune as unary calls. */
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

  @Override
  public void systemDf(DfRequest request, StreamObserver<DfResponse> out) {
    if (!operator(out)) return;
    try {
      out.onNext(UsageMessages.toWire(daemon.pruner().report(), request.getVerbose()));
      out.onCompleted();
    } catch (Exception e) {
      out.onError(StatusMapper.toStatus(e).asRuntimeException());
    }
  }

  @Override
  public void prune(PruneRequest request, StreamObserver<PruneResponse> out) {
    if (!operator(out)) return;
    try {
      PruneOptions options = options(request, Instant.now());
      out.onNext(UsageMessages.toWire(daemon.pruner().prune(options, false)));
      out.onCompleted();
    } catch (Exception e) {
      out.onError(StatusMapper.toStatus(e).asRuntimeException());
    }
  }

  /**
   * df and prune see and remove every tenant's contexts, so they are the operator's: the
   * daemon's own uid, or a TCP caller holding the daemon's token or a verified certificate
   * (as Docker's socket and --tlsverify give full access). Other uids that reach the socket
   * through --group, and anonymous TCP, may build but not prune.
   */
  private static boolean operator(StreamObserver<?> out) {
    dev.ctxd.cache.Tenant tenant = TenantInterceptor.TENANT.get();
    boolean allowed = tenant != null && (tenant.owner() || tenant.id().equals("token") || tenant.id().startsWith("cert:"));
    if (!allowed) {
      out.onError(io.grpc.Status.PERMISSION_DENIED.withDescription("ctx system df and ctx prune are for the daemon's operator (its own user, "
          + "or a TCP client with its token or a verified certificate); this caller is " + (tenant == null ? "unidentified" : tenant.id())).asRuntimeException());
    }
    return allowed;
  }

  /** The request checked at the edge: at most 16 filters, each valid, sizes within a signed long. */
  static PruneOptions options(PruneRequest request, Instant now) {
    if (request.getFiltersCount() > 16) throw new IllegalArgumentException("too many filters: " + request.getFiltersCount() + " (at most 16)");
    for (long size : new long[] {request.getReservedSpace(), request.getMaxUsedSpace(), request.getMinFreeSpace()}) {
      if (size < 0) throw new IllegalArgumentException("space limit too large: " + Long.toUnsignedString(size) + " bytes");
    }
    PruneFilters.Parsed filters = PruneFilters.parse(request.getFiltersList(), now);
    return new PruneOptions(request.getAll(), filters.until(), filters.ids(), request.getReservedSpace(), request.getMaxUsedSpace(),
        request.getMinFreeSpace());
  }
}
