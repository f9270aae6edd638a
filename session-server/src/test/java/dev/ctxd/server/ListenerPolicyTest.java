package dev.ctxd.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ctxd.core.HostAddress;
import dev.ctxd.proto.v1.ContextServiceGrpc;
import dev.ctxd.sync.upload.Channels;
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
  void tcpOnTheNetwork_refusedWithoutAuthentication() {
    for (String host : new String[] {"tcp://0.0.0.0:0", "tcp://[::]:0"}) {
      HostAddress address = HostAddress.parse(host);
      assertThatThrownBy(() -> CtxDaemon.start(temp.resolve("state"), address, Limits.defaults()))
          .isInstanceOf(IOException.class)
          .hasMessageStartingWith("refusing to listen on " + address + ": it is reachable from the network and the daemon has no TLS or token authentication");
    }
    assertThat(temp.resolve("state")).doesNotExist();
  }

  @Test
  void tcpOnLoopback_serves() throws Exception {
    try (CtxDaemon daemon = CtxDaemon.start(temp.resolve("state"), HostAddress.parse("tcp://127.0.0.1:0"), Limits.defaults());
         DaemonChannel channel = Channels.open(daemon.address())) {
      TestSession s = new TestSession(ContextServiceGrpc.newStub(channel.channel()));
      assertThat(s.send(TestSession.hello("k")).next().hasHelloAck()).isTrue();
    }
  }
}
