package dev.ctxd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Issue 3: CREATED and LAST USED as Docker prints them (go-units HumanDuration's test table). */
class HumanDurationTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "PT0.45S, Less than a second", "PT1S, 1 second", "PT45S, 45 seconds", "PT59S, 59 seconds",
      "PT60S, About a minute", "PT3M, 3 minutes", "PT35M40S, 35 minutes", "PT59M, 59 minutes",
      "PT1H, About an hour", "PT1H29M, About an hour", "PT1H31M, 2 hours", "PT3H29M, 3 hours", "PT3H31M, 4 hours",
      "PT24H, 24 hours", "PT36H, 36 hours", "P2D, 2 days", "P7D, 7 days", "P13DT5H, 13 days",
      "P14D, 2 weeks", "P18D, 2 weeks", "P21D, 3 weeks", "P30D, 4 weeks", "P44D, 6 weeks",
      "P60D, 2 months", "P97D, 3 months", "P164D, 5 months", "P720D, 24 months", "P734D, 2 years", "P1155D, 3 years",
  })
  void of_matchesGoUnits(Duration d, String expected) {
    assertThat(HumanDuration.of(d)).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void ago_appendsAgo() {
    assertThat(HumanDuration.ago(Duration.ofMinutes(2))).isEqualTo("2 minutes ago");
  }
}
