package dev.ctxd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Issue 6: times as BuildKit's progress prints them (Go's %.1fs of Duration.Seconds()). */
class TimesTest {
  @ParameterizedTest
  @CsvSource({
      "0, 0.0s",
      "300000000, 0.3s",
      "50000000, 0.1s",      // float64 0.05 lies above the tie
      "250000000, 0.2s",     // an exact tie rounds to even
      "62049000000, 62.0s",  // never 1m2s
      "3600000000000, 3600.0s",
      "-5, 0.0s",
  })
  void seconds_oneDecimal(long nanos, String expected) {
    assertThat(Times.seconds(nanos)).isEqualTo(expected);
  }

  @Test
  void statusSuffix_omittedUpTo10ms() {
    assertThat(Times.statusSuffix(10_000_000)).isEmpty();
    assertThat(Times.statusSuffix(10_000_001)).isEqualTo(" 0.0s");
    assertThat(Times.statusSuffix(2_300_000_000L)).isEqualTo(" 2.3s");
  }

  @Test
  void plainStatus_layoutAsBuildKit() {
    assertThat(PlainProgress.status("transferring context:", 2_340_000, 0, 300_000_000, true)).isEqualTo("transferring context: 2.34MB 0.3s done");
    assertThat(PlainProgress.status("transferring dockerfile:", 87, 0, 0, true)).isEqualTo("transferring dockerfile: 87B done");
    assertThat(PlainProgress.status("transferring context:", 0, 0, 5_000_000, true)).isEqualTo("transferring context: done");
    assertThat(PlainProgress.status("transferring context:", 12_400_000, 80_000_000, 1_000_000_000, false))
        .isEqualTo("transferring context: 12.40MB / 80.00MB 1.0s");
  }
}
