package dev.ctxd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Issues 3 and 6: sizes as Docker (go-units HumanSize) and BuildKit's progress (tonistiigi/units %.2f) print them. */
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
      "512, 512B",
      "3450, 3.45kB",
      "1234500, 1.234MB", // 1.2345 is just below that in binary
      "1235000000, 1.235GB",
      "9223372036854775807, 9.223EB",
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

  @ParameterizedTest(name = "reclaimable {0} of {1} -> {2}")
  @CsvSource({"0, 0, 0B", "0, 100, 0B (0%)", "50, 100, 50B (50%)", "1999, 2000, 1.999kB (99%)", "2000, 2000, 2kB (100%)"})
  void reclaimable_dockersPercentTruncated(long reclaimable, long size, String expected) {
    assertThat(UsageTable.reclaimable(reclaimable, size)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"0, 0 files", "1, 1 file", "2, 2 files", "78615, 78615 files"})
  void files_countsInTheSingularForOne(long count, String expected) {
    assertThat(Sizes.files(count)).isEqualTo(expected);
  }
}
