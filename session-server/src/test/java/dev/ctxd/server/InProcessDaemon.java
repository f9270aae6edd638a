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
    this(root, limits, ChunkHasher.XXHASH64);
  }

  InProcessDaemon(Path root, Limits limits, ChunkHasher hasher) throws Exception {
    this.root = root;
    this.store = CacheStore.open(root.resolve("cache"));
    this.context = new DaemonContext(store, new Materializer(root.resolve("contexts"), store), limits, DaemonMetrics.none(), hasher);
    String name = InProcessServerBuilder.generateName();
    this.server = InProcessServerBuilder.forName(name).directExecutor().addService(io.grpc.ServerInterceptors.intercept(new ContextService(context), new TestTenants())).build().start();
    this.channel = InProcessChannelBuilder.forName(name).directExecutor().build();
  }

  ManagedChannel channel() {
    return channel;
  }

  TestSession session() {
    return new TestSession(ContextServiceGrpc.newStub(channel));
  }

  /** A session whose caller is tenant {@code tenantId} (see {@link TestTenants}). */
  TestSession session(String tenantId) {
    io.grpc.Metadata headers = new io.grpc.Metadata();
    headers.put(TestTenants.HEADER, tenantId);
    return new TestSession(ContextServiceGrpc.newStub(channel).withInterceptors(io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(headers)));
  }

  /** Stores every text as a chunk uploaded by the daemon's owner, as its sessions would. */
  void storeAsOwner(String... texts) throws Exception {
    dev.ctxd.cache.Tenant owner = dev.ctxd.cache.Tenant.uid(OwnerUid.get(), true);
    for (String t : texts) context.ownership().put(owner, Content.digest(Content.utf8(t)), Content.utf8(t));
  }

  @Override
  public void close() throws Exception {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    context.close();
    store.close();
  }
}
