package dev.ctxd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Issue 3: sizes printed exactly as Docker prints them (go-units HumanSize, its own test table included). */
class SizesTest {
  @ParameterizedTest(name = "{0} bytes -> {1}")
  @CsvSource({
      "0, 0B",
      "1, 1B",
      "512, 512B",
      "999, 999B",
      "1000, 1kB",
      "1024, 1.024kB",
      "3450, 3.45kB",
      "999999, 1000kB",
      "1000000, 1MB",
      "1048576, 1.049MB",
      "2000000, 2MB",
      "1234567, 1.235MB",
      "1234500, 1.234MB", // 1.2345 is just below that in binary
      "1235000000, 1.235GB",
      "3420000000, 3.42GB",
      "5372000000000, 5.372TB",
      "2220000000000000, 2.22PB",
      "9223372036854775807, 9.223EB",
  })
  void human_matchesGoUnits(double bytes, String expected) {
    assertThat(Sizes.human(bytes)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"1e28, 1e+04YB", "1.5e28, 1.5e+04YB"})
  void human_exponentFormBeyondTheLastUnit(double bytes, String expected) {
    assertThat(Sizes.human(bytes)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "reclaimable {0} of {1} -> {2}")
  @CsvSource({"0, 0, 0B", "0, 100, 0B (0%)", "50, 100, 50B (50%)", "1999, 2000, 1.999kB (99%)", "2000, 2000, 2kB (100%)"})
  void reclaimable_dockersPercentTruncated(long reclaimable, long size, String expected) {
    assertThat(UsageTable.reclaimable(reclaimable, size)).isEqualTo(expected);
  }
}
