package dev.ctxd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Issue 6: sizes as Docker (go-units HumanSize) and BuildKit's progress (tonistiigi/units %.2f) print them. */
class SizesTest {
  // go-units size_test.go TestHumanSize, plus the rounding edges of %.4g.
  @ParameterizedTest
  @CsvSource({
      "0, 0B",
      "1, 1B",
      "999, 999B",
      "1000, 1kB",
      "1024, 1.024kB",
      "1000000, 1MB",
      "1048576, 1.049MB",
      "2000000, 2MB",
      "3420000000, 3.42GB",
      "5372000000000, 5.372TB",
      "2220000000000000, 2.22PB",
      "999999, 1000kB",
      "999499, 999.5kB",
      "1234567, 1.235MB",
      "1000000000000000000000000000, 1000YB",
      "10000000000000000000000000000, 1e+04YB",
  })
  void human_matchesGoUnitsHumanSize(double bytes, String expected) {
    assertThat(Sizes.human(bytes)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
      "0, 0B",
      "999, 999B",
      "1000, 1.00kB",
      "2340000, 2.34MB",
      "2345000, 2.35MB",
      "12400000, 12.40MB",
      "999999, 1000.00kB",
      "80000000000, 80.00GB",
      "9223372036854775807, 9.22EB",
  })
  void progress_matchesBuildKitPercentPoint2f(long bytes, String expected) {
    assertThat(Sizes.progress(bytes)).isEqualTo(expected);
  }
}
