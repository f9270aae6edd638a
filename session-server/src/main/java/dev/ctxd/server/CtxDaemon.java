package dev.ctxd.server;

import dev.ctxd.cache.CacheStore;
import dev.ctxd.core.HostAddress;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running ctxd daemon: the cache store under {@code root}, the materialized copies beside
 * it, and the gRPC server on a unix socket (Netty epoll) or TCP. The creator closes it;
 * {@link #close()} stops accepting, lets sessions finish briefly, then closes the store.
 */
public final class CtxDaemon implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CtxDaemon.class);
  /** Large enough for one chunk plus framing, and for any ChunkBatch within its limits (ChunkIntake); clients use the same limit. */
  public static final int MAX_MESSAGE_BYTES = 4 << 20;

  private final CacheStore store;
  private final Server server;
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final ExecutorService executor;
  private final HostAddress address;
  private final DaemonContext context;
  private boolean closed;

  private CtxDaemon(CacheStore store, Server server, EventLoopGroup boss, EventLoopGroup workers, ExecutorService executor, HostAddress address,
      DaemonContext context) {
    this.context = context;
    this.store = store;
    this.server = server;
    this.boss = boss;
    this.workers = workers;
    this.executor = executor;
    this.address = address;
  }

  /** Opens the store under {@code root} and starts serving on {@code address}, metering nowhere. */
  public static CtxDaemon start(Path root, HostAddress address, Limits limits) throws IOException {
    return start(root, address, limits, null);
  }

  /**
   * As {@link #start(Path, HostAddress, Limits)}, registering the daemon's meters (see
   * {@link DaemonMetrics}) in {@code registry}, which stays the caller's; null for none.
   */
  public static CtxDaemon start(Path root, HostAddress address, Limits limits, io.micrometer.core.instrument.MeterRegistry registry) throws IOException {
    return start(root, address, limits, registry, null);
  }

  /**
   * As {@link #start(Path, HostAddress, Limits, io.micrometer.core.instrument.MeterRegistry)};
   * a unix socket is shared read-write with {@code socketGroup} (null: owner-only), as
   * Docker's {@code --group} does. A TCP address must be loopback (see {@link ListenerPolicy}).
   */
  public static CtxDaemon start(Path root, HostAddress address, Limits limits, io.micrometer.core.instrument.MeterRegistry registry,
      String socketGroup) throws IOException {
    return start(root, address, limits, registry, socketGroup, TcpSecurity.tokenOnly(), GcPolicy.defaults(root));
  }

  /** As the other overloads, with {@code tcp} saying how a TCP listener authenticates. */
  public static CtxDaemon start(Path root, HostAddress address, Limits limits, io.micrometer.core.instrument.MeterRegistry registry,
      String socketGroup, TcpSecurity tcp) throws IOException {
    return start(root, address, limits, registry, socketGroup, tcp, GcPolicy.defaults(root));
  }

  /** As the other overloads, collecting garbage by {@code gc} (docs/cache.md). */
  public static CtxDaemon start(Path root, HostAddress address, Limits limits, io.micrometer.core.instrument.MeterRegistry registry,
      String socketGroup, GcPolicy gc) throws IOException {
    return start(root, address, limits, registry, socketGroup, TcpSecurity.tokenOnly(), gc);
  }

  /**
   * As {@link #start(Path, HostAddress, Limits, io.micrometer.core.instrument.MeterRegistry, String)}
   * with {@code tcp} saying how a TCP listener authenticates (ignored for a unix socket, whose
   * callers are identified by their uid) and {@code gc} the garbage collection policy. The
   * bearer token, when used, is in {@code root/}{@value TokenFile#NAME}.
   */
  public static CtxDaemon start(Path root, HostAddress address, Limits limits, io.micrometer.core.instrument.MeterRegistry registry,
      String socketGroup, TcpSecurity tcp, GcPolicy gc) throws IOException {
    ListenerPolicy.checkTcp(address, tcp);
    Files.createDirectories(root);
    CacheStore store = CacheStore.open(root.resolve("cache"));
    try {
      Materializer materializer = new Materializer(root.resolve("contexts"), store);
      DaemonMetrics metrics = registry == null ? DaemonMetrics.none() : new DaemonMetrics(registry, store::diskBytes, System::nanoTime);
      DaemonContext context = new DaemonContext(store, materializer, limits, metrics);
      ExecutorService executor = Executors.newCachedThreadPool(named("ctxd-rpc"));
      NettyServerBuilder builder;
      TenantInterceptor interceptor;
      EventLoopGroup boss = null;
      EventLoopGroup workers = null;
      if (address.scheme() == HostAddress.Scheme.UNIX) {
        prepareSocketPath(address.socket());
        boss = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        workers = new MultiThreadIoEventLoopGroup(2, EpollIoHandler.newFactory());
        builder = NettyServerBuilder.forAddress(new DomainSocketAddress(address.socket().toString()), PeerCredentialsNegotiator.credentials())
            .channelType(EpollServerDomainSocketChannel.class)
            .bossEventLoopGroup(boss)
            .workerEventLoopGroup(workers);
        interceptor = new TenantInterceptor(OwnerUid.get(), null, false);
      } else {
        builder = NettyServerBuilder.forAddress(new InetSocketAddress(address.host(), address.port()), TcpCredentials.of(tcp));
        interceptor = new TenantInterceptor(OwnerUid.get(), tcp.usesToken() ? TokenFile.loadOrCreate(root) : null, tcp.noAuth());
        if (tcp.usesToken()) log.info("TCP clients authenticate with the bearer token in {}", root.resolve(TokenFile.NAME));
      }
      Server server = builder
          .executor(executor)
          .maxInboundMessageSize(MAX_MESSAGE_BYTES)
          // Clients ping every 30 s; more often than every 10 s is abuse and closes the connection.
          .permitKeepAliveTime(10, TimeUnit.SECONDS)
          .permitKeepAliveWithoutCalls(true)
          // The daemon pings a quiet connection, so a peer that vanished (TCP) is dropped and its
          // sessions released instead of waiting for the idle timeout.
          .keepAliveTime(1, TimeUnit.MINUTES)
          .keepAliveTimeout(20, TimeUnit.SECONDS)
          .addService(io.grpc.ServerInterceptors.intercept(new ContextService(context), interceptor))
          .build()
          .start();
      if (address.scheme() == HostAddress.Scheme.UNIX) {
        // The socket gives access to every context the daemon holds.
        try {
          ListenerPolicy.secureSocket(address.socket(), socketGroup);
        } catch (IOException e) {
          server.shutdownNow();
          throw e;
        }
      }
      context.startGc(gc);
      log.info("ctxd daemon serving on {} with state in {}", address, root);
      return new CtxDaemon(store, server, boss, workers, executor, address, context);
    } catch (IOException | RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /** A stale socket file from a daemon that died is removed; a live one is an error. */
  private static void prepareSocketPath(Path socket) throws IOException {
    Files.createDirectories(socket.getParent());
    if (!Files.exists(socket)) return;
    try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      probe.connect(UnixDomainSocketAddress.of(socket));
      throw new IOException("another daemon is already listening on " + socket);
    } catch (IOException refused) {
      if (refused.getMessage() != null && refused.getMessage().startsWith("another daemon")) throw refused;
      Files.deleteIfExists(socket);
    }
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  public HostAddress address() {
    if (address.scheme() == HostAddress.Scheme.TCP && address.port() == 0) {
      return new HostAddress(HostAddress.Scheme.TCP, null, address.host(), ((InetSocketAddress) server.getListenSockets().get(0)).getPort());
    }
    return address;
  }

  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    server.shutdown();
    try {
      if (!server.awaitTermination(5, TimeUnit.SECONDS)) server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
    executor.shutdownNow();
    context.close();
    // Event loops after the server, the store last: in-flight calls may still touch it.
    if (workers != null) workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    if (boss != null) boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    store.close();
    if (address.scheme() == HostAddress.Scheme.UNIX) {
      try {
        Files.deleteIfExists(address.socket());
      } catch (IOException e) {
        log.warn("could not remove socket {}: {}", address.socket(), e.getMessage());
      }
    }
    log.info("ctxd daemon stopped");
  }
}
