package dev.ctxd.sync.upload;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ctxd.core.HostAddress;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the client refuses before it opens any connection. */
class ChannelsTest {
  @Test
  void open_nonLoopbackTcpWithoutTls_isRefused() {
    for (String host : new String[] {"tcp://10.0.0.1:1", "tcp://0.0.0.0:2375"}) {
      assertThatThrownBy(() -> Channels.open(HostAddress.parse(host), ClientSecurity.none()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("refusing to send build contexts to " + host + " without TLS");
    }
  }

  @Test
  void tokenWithAControlCharacter_isRefusedWithoutPrintingIt() {
    assertThatThrownBy(() -> ClientSecurity.fromEnvironment(Map.of("CTXD_TOKEN", "secret\nmore"), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the daemon's token (CTXD_TOKEN or its file) must be printable ASCII without spaces; it has 11 characters, some of them not");
  }
}
