package dev.ctxd.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ctxd.core.HostAddress;
import dev.ctxd.proto.v1.ContextServiceGrpc;
import dev.ctxd.proto.v1.ServerMessage;
import dev.ctxd.sync.upload.Channels;
import dev.ctxd.sync.upload.ClientSecurity;
import dev.ctxd.sync.upload.DaemonChannel;
import io.grpc.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5: TLS and mutual TLS on TCP, on 127.0.0.1 treated as the network
 * ({@link ListenerPolicy#LOOPBACK_IS_NETWORK}) so the network's rules apply.
 */
class TlsListenerTest {
  @TempDir Path temp;
  TestCerts.Pair server;
  TestCerts.Pair alice;
  TestCerts.Pair bob;
  final HostAddress address = HostAddress.parse("tcp://127.0.0.1:0");

  @BeforeEach
  void setUp() throws Exception {
    System.setProperty(ListenerPolicy.LOOPBACK_IS_NETWORK, "true");
    server = TestCerts.make(temp, "server");
    alice = TestCerts.make(temp, "alice");
    bob = TestCerts.make(temp, "bob");
  }

  @AfterEach
  void tearDown() {
    System.clearProperty(ListenerPolicy.LOOPBACK_IS_NETWORK);
  }

  @Test
  void networkWithoutTls_refused() {
    assertThatThrownBy(() -> CtxDaemon.start(temp.resolve("state"), address, Limits.defaults()))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("refusing to listen on " + address + " without TLS");
  }

  @Test
  void tlsWithToken_servesTokenHolders() throws Exception {
    Path state = temp.resolve("state");
    try (CtxDaemon daemon = CtxDaemon.start(state, address, Limits.defaults(), null, null,
        new TcpSecurity(server.cert(), server.key(), null, false, false))) {
      String token = Files.readString(state.resolve(TokenFile.NAME)).strip();
      ListenerPolicyTest.assertHelloFails(daemon, new ClientSecurity(null, server.cert(), null, null), Status.Code.UNAUTHENTICATED, null);
      // a plaintext client cannot talk to a TLS listener
      ListenerPolicyTest.assertHelloFails(daemon, new ClientSecurity(token, null, null, null), Status.Code.UNAVAILABLE, null);
      try (DaemonChannel channel = Channels.open(daemon.address(), new ClientSecurity(token, server.cert(), null, null))) {
        assertThat(hello(channel, "k").hasHelloAck()).isTrue();
      }
    }
  }

  @Test
  void mutualTls_requiresASignedClientCertificate_andEachCertificateIsATenant() throws Exception {
    // alice's and carol's self-signed certificates are the CAs: they are trusted, bob is not
    TestCerts.Pair carol = TestCerts.make(temp, "carol");
    Path ca = Files.writeString(temp.resolve("clients-ca.pem"), Files.readString(alice.cert()) + Files.readString(carol.cert()));
    try (CtxDaemon daemon = CtxDaemon.start(temp.resolve("state"), address, Limits.defaults(), null, null,
        new TcpSecurity(server.cert(), server.key(), ca, true, false))) {
      assertThat(temp.resolve("state").resolve(TokenFile.NAME)).doesNotExist();
      ListenerPolicyTest.assertHelloFails(daemon, new ClientSecurity(null, server.cert(), null, null), Status.Code.UNAVAILABLE, null);
      ListenerPolicyTest.assertHelloFails(daemon, new ClientSecurity(null, server.cert(), bob.cert(), bob.key()), Status.Code.UNAVAILABLE, null);
      ClientSecurity asAlice = new ClientSecurity(null, server.cert(), alice.cert(), alice.key());
      try (DaemonChannel channel = Channels.open(daemon.address(), asAlice)) {
        TestSession s = new TestSession(ContextServiceGrpc.newStub(channel.channel()));
        s.send(TestSession.hello("k")).send(TestSession.begin(0)).send(TestSession.batch(TestSession.dirEntry("d"))).send(TestSession.end(1, 0));
        assertThat(s.next().getHelloAck().getLatestVersion()).isZero();
        assertThat(s.next().hasSyncReady()).isTrue();
        assertThat(s.next().getMissing().getLast()).isTrue();
        assertThat(s.send(TestSession.commit()).next().getCommitted().getVersion()).isEqualTo(1);
        s.halfClose();
      }
      try (DaemonChannel channel = Channels.open(daemon.address(), asAlice)) {
        assertThat(hello(channel, "k").getHelloAck().getLatestVersion()).isEqualTo(1);
      }
      try (DaemonChannel channel = Channels.open(daemon.address(), new ClientSecurity(null, server.cert(), carol.cert(), carol.key()))) {
        assertThat(hello(channel, "k").getHelloAck().getLatestVersion()).as("carol is another tenant").isZero();
      }
    }
  }

  @Test
  void tlsVerifyWithoutCa_isAConfigurationError() {
    assertThatThrownBy(() -> new TcpSecurity(server.cert(), server.key(), null, true, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--tlsverify needs --tlscacert (the CA that signs client certificates)");
  }

  private static ServerMessage hello(DaemonChannel channel, String key) throws Exception {
    TestSession s = new TestSession(ContextServiceGrpc.newStub(channel.channel()));
    ServerMessage m = s.send(TestSession.hello(key)).next();
    assertThat(m).as("a HelloAck, not %s", s.drain()).isNotNull();
    return m;
  }
}
