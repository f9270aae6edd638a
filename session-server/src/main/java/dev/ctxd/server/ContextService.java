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
    return new SessionHandler((ServerCallStreamObserver<ServerMessage>) responseObserver, daemon);
  }

  @Override
  public void systemDf(DfRequest request, StreamObserver<DfResponse> out) {
    try {
      out.onNext(UsageMessages.toWire(daemon.pruner().report(), request.getVerbose()));
      out.onCompleted();
    } catch (Exception e) {
      out.onError(StatusMapper.toStatus(e).asRuntimeException());
    }
  }

  @Override
  public void prune(PruneRequest request, StreamObserver<PruneResponse> out) {
    try {
      PruneOptions options = options(request, Instant.now());
      out.onNext(UsageMessages.toWire(daemon.pruner().prune(options, false)));
      out.onCompleted();
    } catch (Exception e) {
      out.onError(StatusMapper.toStatus(e).asRuntimeException());
    }
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
