package dev.ctxd.sync.upload;

import dev.ctxd.core.HostAddress;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.unix.DomainSocketAddress;
import java.util.concurrent.TimeUnit;

/** Opens gRPC channels to a daemon address. The caller closes the returned channel. */
public final class Channels {
  /** Large enough for one chunk plus framing; the daemon enforces the same limit. */
  public static final int MAX_MESSAGE_BYTES = 4 << 20;

  private Channels() {}

  /** As {@link #open(HostAddress, ClientSecurity)} with {@link ClientSecurity#fromEnvironment} for TCP. */
  public static DaemonChannel open(HostAddress address) {
    if (address.scheme() == HostAddress.Scheme.UNIX) return open(address, ClientSecurity.none());
    return open(address, ClientSecurity.fromEnvironment(System.getenv(), dev.ctxd.sync.XdgDirs.fromEnvironment().daemonRoot().resolve("auth-token")));
  }

  /**
   * Why a unix socket cannot be reached, in words a user can act on (gRPC only says "io
   * exception"); null when it accepts a connection or the address is TCP.
   */
  public static String unreachableReason(HostAddress address) {
    if (address.scheme() != HostAddress.Scheme.UNIX) return null;
    java.nio.file.Path socket = address.socket();
    if (!java.nio.file.Files.exists(socket)) return "no socket at " + socket + " (is the daemon running? start one with: ctx daemon --host " + address + ")";
    try (java.nio.channels.SocketChannel probe = java.nio.channels.SocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
      probe.connect(java.net.UnixDomainSocketAddress.of(socket));
      return null;
    } catch (java.io.IOException e) {
      return "no daemon listens on " + socket + " (" + e.getMessage() + "; a daemon that died leaves its socket behind)";
    }
  }

  public static DaemonChannel open(HostAddress address, ClientSecurity security) {
    if (address.scheme() == HostAddress.Scheme.TCP && !security.tls() && !isLoopback(address.host())) {
      // The daemon refuses such a listener; the client must not send contexts in the clear either.
      throw new IllegalArgumentException("refusing to send build contexts to " + address + " without TLS: a daemon on another host "
          + "needs CTXD_TLS_VERIFY=1 and CTXD_CERT_PATH (ca.pem, cert.pem, key.pem), as docker does");
    }
    if (address.scheme() == HostAddress.Scheme.TCP && address.port() == 0) {
      throw new IllegalArgumentException("port 0 names no daemon: " + address);
    }
    NettyChannelBuilder builder;
    EventLoopGroup group = null;
    if (address.scheme() == HostAddress.Scheme.UNIX) {
      group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
      builder = NettyChannelBuilder.forAddress(new DomainSocketAddress(address.socket().toString()))
          .eventLoopGroup(group)
          .channelType(EpollDomainSocketChannel.class)
          .usePlaintext();
    } else {
      builder = NettyChannelBuilder.forAddress(address.host(), address.port(), credentials(security));
      if (security.token() != null) {
        io.grpc.Metadata headers = new io.grpc.Metadata();
        headers.put(io.grpc.Metadata.Key.of("authorization", io.grpc.Metadata.ASCII_STRING_MARSHALLER), "Bearer " + security.token());
        builder.intercept(io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(headers));
      }
    }
    ManagedChannel channel = builder
        .maxInboundMessageSize(MAX_MESSAGE_BYTES)
        .keepAliveTime(30, TimeUnit.SECONDS)
        .keepAliveWithoutCalls(true)
        .build();
    return new DaemonChannel(channel, group);
  }

  /** A literal or a name of this machine's loopback; a name is resolved (DNS only, no traffic to the host). */
  static boolean isLoopback(String host) {
    try {
      return java.net.InetAddress.getByName(host).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  private static io.grpc.ChannelCredentials credentials(ClientSecurity security) {
    if (!security.tls()) return io.grpc.InsecureChannelCredentials.create();
    try {
      io.grpc.TlsChannelCredentials.Builder tls = io.grpc.TlsChannelCredentials.newBuilder().trustManager(security.caCert().toFile());
      if (security.cert() != null) tls.keyManager(security.cert().toFile(), security.key().toFile());
      return tls.build();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("load TLS files " + security.caCert() + ", " + security.cert() + ", " + security.key() + ": " + e.getMessage(), e);
    }
  }
}
