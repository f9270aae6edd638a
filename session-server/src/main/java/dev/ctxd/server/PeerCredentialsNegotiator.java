package dev.ctxd.server;

import io.grpc.Attributes;
import io.grpc.ServerCredentials;
import io.grpc.netty.GrpcHttp2ConnectionHandler;
import io.grpc.netty.InternalNettyServerCredentials;
import io.grpc.netty.InternalProtocolNegotiationEvent;
import io.grpc.netty.InternalProtocolNegotiator;
import io.grpc.netty.InternalProtocolNegotiators;
import io.grpc.netty.ProtocolNegotiationEvent;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.util.AsciiString;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plaintext negotiation for the unix socket that also records the peer's uid (SO_PEERCRED,
 * read by Netty's {@link EpollDomainSocketChannel#peerCredentials()}) in the transport
 * attributes under {@link TenantInterceptor#PEER_UID}, where {@link TenantInterceptor} finds it.
 *
 * <p>Hand-written on grpc-netty's {@code Internal*} negotiator API because grpc-java exposes
 * neither the Netty channel nor peer credentials to a call (grpc-java issue 2646, open); ALTS
 * and S2A add their transport attributes the same way. The uid is the one the kernel recorded
 * when the peer connected; a peer cannot choose it.
 */
final class PeerCredentialsNegotiator implements InternalProtocolNegotiator.ProtocolNegotiator {
  private static final Logger log = LoggerFactory.getLogger(PeerCredentialsNegotiator.class);
  private final InternalProtocolNegotiator.ProtocolNegotiator plaintext = InternalProtocolNegotiators.serverPlaintext();

  static ServerCredentials credentials() {
    return InternalNettyServerCredentials.create(new PeerCredentialsNegotiator());
  }

  @Override
  public AsciiString scheme() {
    return plaintext.scheme();
  }

  @Override
  public ChannelHandler newHandler(GrpcHttp2ConnectionHandler grpcHandler) {
    return new PeerCredentialsHandler(plaintext.newHandler(grpcHandler));
  }

  @Override
  public void close() {
    plaintext.close();
  }

  /** Sits before the plaintext handler, adds the uid to the negotiation event, then leaves the pipeline. */
  private static final class PeerCredentialsHandler extends ChannelInboundHandlerAdapter {
    private final ChannelHandler next;

    PeerCredentialsHandler(ChannelHandler next) {
      this.next = next;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
      ctx.pipeline().addAfter(ctx.name(), null, next);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
      if (!(event instanceof ProtocolNegotiationEvent negotiation)) {
        super.userEventTriggered(ctx, event);
        return;
      }
      Attributes.Builder attributes = InternalProtocolNegotiationEvent.getAttributes(negotiation).toBuilder();
      if (ctx.channel() instanceof EpollDomainSocketChannel socket) {
        try {
          attributes.set(TenantInterceptor.PEER_UID, socket.peerCredentials().uid());
        } catch (IOException e) {
          // without a uid the interceptor refuses every call on this connection
          log.warn("cannot read the peer credentials of a unix socket connection: {}", e.getMessage());
        }
      }
      ctx.pipeline().remove(this);
      ctx.fireUserEventTriggered(InternalProtocolNegotiationEvent.withAttributes(negotiation, attributes.build()));
    }
  }
}
