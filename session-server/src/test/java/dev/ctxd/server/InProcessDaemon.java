package dev.ctxd.server;

import dev.ctxd.cache.CacheStore;
import dev.ctxd.proto.v1.ContextServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A daemon's service on an in-process gRPC server with a real store under {@code root}. Closes all it opened. */
final class InProcessDaemon implements AutoCloseable {
  final Path root;
  final CacheStore store;
  final DaemonContext context;
  private final Server server;
  private final ManagedChannel channel;

  InProcessDaemon(Path root, Limits limits) throws Exception {
    this.root = root;
    this.store = CacheStore.open(root.resolve("cache"));
    this.context = new DaemonContext(store, new Materializer(root.resolve("contexts"), store), limits);
    String name = InProcessServerBuilder.generateName();
    this.server = InProcessServerBuilder.forName(name).directExecutor().addService(new ContextService(context)).build().start();
    this.channel = InProcessChannelBuilder.forName(name).directExecutor().build();
  }

  ManagedChannel channel() {
    return channel;
  }

  TestSession session() {
    return new TestSession(ContextServiceGrpc.newStub(channel));
  }

  @Override
  public void close() throws Exception {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    context.close();
    store.close();
  }
}
