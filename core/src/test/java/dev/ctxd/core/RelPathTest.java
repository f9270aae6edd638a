package dev.ctxd.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RelPathTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "..|path has a '..' component",
      "../etc/passwd|path has a '..' component",
      "a/../../b|path has a '..' component",
      "a/..|path has a '..' component",
      ".|path has a '.' component",
      "./a|path has a '.' component",
      "a/./b|path has a '.' component",
      "/etc/passwd|path is absolute",
      "/|path is absolute",
      "a//b|path has an empty component",
      "a/|path has an empty component",
  })
  void problem_namesTheBrokenRule(String path, String problem) {
    assertThat(RelPath.problem(path)).isEqualTo(problem);
    assertThatThrownBy(() -> new RelPath(path))
        .isInstanceOf(InvalidPathException.class)
        .hasMessage(problem + ": \"" + path + "\"");
  }

  @Test
  void emptyAndMissing_rejected() {
    assertThat(RelPath.problem("")).isEqualTo("path is empty");
    assertThat(RelPath.problem(null)).isEqualTo("path is missing");
    assertThatThrownBy(() -> new RelPath(null)).hasMessage("path is missing: <none>");
  }

  @Test
  void nul_rejectedAndShownEscaped() {
    assertThatThrownBy(() -> new RelPath("a\0b"))
        .isInstanceOf(InvalidPathException.class)
        .hasMessage("path contains a NUL byte: \"a\\0b\"");
  }

  @Test
  void backslashes_areOrdinaryNameCharacters() {
    RelPath p = new RelPath("a\\..\\b");
    assertThat(p.name()).isEqualTo("a\\..\\b");
    assertThat(p.parent()).isNull();
    assertThat(new RelPath("dir/..\\x").parent()).isEqualTo(RelPath.of("dir"));
  }

  @Test
  void componentOf255Bytes_accepted_256rejected() {
    assertThat(RelPath.problem("d/" + "x".repeat(255))).isNull();
    assertThat(RelPath.problem("d/" + "x".repeat(256))).isEqualTo("path has a component longer than 255 bytes");
  }

  @Test
  void componentLength_countsUtf8Bytes() {
    // 128 two-byte characters: 128 chars, 256 bytes.
    assertThat(RelPath.problem("é".repeat(127))).isNull();
    assertThat(RelPath.problem("é".repeat(128))).isEqualTo("path has a component longer than 255 bytes");
  }

  @Test
  void pathOf4096Bytes_accepted_4097rejected() {
    String exact = "x/".repeat(2047) + "xx";
    assertThat(exact).hasSize(4096);
    assertThat(RelPath.problem(exact)).isNull();
    assertThat(RelPath.problem(exact + "z")).isEqualTo("path is longer than 4096 bytes");
  }

  @Test
  void overlongPath_messageIsTruncated() {
    String huge = "a/".repeat(5000) + "b";
    assertThatThrownBy(() -> new RelPath(huge)).hasMessageEndingWith("...\"").message().hasSizeLessThan(300);
  }

  @Test
  void parentNameResolve() {
    RelPath p = RelPath.of("a/b/c.txt");
    assertThat(p.parent()).isEqualTo(RelPath.of("a/b"));
    assertThat(p.parent().parent().parent()).isNull();
    assertThat(p.name()).isEqualTo("c.txt");
    assertThat(RelPath.of("a").resolve("b")).isEqualTo(RelPath.of("a/b"));
    assertThatThrownBy(() -> RelPath.of("a").resolve("..")).isInstanceOf(InvalidPathException.class);
  }

  @Test
  void isAncestorOf_requiresComponentBoundary() {
    assertThat(RelPath.of("a").isAncestorOf(RelPath.of("a/b"))).isTrue();
    assertThat(RelPath.of("a").isAncestorOf(RelPath.of("a/b/c"))).isTrue();
    assertThat(RelPath.of("a").isAncestorOf(RelPath.of("ab"))).isFalse();
    assertThat(RelPath.of("a").isAncestorOf(RelPath.of("a"))).isFalse();
    assertThat(RelPath.of("a/b").isAncestorOf(RelPath.of("a"))).isFalse();
  }
}
