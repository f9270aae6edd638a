package dev.ctxd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {
  private final DurationConverter converter = new DurationConverter();

  @Test
  void goNotation() {
    assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(converter.convert("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(converter.convert("1h30m")).isEqualTo(Duration.ofMinutes(90));
  }

  @Test
  void rejectsAnythingElse() {
    for (String bad : new String[] {"", "30", "2 m", "1d", "m", "-1s", "1s2"}) {
      assertThatThrownBy(() -> converter.convert(bad)).isInstanceOf(TypeConversionException.class)
          .hasMessage("invalid duration \"" + bad + "\" (want e.g. 30s, 2m, 1h30m)");
    }
  }
}
