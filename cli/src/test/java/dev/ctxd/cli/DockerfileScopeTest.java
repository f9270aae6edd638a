package dev.ctxd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** --build-arg as docker build reads it. */
class DockerfileScopeTest {
  @Test
  void parse_nameEqualsValue_nameFromEnvironment_missingNameLeftOut() {
    assertThat(DockerfileScope.parse(List.of("A=1", "B=x=y", "C=", "HOME", "UNSET"), Map.of("HOME", "/root")))
        .containsExactly(Map.entry("A", "1"), Map.entry("B", "x=y"), Map.entry("C", ""), Map.entry("HOME", "/root"));
  }

  @Test
  void parse_emptyName_isAnError() {
    assertThatThrownBy(() -> DockerfileScope.parse(List.of("=v"), Map.of()))
        .hasMessage("invalid argument \"=v\" for \"--build-arg\" flag: empty name");
  }
}
