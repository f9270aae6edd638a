package dev.ctxd.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ctxd.core.ContextDigest;
import dev.ctxd.core.Entry;
import dev.ctxd.core.InvalidManifestException;
import dev.ctxd.core.Manifest;
import dev.ctxd.core.ManifestDelta;
import dev.ctxd.core.RelPath;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8: derived encodings (context digest lines, stored manifest) across deltas that change
 * an entry's type, touch the first and last entries, remove and re-add a path, and use paths
 * near PATH_MAX: each version's digest and stored bytes equal those of the same tree built
 * from scratch, and each commit reads back exactly.
 */
class DerivedEncodingEdgeTest {
  private static final String DEEP = deep();

  private static String deep() {
    StringBuilder p = new StringBuilder("h");
    while (p.length() + 251 < RelPath.MAX_PATH_BYTES - 10) p.append('/').append("c".repeat(250));
    return p.toString();
  }

  /** The directories down to DEEP, then DEEP itself, as a symlink. */
  private static List<String> deepPaths() {
    List<String> paths = new ArrayList<>();
    for (int i = DEEP.indexOf('/'); i > 0; i = DEEP.indexOf('/', i + 1)) paths.add(DEEP.substring(0, i));
    paths.add(DEEP);
    return paths;
  }

  private static List<Entry> deepTree(long t) {
    List<String> paths = deepPaths();
    List<Entry> out = new ArrayList<>();
    for (int i = 0; i < paths.size(); i++) out.add(i < paths.size() - 1 ? dir(paths.get(i), t) : link(paths.get(i), "t", t));
    return out;
  }

  private static Entry dir(String p, long t) {
    return Entry.dir(RelPath.of(p), 0755, t, 1, 1);
  }

  private static Entry link(String p, String target, long t) {
    return Entry.symlink(RelPath.of(p), target, t, 1, 1);
  }

  private record Step(List<Entry> upserts, List<String> removals) {}

  private static Step step(List<String> removals, Entry... upserts) {
    return new Step(List.of(upserts), removals);
  }

  @Test
  void chainOfTypeChangesAndEdgeEdits_digestAndStoredBytesAsFromScratch(@TempDir Path dir) throws Exception {
    Manifest m = Manifest.of(List.of(dir("a", 1), link("a/x", "t", 1), link("b", "t", 1), dir("m", 1), link("m/n", "t", 1), link("z-last", "t", 1)));
    List<Step> steps = new ArrayList<>(List.of(
        step(List.of(), dir("b", 2), link("b/child", "t", 2)),             // symlink -> dir with a child
        step(List.of("b/child"), link("b", "../a/x", 3)),                   // dir -> symlink, child gone
        step(List.of(), dir("a", 4), link("z-last", "t", 4)),               // first and last touched
        step(List.of("a/x", "z-last"), link("0first", "t", 5), link("zz", "t", 5)), // first and last replaced
        step(List.of("a")),                                                 // the old first removed
        step(List.of("m/n")),                                               // removed ...
        step(List.of(), link("m/n", "t", 1)),                               // ... and re-added as it was
        new Step(deepTree(8), List.of()),                                   // a path near PATH_MAX
        step(List.of(), link(DEEP, "t2", 9)),
        new Step(List.of(dir("b", 10)), deepPaths())));                      // symlink -> dir again, the deep tree gone                            // symlink -> dir again
    ManifestCodec.Encoded encoded = ManifestCodec.encode(m, null);
    assertThat(ContextDigest.of(m)).isEqualTo(ContextDigest.of(Manifest.of(new ArrayList<>(m.entries()))));
    try (CacheStore store = CacheStore.open(dir, CacheStoreOptions.defaults().withKeepVersions(20))) {
      long version = store.commit("ctx", m);
      for (Step s : steps) {
        List<RelPath> removals = s.removals().stream().map(RelPath::of).toList();
        Manifest next = ManifestDelta.of(s.upserts(), removals).applyTo(m);
        Manifest scratch = Manifest.of(new ArrayList<>(next.entries().stream().map(DerivedEncodingEdgeTest::copy).toList()));
        assertThat(ContextDigest.of(next)).as("after %s", s).isEqualTo(ContextDigest.of(scratch));
        encoded = ManifestCodec.encode(next, encoded.entries());
        assertThat(encoded.stored()).as("after %s", s).isEqualTo(ManifestCodec.encode(scratch));
        version = store.commit("ctx", next, m, version, s.upserts(), chunks -> {});
        assertThat(store.manifest("ctx", version)).isEqualTo(scratch);
        m = next;
      }
      assertThat(store.check().problems()).isEmpty();
    }
  }

  @Test
  void deltaThatRemovesAndSetsOnePath_refusedNamingIt() throws Exception {
    Manifest m = Manifest.of(List.of(link("p", "t", 1)));
    assertThatThrownBy(() -> ManifestDelta.of(List.of(link("p", "u", 2)), List.of(RelPath.of("p"))).applyTo(m))
        .isInstanceOf(InvalidManifestException.class).hasMessage("delta both removes and sets p");
  }

  private static Entry copy(Entry e) {
    return new Entry(e.path(), e.type(), e.mode(), e.size(), e.mtimeNanos(), e.uid(), e.gid(), e.linkTarget(), e.digest(), e.chunks());
  }
}
