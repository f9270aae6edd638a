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

  public static DaemonChannel open(HostAddress address) {
    NettyChannelBuilder builder;
    EventLoopGroup group = null;
    if (address.scheme() == HostAddress.Scheme.UNIX) {
      group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
      builder = NettyChannelBuilder.forAddress(new DomainSocketAddress(address.socket().toString()))
          .eventLoopGroup(group)
          .channelType(EpollDomainSocketChannel.class);
    } else {
      builder = NettyChannelBuilder.forAddress(address.host(), address.port());
    }
    ManagedChannel channel = builder
        .usePlaintext()
        .maxInboundMessageSize(MAX_MESSAGE_BYTES)
        .keepAliveTime(30, TimeUnit.SECONDS)
        .keepAliveWithoutCalls(true)
        .build();
    return new DaemonChannel(channel, group);
  }
}
