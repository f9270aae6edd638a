package dev.ctxd.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ctxd.cache.Tenant;
import io.grpc.Attributes;
import io.grpc.Grpc;
import io.grpc.Metadata;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** Issue 5: how a call's transport attributes and headers become its tenant. */
class TenantInterceptorTest {
  static final String TOKEN = "t".repeat(43);

  static Metadata bearer(String value) {
    Metadata m = new Metadata();
    m.put(TenantInterceptor.AUTHORIZATION, value);
    return m;
  }

  @Test
  void peerUid_isTheTenant_andTheDaemonsOwnUidIsTheOwner() throws Exception {
    TenantInterceptor unix = new TenantInterceptor(1000, null, false);
    assertThat(unix.identify(Attributes.newBuilder().set(TenantInterceptor.PEER_UID, 1000).build(), new Metadata()))
        .isEqualTo(new Tenant("uid:1000", true));
    assertThat(unix.identify(Attributes.newBuilder().set(TenantInterceptor.PEER_UID, 1001).build(), new Metadata()))
        .isEqualTo(new Tenant("uid:1001", false));
    // a uid beyond 2^31 (as the kernel may report) prints unsigned
    assertThat(unix.identify(Attributes.newBuilder().set(TenantInterceptor.PEER_UID, -2).build(), new Metadata()).id()).isEqualTo("uid:4294967294");
  }

  @Test
  void unixConnectionWithoutPeerCredentials_isRefused_evenWithAToken() {
    TenantInterceptor unix = new TenantInterceptor(1000, null, false);
    assertThatThrownBy(() -> unix.identify(Attributes.EMPTY, bearer("Bearer " + TOKEN)))
        .isInstanceOf(TenantInterceptor.UnauthenticatedException.class)
        .hasMessage("the daemon cannot identify this connection (no peer credentials, client certificate or token)");
  }

  @Test
  void token_mustMatchExactly() throws Exception {
    TenantInterceptor tcp = new TenantInterceptor(1000, TOKEN, false);
    assertThat(tcp.identify(Attributes.EMPTY, bearer("Bearer " + TOKEN))).isEqualTo(new Tenant("token", false));
    for (String wrong : new String[] {"Bearer " + TOKEN + "x", "bearer " + TOKEN, TOKEN, "Bearer ", "Basic " + TOKEN}) {
      assertThatThrownBy(() -> tcp.identify(Attributes.EMPTY, bearer(wrong))).hasMessage("wrong bearer token");
    }
  }

  @Test
  void anonymousTcp_onlyWhenAllowed_andOnlyForTcpPeers() throws Exception {
    Attributes tcpPeer = Attributes.newBuilder().set(Grpc.TRANSPORT_ATTR_REMOTE_ADDR, new InetSocketAddress("127.0.0.1", 5000)).build();
    assertThat(new TenantInterceptor(1000, null, true).identify(tcpPeer, new Metadata())).isEqualTo(new Tenant("tcp-anonymous", false));
    assertThatThrownBy(() -> new TenantInterceptor(1000, null, true).identify(Attributes.EMPTY, new Metadata()))
        .isInstanceOf(TenantInterceptor.UnauthenticatedException.class);
  }
}
