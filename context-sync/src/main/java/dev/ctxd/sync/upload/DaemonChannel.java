package dev.ctxd.sync.upload;

import io.grpc.ManagedChannel;
import io.netty.channel.EventLoopGroup;
import java.util.concurrent.TimeUnit;

/** A channel to a daemon and the event loop it runs on; closing shuts both down. */
public final class DaemonChannel implements AutoCloseable {
  private final ManagedChannel channel;
  private final EventLoopGroup group;

  DaemonChannel(ManagedChannel channel, EventLoopGroup group) {
    this.channel = channel;
    this.group = group;
  }

  public ManagedChannel channel() {
    return channel;
  }

  @Override
  public void close() {
    channel.shutdown();
    try {
      if (!channel.awaitTermination(2, TimeUnit.SECONDS)) channel.shutdownNow();
    } catch (InterruptedException e) {
      channel.shutdownNow();
      Thread.currentThread().interrupt();
    }
    if (group != null) group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }
}
