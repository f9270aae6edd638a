package dev.ctxd.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The incremental {@link ManifestDelta#applyTo} (issue 8) accepts exactly the deltas that the
 * full validation of the whole resulting tree accepts, gives the same manifest, and names the
 * same first problem when it refuses.
 */
class DeltaApplierProperties {
  @Property(tries = 2000)
  void incrementalApply_agreesWithFullValidation(@ForAll("manifests") Manifest base, @ForAll("entries") List<Entry> upserts,
      @ForAll("removalPicks") List<Integer> picks) {
    List<RelPath> removals = new ArrayList<>();
    for (int p : picks) if (!base.entries().isEmpty()) removals.add(base.entries().get(p % base.size()).path());
    String expected;
    Manifest naive = null;
    try {
      naive = naiveApply(base, upserts, removals);
      expected = null;
    } catch (InvalidManifestException e) {
      expected = e.getMessage();
    }
    try {
      Manifest got = ManifestDelta.of(upserts, removals).applyTo(base);
      assertThat(expected).as("refused by full validation, accepted incrementally: " + got.entries()).isNull();
      assertThat(got).isEqualTo(naive);
      assertThat(got.entries()).extracting(Entry::path).isSortedAccordingTo(PathOrder.PATHS);
    } catch (InvalidManifestException e) {
      assertThat(e.getMessage()).isEqualTo(expected);
    }
  }

  @Property(tries = 300)
  void emptyDelta_givesTheBaseItself(@ForAll("manifests") Manifest base) throws Exception {
    assertThat(ManifestDelta.of(List.of(), List.of()).applyTo(base)).isSameAs(base);
  }

  /** What applyTo did before issue 8: rebuild the whole list and validate all of it. */
  private static Manifest naiveApply(Manifest base, List<Entry> upserts, List<RelPath> removals) throws InvalidManifestException {
    Set<RelPath> removed = new HashSet<>(removals);
    Set<RelPath> replaced = new HashSet<>();
    for (Entry e : upserts) if (!replaced.add(e.path())) throw new InvalidManifestException("duplicate entry in delta: " + e.path());
    for (RelPath r : removed) {
      if (base.get(r) == null) throw new InvalidManifestException("delta removes " + r + ", which the base does not have");
      if (replaced.contains(r)) throw new InvalidManifestException("delta both removes and sets " + r);
    }
    List<Entry> result = new ArrayList<>();
    for (Entry e : base.entries()) if (!removed.contains(e.path()) && !replaced.contains(e.path())) result.add(e);
    result.addAll(upserts);
    return Manifest.of(result);
  }

  @Provide
  Arbitrary<Manifest> manifests() {
    return ManifestDeltaTest.manifests();
  }

  @Provide
  Arbitrary<List<Entry>> entries() {
    Arbitrary<String> path = Arbitraries.of("a", "b", "a-b").list().ofMinSize(1).ofMaxSize(3).map(l -> String.join("/", l));
    Arbitrary<Integer> kind = Arbitraries.integers().between(0, 4);
    Arbitrary<String> target = Arbitraries.of("a", "b", "a/a", "a/b", "b/a", "a-b", "a/a/a");
    return Combinators.combine(path, kind, target).as((p, k, t) -> switch (k) {
      case 0 -> Entries.dir(p);
      case 1, 2 -> Entries.file(p, t.length());
      case 3 -> Entries.symlink(p, t);
      default -> Entries.hardlink(p, t);
    }).list().ofMaxSize(5);
  }

  @Provide
  Arbitrary<List<Integer>> removalPicks() {
    return Arbitraries.integers().between(0, 1000).list().ofMaxSize(3);
  }
}
