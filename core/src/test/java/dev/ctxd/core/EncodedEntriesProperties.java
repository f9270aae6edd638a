package dev.ctxd.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Arbitrary;

/**
 * Deriving an encoding from a base's (issue 8) gives the bytes encoding every entry gives, over
 * chains of random deltas, for encoders that do and do not look at the previous entry; and the
 * context digest of a manifest made by deltas equals the documented definition computed afresh.
 */
class EncodedEntriesProperties {
  // Like ManifestCodec's: the shared path prefix with the previous entry, then the rest.
  private static final EncodedEntries.Encoder PREFIXED = (previous, e, out) -> {
    String p = e.path().value();
    String q = previous == null ? "" : previous.path().value();
    int shared = 0;
    while (shared < Math.min(p.length(), q.length()) && p.charAt(shared) == q.charAt(shared)) shared++;
    out.writeVarLong(shared);
    out.writeUtf8(p.substring(shared));
    out.write(e.type().ordinal());
    out.writeLong(e.size());
  };
  private static final EncodedEntries.Encoder PLAIN = (previous, e, out) -> {
    out.writeUtf8(e.path().value());
    out.write(0);
    out.writeVarLong(e.mode());
  };

  @Property(tries = 1000)
  void derive_equalsEncodingEveryEntry(@ForAll("manifests") Manifest base, @ForAll("deltas") List<List<Entry>> steps,
      @ForAll("removalPicks") List<Integer> picks) {
    EncodedEntries prefixed = EncodedEntries.of(base.entries(), PREFIXED);
    EncodedEntries plain = EncodedEntries.of(base.entries(), PLAIN);
    Manifest current = base;
    for (int s = 0; s < steps.size(); s++) {
      Manifest next = apply(current, steps.get(s), picks, s);
      if (next == null) continue;
      prefixed = EncodedEntries.derive(prefixed, next.entries(), PREFIXED, true);
      plain = EncodedEntries.derive(plain, next.entries(), PLAIN, false);
      assertThat(bytes(prefixed)).isEqualTo(bytes(EncodedEntries.of(next.entries(), PREFIXED)));
      assertThat(bytes(plain)).isEqualTo(bytes(EncodedEntries.of(next.entries(), PLAIN)));
      current = next;
    }
  }

  @Property(tries = 1000)
  void contextDigestAfterDeltas_equalsTheDefinition(@ForAll("manifests") Manifest base, @ForAll("deltas") List<List<Entry>> steps,
      @ForAll("removalPicks") List<Integer> picks) throws Exception {
    assertThat(ContextDigest.of(base)).isEqualTo(reference(base));
    Manifest current = base;
    for (int s = 0; s < steps.size(); s++) {
      Manifest next = apply(current, steps.get(s), picks, s);
      if (next == null) continue;
      assertThat(ContextDigest.of(next)).isEqualTo(reference(next));
      current = next;
    }
  }

  /** current with the step's upserts and one picked removal, or null when that is no valid tree. */
  private static Manifest apply(Manifest current, List<Entry> upserts, List<Integer> picks, int step) {
    List<RelPath> removals = new ArrayList<>();
    if (!current.entries().isEmpty() && step < picks.size()) {
      RelPath r = current.entries().get(picks.get(step) % current.size()).path();
      if (upserts.stream().noneMatch(u -> u.path().equals(r))) removals.add(r);
    }
    try {
      return ManifestDelta.of(upserts, removals).applyTo(current);
    } catch (InvalidManifestException e) {
      return null;
    }
  }

  private static byte[] bytes(EncodedEntries e) {
    return java.util.Arrays.copyOf(e.array(), e.length());
  }

  /** docs/protocol.md's definition, as ContextDigest computed it before issue 8. */
  static String reference(Manifest manifest) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    for (Entry e : manifest.entries()) {
      StringBuilder line = new StringBuilder();
      line.append(e.type().label()).append('\0').append(e.path().value()).append('\0')
          .append(String.format("%04o", e.mode())).append('\0').append(e.linkTarget()).append('\0');
      if (e.type() == EntryType.FILE) line.append(e.size()).append('\0').append(e.digest());
      line.append('\n');
      sha.update(line.toString().getBytes(StandardCharsets.UTF_8));
    }
    return "sha256:" + HexFormat.of().formatHex(sha.digest());
  }

  @Provide
  Arbitrary<Manifest> manifests() {
    return ManifestDeltaTest.manifests();
  }

  @Provide
  Arbitrary<List<List<Entry>>> deltas() {
    return new DeltaApplierProperties().entries().list().ofMaxSize(4);
  }

  @Provide
  Arbitrary<List<Integer>> removalPicks() {
    return new DeltaApplierProperties().removalPicks();
  }
}
