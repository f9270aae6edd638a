package dev.ctxd.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class PathOrderTest {
  @Test
  void slashSortsBelowEveryOtherByte() {
    List<String> paths = new ArrayList<>(List.of("a-b", "a/b", "a", "a.b", "a/b/c", "a\u0001", "b", "a/c"));
    paths.sort(PathOrder.STRINGS);
    assertThat(paths).containsExactly("a", "a/b", "a/b/c", "a/c", "a\u0001", "a-b", "a.b", "b");
  }

  @Test
  void nonAsciiFollowsUtf8ByteOrder() {
    // U+FFFD (EF BF BD) sorts below U+1F600 (F0 9F 98 80) in UTF-8 although its UTF-16 unit is larger.
    assertThat(PathOrder.compare("\uFFFD", "\uD83D\uDE00")).isNegative();
    assertThat(PathOrder.compare("é", "z")).isPositive();
  }

  @Property
  void agreesWithUtf8BytesWhereSlashIsLowest(@ForAll("paths") String a, @ForAll("paths") String b) {
    assertThat(Integer.signum(PathOrder.compare(a, b))).isEqualTo(Integer.signum(byteCompare(a, b)));
  }

  @Property
  void parentComesRightBeforeItsSubtree(@ForAll("paths") String parent, @ForAll("paths") String child, @ForAll("paths") String other) {
    String inside = parent + "/" + child;
    assertThat(PathOrder.compare(parent, inside)).isNegative();
    // Anything between a parent and a path of its subtree is itself in the subtree.
    if (PathOrder.compare(parent, other) < 0 && PathOrder.compare(other, inside) < 0) {
      assertThat(other).startsWith(parent + "/");
    }
  }

  @Provide
  Arbitrary<String> paths() {
    Arbitrary<String> component = Arbitraries.strings().withChars("ab-./\u00e9\uFFFD").ofMinLength(1).ofMaxLength(4)
        .filter(s -> !s.contains("/"))
        .injectDuplicates(0.3);
    return component.list().ofMinSize(1).ofMaxSize(3).map(l -> String.join("/", l));
  }

  private static int byteCompare(String a, String b) {
    byte[] x = a.replace('/', '\0').getBytes(StandardCharsets.UTF_8);
    byte[] y = b.replace('/', '\0').getBytes(StandardCharsets.UTF_8);
    return Arrays.compareUnsigned(x, y);
  }
}
