package dev.ctxd.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Issue 8 made {@link Manifest#of}'s check a stack walk and {@link PathOrder#compare} a UTF-16
 * loop; both must decide exactly as the versions before (kept here as the specification).
 */
class ManifestValidationProperties {
  @Property(tries = 2000)
  void of_rejectsAndAcceptsWhatTheMapBasedCheckDid(@ForAll("entryLists") List<Entry> entries) {
    List<Entry> sorted = new ArrayList<>(entries);
    sorted.sort((a, b) -> a.path().compareTo(b.path()));
    String expected = referenceProblem(sorted);
    String actual;
    try {
      Manifest.of(entries);
      actual = null;
    } catch (InvalidManifestException e) {
      actual = e.getMessage();
    }
    assertThat(actual).isEqualTo(expected);
  }

  @Property(tries = 3000)
  void compare_agreesWithTheCodePointLoop_surrogatesIncluded(@ForAll("texts") String a, @ForAll("texts") String b) {
    assertThat(Integer.signum(PathOrder.compare(a, b))).isEqualTo(Integer.signum(referenceCompare(a, b)));
    assertThat(Integer.signum(PathOrder.compare(a + "x", a + "/"))).isPositive();
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.strings().withChars("a/\u00e9\uFFFD\uE000\uD83D\uDE00\uD800\uDC00").ofMaxLength(6);
  }

  @Provide
  Arbitrary<List<Entry>> entryLists() {
    Arbitrary<String> path = Arbitraries.of("a", "b", "a/b", "a/c", "a/b/c", "b/a", "a-b", "a-b/c", "c", "a/b/c/d")
        .list().ofMinSize(1).ofMaxSize(3).map(parts -> String.join("/", parts));
    Arbitrary<Entry> entry = Combinators.combine(path, Arbitraries.of(EntryType.values()), Arbitraries.of("a", "a/b", "c", "a/b/c", "../x"))
        .as(ManifestValidationProperties::entry);
    return entry.list().ofMaxSize(12);
  }

  private static Entry entry(String path, EntryType type, String target) {
    RelPath p = RelPath.of(path);
    return switch (type) {
      case DIR -> Entry.dir(p, 0755, 0, 0, 0);
      case FILE -> Entry.file(p, 0644, 1, 0, 0, 0, new Digest(1), List.of());
      case SYMLINK -> Entry.symlink(p, target, 0, 0, 0);
      case HARDLINK -> new Entry(p, EntryType.HARDLINK, 0644, 0, 0, 0, 0, target, null, List.of());
    };
  }

  /** Manifest.validate before issue 8. */
  private static String referenceProblem(List<Entry> sorted) {
    Map<RelPath, EntryType> types = new HashMap<>();
    RelPath previous = null;
    for (Entry entry : sorted) {
      RelPath path = entry.path();
      if (previous != null && previous.equals(path)) return "duplicate entry: " + path;
      RelPath parent = path.parent();
      if (parent != null) {
        EntryType parentType = types.get(parent);
        if (parentType == null) return "entry " + path + " has no parent directory entry " + parent;
        if (parentType != EntryType.DIR) return "entry " + path + " lies under a " + parentType.label() + ", not a directory";
      }
      if (entry.type() == EntryType.HARDLINK) {
        String problem = RelPath.problem(entry.linkTarget());
        if (problem != null) return "hard link " + path + ": " + problem;
        if (types.get(new RelPath(entry.linkTarget())) != EntryType.FILE) {
          return "hard link " + path + " must name an earlier regular file, not " + entry.linkTarget();
        }
      }
      types.put(path, entry.type());
      previous = path;
    }
    return null;
  }

  /** PathOrder.compare before issue 8 (code points; a lone surrogate is its own code point). */
  private static int referenceCompare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) return Integer.compare(ca == '/' ? -1 : ca, cb == '/' ? -1 : cb);
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
