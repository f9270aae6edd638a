package dev.ctxd.cli;

import dev.ctxd.core.HostAddress;
import dev.ctxd.proto.v1.ContextServiceGrpc;
import dev.ctxd.proto.v1.DfRequest;
import dev.ctxd.proto.v1.PruneRequest;
import dev.ctxd.server.PruneResult;
import dev.ctxd.server.UsageMessages;
import dev.ctxd.server.UsageReport;
import dev.ctxd.sync.upload.Channels;
import dev.ctxd.sync.upload.DaemonChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** The df and prune calls of a daemon, as the CLI's types. The caller closes it. Not thread-safe. */
final class AdminClient implements AutoCloseable {
  private static final long DF_DEADLINE_SECONDS = 120;
  // A prune compacts the store; on a large cache that rewrites gigabytes.
  private static final long PRUNE_DEADLINE_SECONDS = 3600;

  private final HostAddress address;
  private final DaemonChannel channel;

  AdminClient(HostAddress address) {
    this.address = address;
    this.channel = Channels.open(address);
  }

  UsageReport df(boolean verbose) throws IOException {
    try {
      return UsageMessages.fromWire(ContextServiceGrpc.newBlockingStub(channel.channel())
          .withDeadlineAfter(DF_DEADLINE_SECONDS, TimeUnit.SECONDS)
          .systemDf(DfRequest.newBuilder().setVerbose(verbose).build()));
    } catch (StatusRuntimeException e) {
      throw failed("system df", e);
    }
  }

  PruneResult prune(PruneRequest request) throws IOException {
    try {
      return UsageMessages.fromWire(ContextServiceGrpc.newBlockingStub(channel.channel())
          .withDeadlineAfter(PRUNE_DEADLINE_SECONDS, TimeUnit.SECONDS)
          .prune(request));
    } catch (StatusRuntimeException e) {
      throw failed("prune", e);
    }
  }

  private IOException failed(String what, StatusRuntimeException e) {
    Status s = e.getStatus();
    if (s.getCode() == Status.Code.UNAVAILABLE) {
      String reason = dev.ctxd.sync.upload.Channels.unreachableReason(address);
      return new IOException("cannot connect to the ctxd daemon at " + address + ": " + (reason != null ? reason : s.getDescription()), e);
    }
    if (s.getCode() == Status.Code.UNIMPLEMENTED) return new IOException("the daemon at " + address + " is too old for " + what + "; restart it", e);
    return new IOException(what + " failed: " + (s.getDescription() == null ? s.getCode().toString() : s.getDescription()), e);
  }

  @Override
  public void close() {
    channel.close();
  }
}
