package dev.ctxd.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HostAddressTest {
  @Test
  void parse_tcpWithAPortOutOfRange_isRefused() {
    assertThatThrownBy(() -> HostAddress.parse("tcp://127.0.0.1:99999"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("port out of range (0 to 65535): tcp://127.0.0.1:99999");
  }

  @Test
  void parse_ipv6Literal_isPrintedBackAsGiven() {
    HostAddress a = HostAddress.parse("tcp://[::1]:2375");
    assertThat(a.host()).isEqualTo("::1");
    assertThat(a).hasToString("tcp://[::1]:2375");
  }
}
