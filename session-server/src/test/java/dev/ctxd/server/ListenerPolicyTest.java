package dev.ctxd.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ctxd.core.HostAddress;
import dev.ctxd.proto.v1.ContextServiceGrpc;
import dev.ctxd.sync.upload.Channels;
import dev.ctxd.sync.upload.ClientSecurity;
import io.grpc.Status;
import dev.ctxd.sync.upload.DaemonChannel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 5: who may reach the daemon. */
class ListenerPolicyTest {
  @TempDir Path temp;

  @Test
  void group_widensTheSocketToTheGroup() throws Exception {
    String group = ((GroupPrincipal) Files.getAttribute(temp, "posix:group")).getName();
    Path socket = temp.resolve("run/ctxd.sock");
    try (CtxDaemon daemon = CtxDaemon.start(temp.resolve("state"), HostAddress.unix(socket), Limits.defaults(), null, group)) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-rw----");
      assertThat(((GroupPrincipal) Files.getAttribute(socket, "posix:group")).getName()).isEqualTo(group);
    }
  }

  @Test
  void unknownGroup_refusesToStart() {
    assertThatThrownBy(() -> CtxDaemon.start(temp.resolve("state"), HostAddress.unix(temp.resolve("run/ctxd.sock")), Limits.defaults(), null, "no-such-group-ctxd"))
        .isInstanceOf(IOException.class)
        .hasMessage("group no-such-group-ctxd not found; create it or name an existing group with --group");
  }

  @Test
  void tcpOnTheNetwork_refusedWithoutTls() {
    for (String host : new String[] {"tcp://0.0.0.0:0", "tcp://[::]:0"}) {
      HostAddress address = HostAddress.parse(host);
      assertThatThrownBy(() -> CtxDaemon.start(temp.resolve("state"), address, Limits.defaults()))
          .isInstanceOf(IOException.class)
          .hasMessageStartingWith("refusing to listen on " + address + " without TLS: it is reachable from the network");
    }
    assertThat(temp.resolve("state")).doesNotExist();
  }

  @Test
  void tcpOnTheNetwork_refusedWithoutAuthentication() throws Exception {
    HostAddress address = HostAddress.parse("tcp://0.0.0.0:0");
    TestCerts.Pair server = TestCerts.make(temp, "server");
    TcpSecurity noAuth = new TcpSecurity(server.cert(), server.key(), null, false, true);
    assertThatThrownBy(() -> CtxDaemon.start(temp.resolve("state"), address, Limits.defaults(), null, null, noAuth))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("refusing to listen on " + address + " with --tcp-no-auth: anyone who can connect");
  }

  @Test
  void tcpOnLoopback_requiresTheBearerToken() throws Exception {
    Path state = temp.resolve("state");
    try (CtxDaemon daemon = CtxDaemon.start(state, HostAddress.parse("tcp://127.0.0.1:0"), Limits.defaults())) {
      Path tokenFile = state.resolve(TokenFile.NAME);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile))).isEqualTo("rw-------");
      String token = Files.readString(tokenFile).strip();
      assertThat(token).hasSize(43);
      assertHelloFails(daemon, ClientSecurity.none(), Status.Code.UNAUTHENTICATED,
          "no bearer token: this daemon requires `authorization: Bearer <token>` on TCP; set CTXD_TOKEN (or CTXD_TOKEN_FILE) to the daemon's token");
      assertHelloFails(daemon, new ClientSecurity(token + "x", null, null, null), Status.Code.UNAUTHENTICATED, "wrong bearer token");
      try (DaemonChannel channel = Channels.open(daemon.address(), new ClientSecurity(token, null, null, null))) {
        TestSession s = new TestSession(ContextServiceGrpc.newStub(channel.channel()));
        assertThat(s.send(TestSession.hello("k")).next().hasHelloAck()).isTrue();
      }
    }
    // the token survives a restart
    String first = Files.readString(state.resolve(TokenFile.NAME));
    try (CtxDaemon daemon = CtxDaemon.start(state, HostAddress.parse("tcp://127.0.0.1:0"), Limits.defaults())) {
      assertThat(Files.readString(state.resolve(TokenFile.NAME))).isEqualTo(first);
    }
  }

  @Test
  void tokenFileOthersCanRead_refusesToStart() throws Exception {
    Path state = Files.createDirectories(temp.resolve("state"));
    Path tokenFile = Files.writeString(state.resolve(TokenFile.NAME), "x".repeat(43));
    Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> CtxDaemon.start(state, HostAddress.parse("tcp://127.0.0.1:0"), Limits.defaults()))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("the token file " + tokenFile + " is readable by others (rw-r--r--)");
  }

  @Test
  void tcpNoAuthOnLoopback_servesOneAnonymousTenant() throws Exception {
    try (CtxDaemon daemon = CtxDaemon.start(temp.resolve("state"), HostAddress.parse("tcp://127.0.0.1:0"), Limits.defaults(), null, null,
        new TcpSecurity(null, null, null, false, true));
         DaemonChannel channel = Channels.open(daemon.address(), ClientSecurity.none())) {
      TestSession s = new TestSession(ContextServiceGrpc.newStub(channel.channel()));
      assertThat(s.send(TestSession.hello("k")).next().hasHelloAck()).isTrue();
      assertThat(temp.resolve("state").resolve(TokenFile.NAME)).doesNotExist();
    }
  }

  static void assertHelloFails(CtxDaemon daemon, ClientSecurity security, Status.Code code, String description) throws Exception {
    try (DaemonChannel channel = Channels.open(daemon.address(), security)) {
      TestSession s = new TestSession(ContextServiceGrpc.newStub(channel.channel()));
      s.send(TestSession.hello("k"));
      Status status = s.status();
      assertThat(status.getCode()).as(status.toString()).isEqualTo(code);
      if (description != null) assertThat(status.getDescription()).isEqualTo(description);
    }
  }
}
