package dev.ctxd.core;

import static dev.ctxd.core.Entries.dir;
import static dev.ctxd.core.Entries.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.junit.jupiter.api.Test;

class ManifestDeltaTest {
  @Property
  void diffOfATreeWithItself_isEmpty(@ForAll("manifests") Manifest t) {
    assertThat(ManifestDelta.diff(t, t).isEmpty()).isTrue();
  }

  @Property
  void applyingTheDiff_givesTheTarget(@ForAll("manifests") Manifest a, @ForAll("manifests") Manifest b) throws Exception {
    ManifestDelta delta = ManifestDelta.diff(a, b);
    assertThat(delta.applyTo(a)).isEqualTo(b);
    assertThat(delta.upserts()).extracting(Entry::path).isSortedAccordingTo(PathOrder.PATHS);
    assertThat(delta.removals()).isSortedAccordingTo(PathOrder.PATHS);
  }

  @Test
  void removingWhatTheBaseLacks_rejected() throws Exception {
    Manifest base = Manifest.of(List.of(file("a", 1)));
    assertThatThrownBy(() -> ManifestDelta.of(List.of(), List.of(RelPath.of("b"))).applyTo(base))
        .isInstanceOf(InvalidManifestException.class).hasMessage("delta removes b, which the base does not have");
  }

  @Test
  void removingAndSettingOnePath_rejected() throws Exception {
    Manifest base = Manifest.of(List.of(file("a", 1)));
    assertThatThrownBy(() -> ManifestDelta.of(List.of(file("a", 2)), List.of(RelPath.of("a"))).applyTo(base))
        .hasMessage("delta both removes and sets a");
  }

  @Test
  void duplicateUpsert_rejected() {
    assertThatThrownBy(() -> ManifestDelta.of(List.of(file("a", 1), file("a", 2)), List.of()).applyTo(Manifest.empty()))
        .hasMessage("duplicate entry in delta: a");
  }

  @Test
  void removingADirButKeepingItsChild_rejected() throws Exception {
    Manifest base = Manifest.of(List.of(dir("d"), file("d/x", 1)));
    assertThatThrownBy(() -> ManifestDelta.of(List.of(), List.of(RelPath.of("d"))).applyTo(base))
        .hasMessage("entry d/x has no parent directory entry d");
  }

  @Test
  void turningADirIntoASymlinkOverItsChildren_rejected() throws Exception {
    Manifest base = Manifest.of(List.of(dir("d"), file("d/x", 1)));
    assertThatThrownBy(() -> ManifestDelta.of(List.of(Entries.symlink("d", "/etc")), List.of()).applyTo(base))
        .hasMessage("entry d/x lies under a symlink, not a directory");
  }

  /** Random valid trees over a small name space, so two draws overlap and differ in every way. */
  @Provide
  static Arbitrary<Manifest> manifests() {
    Arbitrary<String> path = Arbitraries.of("a", "b", "a-b").list().ofMinSize(1).ofMaxSize(3).map(l -> String.join("/", l));
    Arbitrary<Integer> kind = Arbitraries.integers().between(0, 4);
    Arbitrary<Long> digest = Arbitraries.longs().between(1, 3);
    return Combinators.combine(path, kind, digest).as(Draw::new).list().ofMaxSize(25).map(ManifestDeltaTest::build);
  }

  private record Draw(String path, int kind, long digest) {}

  private static Manifest build(List<Draw> draws) {
    Map<RelPath, Entry> chosen = new HashMap<>();
    List<Draw> sorted = new ArrayList<>(draws);
    sorted.sort((x, y) -> PathOrder.compare(x.path, y.path));
    String firstFile = null;
    for (Draw d : sorted) {
      RelPath p = RelPath.of(d.path);
      if (chosen.containsKey(p)) continue;
      if (p.parent() != null && (chosen.get(p.parent()) == null || chosen.get(p.parent()).type() != EntryType.DIR)) continue;
      Entry e = switch (d.kind) {
        case 0, 1 -> dir(d.path);
        case 2 -> file(d.path, d.digest, d.digest);
        case 3 -> Entries.symlink(d.path, "t" + d.digest);
        default -> firstFile != null ? Entries.hardlink(d.path, firstFile) : file(d.path, d.digest);
      };
      if (e.type() == EntryType.FILE && firstFile == null) firstFile = d.path;
      chosen.put(p, e);
    }
    try {
      return Manifest.of(new ArrayList<>(chosen.values()));
    } catch (InvalidManifestException e) {
      throw new AssertionError("generator made an invalid tree", e);
    }
  }
}
