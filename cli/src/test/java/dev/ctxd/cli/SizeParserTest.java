package dev.ctxd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

/** Issue 3: size flags read as Docker reads --keep-storage (go-units RAMInBytes, its test table and more). */
class SizeParserTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "32|32", "32b|32", "32B|32",
      "32k|32768", "32K|32768", "32kb|32768", "32Kb|32768", "32Kib|32768", "32KIB|32768",
      "32Mb|33554432", "32Gb|34359738368", "32Tb|35184372088832", "32Pb|36028797018963968", "32PB|36028797018963968", "32P|36028797018963968",
      "32.3|32", "32.3 mb|33869004", "0.3MB|314572",
      "10GB|10737418240", "10GiB|10737418240", "10g|10737418240", "512MiB|536870912", "1.5g|1610612736", "1.5 GB|1610612736", "0|0",
  })
  void parse_matchesRamInBytes(String text, long expected) {
    assertThat(SizeParser.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "\"{0}\" is refused")
  @ValueSource(strings = {"", "hello", "-32", " 32 ", "32m b", "32bm", "1.2.3", ".5g", "10XB", "32  k", "9000P"})
  void parse_refusesWithTheInput(String text) {
    assertThatThrownBy(() -> SizeParser.parse(text)).isInstanceOf(TypeConversionException.class).hasMessageContaining("'" + text + "'");
  }
}
