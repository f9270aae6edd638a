package dev.ctxd.sync.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expansion forms of README B3, checked against what BuildKit's lex.go produces. */
class ShellLexerTest {
  private static final Map<String, String> ENV =
      Map.of("V", "foo.tar.gz", "E", "", "P", "a/b/c");

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
      "$V|foo.tar.gz", "${V}|foo.tar.gz", "$U|''", "x${U}y|xy", "$|$",
      "${U:-d}|d", "${E:-d}|d", "${E-d}|''", "${U-d}|d",
      "${V:+s}|s", "${E:+s}|''", "${E+s}|s", "${U+s}|''",
      "${V#*.}|tar.gz", "${V##*.}|gz", "${V%.*}|foo.tar", "${V%%.*}|foo",
      "${V/o/0}|f0o.tar.gz", "${V//o/0}|f00.tar.gz", "${V/*./x}|xgz",
      "'$V'|$V", "\"$V x\"|foo.tar.gz x", "a\\*b|a*b", "a\\\\*b|a\\*b", "\"a\\b\"|a\\b"})
  void processWord_forms(String word, String expected) throws Exception {
    String want = expected.equals("''") ? "" : expected;
    assertThat(new ShellLexer('\\').processWord(word, ENV)).isEqualTo(want);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
      "${U:?must be set}|failed to process \"${U:?must be set}\": U: must be set",
      "${E:?}|failed to process \"${E:?}\": E: is not allowed to be empty",
      "${U?}|failed to process \"${U?}\": U: is not allowed to be unset",
      "\"my|failed to process \"\\\"my\": unexpected end of statement while looking for"
          + " matching double-quote",
      "'x|failed to process \"'x\": unexpected end of statement while looking for matching"
          + " single-quote",
      "${V|failed to process \"${V\": syntax error: missing '}'",
      "${}|failed to process \"${}\": syntax error: bad substitution"})
  void processWord_errors(String word, String message) {
    assertThatThrownBy(() -> new ShellLexer('\\').processWord(word, ENV))
        .isInstanceOf(ShellExpansionException.class).hasMessage(message);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {"a`*b|a*b", "a\\b|a\\b", "`$V|$V"})
  void processWord_backtickEscape(String word, String expected) throws Exception {
    assertThat(new ShellLexer('`').processWord(word, ENV)).isEqualTo(expected);
  }
}
