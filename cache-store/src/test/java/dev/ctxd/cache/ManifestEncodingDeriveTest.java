package dev.ctxd.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctxd.core.EncodedEntries;
import dev.ctxd.core.Entry;
import dev.ctxd.core.EntryType;
import dev.ctxd.core.InvalidManifestException;
import dev.ctxd.core.Manifest;
import dev.ctxd.core.ManifestDelta;
import dev.ctxd.core.RelPath;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A commit encodes only the entries that differ from the context's previous version (issue 8):
 * the stored bytes stay exactly format 2 as before, whatever encoding the commit starts from.
 */
class ManifestEncodingDeriveTest {
  @Property(tries = 300)
  void derivedEncoding_isByteForByteTheFullEncoding(@ForAll Random r) throws Exception {
    Manifest current = TestManifests.random(r, 60);
    EncodedEntries encoding = ManifestCodec.encode(current, null).entries();
    assertThat(ManifestCodec.encode(current)).isEqualTo(reference(current));
    for (int step = 0; step < 5; step++) {
      Manifest next = edit(current, r, true);
      ManifestCodec.Encoded derived = ManifestCodec.encode(next, encoding);
      assertThat(derived.stored()).isEqualTo(reference(next));
      assertThat(ManifestCodec.decode(derived.stored(), "k")).isEqualTo(next);
      encoding = derived.entries();
      current = next;
    }
  }

  @Property(tries = 100)
  void encodingFromAnUnrelatedManifest_isStillExact(@ForAll Random r) throws Exception {
    Manifest other = TestManifests.random(r, 40);
    Manifest target = TestManifests.random(r, 40);
    assertThat(ManifestCodec.encode(target, ManifestCodec.encode(other, null).entries()).stored()).isEqualTo(reference(target));
  }

  @Test
  void commitsOfEditedVersions_readBackExactlyAfterReopen(@TempDir Path dir) throws Exception {
    Random r = new Random(8);
    List<Manifest> committed = new ArrayList<>();
    try (CacheStore store = CacheStore.open(dir, CacheStoreOptions.defaults().withKeepVersions(3))) {
      Manifest m = withoutContent(TestManifests.random(r, 200));
      for (int i = 0; i < 6; i++) {
        // A fresh, unrelated tree halfway: the memo then starts from a foreign encoding.
        m = i == 3 ? withoutContent(TestManifests.random(r, 200)) : edit(m, r, false);
        assertThat(store.commit("ctx", m)).isEqualTo(i + 1);
        committed.add(m);
      }
    }
    try (CacheStore store = CacheStore.open(dir, CacheStoreOptions.defaults().withKeepVersions(3))) {
      for (long v = 4; v <= 6; v++) assertThat(store.manifest("ctx", v)).isEqualTo(committed.get((int) v - 1));
    }
  }

  /** What ManifestCodec stored before issue 8: the old payload writer, then one LZ4 block. */
  private static byte[] reference(Manifest m) throws Exception {
    ByteArrayOutputStream payload = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(payload)) {
      ManifestCodec.writePayload(out, m);
    }
    byte[] p = payload.toByteArray();
    var lz4 = net.jpountz.lz4.LZ4Factory.fastestInstance().fastCompressor();
    byte[] stored = new byte[5 + lz4.maxCompressedLength(p.length)];
    int n = lz4.compress(p, 0, p.length, stored, 5);
    java.nio.ByteBuffer.wrap(stored).put((byte) ManifestCodec.FORMAT).putInt(p.length);
    return java.util.Arrays.copyOf(stored, 5 + n);
  }

  /** A delta of new times on some entries, a few removed leaves and a few new files; invalid picks are skipped. */
  private static Manifest edit(Manifest base, Random r, boolean files) throws InvalidManifestException {
    List<Entry> upserts = new ArrayList<>();
    List<RelPath> removals = new ArrayList<>();
    List<Entry> all = base.entries();
    for (int k = 0; k < 1 + r.nextInt(3) && !all.isEmpty(); k++) {
      Entry e = all.get(r.nextInt(all.size()));
      if (upserts.stream().anyMatch(u -> u.path().equals(e.path()))) continue;
      upserts.add(new Entry(e.path(), e.type(), e.mode(), e.size(), e.mtimeNanos() + 1, e.uid(), e.gid(), e.linkTarget(), e.digest(), e.chunks()));
    }
    if (!all.isEmpty() && r.nextBoolean()) {
      Entry gone = all.get(r.nextInt(all.size()));
      if (upserts.stream().noneMatch(u -> u.path().equals(gone.path()))) removals.add(gone.path());
    }
    String name = "new-" + r.nextInt(1_000_000);
    upserts.add(files ? TestManifests.file(name, TestManifests.bytes(3, r.nextLong())) : Entry.symlink(RelPath.of(name), "t", 1, 2, 3));
    try {
      return ManifestDelta.of(upserts, removals).applyTo(base);
    } catch (InvalidManifestException e) {
      removals.clear();
      return ManifestDelta.of(upserts, removals).applyTo(base); // the removal left an orphan or a dangling hard link
    }
  }

  /** The same tree with its files and hard links as symlinks, so it commits without chunks. */
  private static Manifest withoutContent(Manifest m) throws InvalidManifestException {
    List<Entry> out = new ArrayList<>();
    for (Entry e : m.entries()) {
      boolean content = e.type() == EntryType.FILE || e.type() == EntryType.HARDLINK;
      out.add(content ? Entry.symlink(e.path(), "was-" + e.type().label(), e.mtimeNanos(), e.uid(), e.gid()) : e);
    }
    return Manifest.of(out);
  }
}
