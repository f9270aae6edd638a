package dev.ctxd.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link RelPath#problem} counts UTF-8 bytes without encoding (issue 8): it must say exactly
 * what the encoding version said, for every string, lone surrogates and length limits included.
 */
class RelPathProblemProperties {
  @Property(tries = 3000)
  void problem_agreesWithTheEncodingReference(@ForAll("paths") String path) {
    assertThat(RelPath.problem(path)).isEqualTo(reference(path));
  }

  @Example
  void problem_countsBytesNotChars_atBothLimits() {
    String twoByte = "é".repeat(128); // 256 bytes in 128 chars
    assertThat(RelPath.problem(twoByte)).isEqualTo("path has a component longer than 255 bytes");
    assertThat(RelPath.problem("é".repeat(127) + "a")).isNull();
    String emoji = "\uD83D\uDE00".repeat(64); // 4 bytes each: 256
    assertThat(RelPath.problem(emoji)).isEqualTo("path has a component longer than 255 bytes");
    assertThat(RelPath.problem("\uD800".repeat(255))).isNull(); // a lone surrogate encodes as one '?'
    String deep = ("€".repeat(80) + "/").repeat(18) + "x"; // 80*3+1 = 241 bytes per component, 4339 in all
    assertThat(RelPath.problem(deep)).isEqualTo("path is longer than 4096 bytes");
  }

  @Provide
  Arbitrary<String> paths() {
    Arbitrary<String> component = Arbitraries.oneOf(
        Arbitraries.of("", ".", "..", "a", "...", "\0"),
        Arbitraries.strings().withChars("ab/.").ofMaxLength(6),
        Arbitraries.strings().withCharRange('\u0000', '\uFFFF').ofMaxLength(4),
        Arbitraries.strings().withChars("aé€\uD83D\uDE00\uDC00").ofMinLength(60).ofMaxLength(300));
    return component.list().ofMaxSize(30).map(parts -> String.join("/", parts));
  }

  /** The version before issue 8, kept as the specification. */
  private static String reference(String value) {
    if (value == null) return "path is missing";
    if (value.isEmpty()) return "path is empty";
    if (value.indexOf('\0') >= 0) return "path contains a NUL byte";
    if (value.startsWith("/")) return "path is absolute";
    int bytes = value.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > RelPath.MAX_PATH_BYTES) return "path is longer than " + RelPath.MAX_PATH_BYTES + " bytes";
    int start = 0;
    while (true) {
      int slash = value.indexOf('/', start);
      String component = value.substring(start, slash < 0 ? value.length() : slash);
      if (component.isEmpty()) return "path has an empty component";
      if (component.equals(".")) return "path has a '.' component";
      if (component.equals("..")) return "path has a '..' component";
      if (component.getBytes(StandardCharsets.UTF_8).length > RelPath.MAX_COMPONENT_BYTES) {
        return "path has a component longer than " + RelPath.MAX_COMPONENT_BYTES + " bytes";
      }
      if (slash < 0) return null;
      start = slash + 1;
    }
  }
}
