package dev.ctxd.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ctxd.core.Manifest;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class ManifestCodecTest {
  @Provide
  Arbitrary<Manifest> manifests() {
    return Arbitraries.randomValue(r -> TestManifests.random(r, 60));
  }

  @Property(tries = 300)
  void decode_encode_roundTrips(@ForAll("manifests") Manifest manifest) throws Exception {
    byte[] encoded = ManifestCodec.encode(manifest);
    assertThat(encoded[0]).isEqualTo((byte) ManifestCodec.FORMAT);
    assertThat(ManifestCodec.decode(encoded, "k")).isEqualTo(manifest);
  }

  @Property(tries = 200)
  void decode_truncated_failsWithCorruptStoreException(@ForAll("manifests") Manifest manifest, @ForAll Random r) {
    byte[] encoded = ManifestCodec.encode(manifest);
    byte[] cut = Arrays.copyOf(encoded, r.nextInt(encoded.length));
    assertThatThrownBy(() -> ManifestCodec.decode(cut, "manifests/x@v1"))
        .isInstanceOf(CorruptStoreException.class)
        .hasMessageStartingWith("manifest manifests/x@v1 ");
  }

  @Test
  void decode_empty_roundTrips() throws Exception {
    assertThat(ManifestCodec.decode(ManifestCodec.encode(Manifest.empty()), "k")).isEqualTo(Manifest.empty());
  }

  @Test
  void decode_unknownFormat_namesKeyAndFormat() {
    assertThatThrownBy(() -> ManifestCodec.decode(new byte[] {9, 1, 2}, "manifests/abc@v3"))
        .isInstanceOf(CorruptStoreException.class)
        .hasMessage("manifest manifests/abc@v3 has format 9, this version reads 1 and 2 (written by a newer ctxd?)");
  }

  @Test
  void decode_garbage_failsWithCorruptStoreException() {
    assertThatThrownBy(() -> ManifestCodec.decode(new byte[] {1, (byte) 0xff, 0x13, 0x37}, "manifests/abc@v3"))
        .isInstanceOf(CorruptStoreException.class)
        .hasMessageStartingWith("manifest manifests/abc@v3 is corrupt: ");
  }

  @Property(tries = 100)
  void decode_deflateFormat_stillReadsWhatOlderStoresHold(@ForAll("manifests") Manifest manifest) throws Exception {
    byte[] old = ManifestCodec.encodeDeflated(manifest);
    assertThat(old[0]).isEqualTo((byte) 1);
    assertThat(ManifestCodec.decode(old, "k")).isEqualTo(manifest);
  }

  @Test
  void decode_lz4PayloadLengthBeyondWhatTheBlockCanHold_isRefusedBeforeAllocating() {
    // 2 GB claimed for a 3-byte block: LZ4 expands at most 255-fold.
    assertThatThrownBy(() -> ManifestCodec.decode(new byte[] {2, 0x7f, (byte) 0xff, (byte) 0xff, 0x00, 1, 2, 3}, "manifests/abc@v3"))
        .isInstanceOf(CorruptStoreException.class)
        .hasMessage("manifest manifests/abc@v3 is corrupt: payload length 2147483392 for 3 stored bytes");
  }

  @Test
  void decode_damagedLz4Block_isCorrupt() {
    byte[] encoded = ManifestCodec.encode(TestManifests.random(new Random(7), 50));
    for (int i = 5; i < encoded.length; i++) encoded[i] = (byte) 0xff;
    assertThatThrownBy(() -> ManifestCodec.decode(encoded, "manifests/abc@v3"))
        .isInstanceOf(CorruptStoreException.class)
        .hasMessageStartingWith("manifest manifests/abc@v3 is corrupt: ");
  }

  @Test
  void encode_largeTree_isCompact() throws Exception {
    Manifest big = TestManifests.random(new Random(42), 20_000);
    byte[] encoded = ManifestCodec.encode(big);
    assertThat(ManifestCodec.decode(encoded, "k")).isEqualTo(big);
    // Random digests and times do not compress; paths and small fields must.
    assertThat(encoded.length).isLessThan(big.size() * 40);
  }
}
