package dev.ctxd.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ctxd.core.Chunking;
import dev.ctxd.core.Entry;
import dev.ctxd.core.EntryType;
import dev.ctxd.proto.v1.Entry.Builder;
import io.grpc.Status;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Issue 5: each hostile field of a wire entry is rejected with INVALID_ARGUMENT naming the entry and the rule. */
class WireDecoderTest {
  private static Builder file(String path) {
    return TestSession.fileEntry(path, Content.utf8("abc")).toBuilder();
  }

  private static String rejection(Builder wire) {
    ProtocolException e = catchThrowableOfType(ProtocolException.class, () -> WireDecoder.decode(wire.build()));
    assertThat(e).as("rejected").isNotNull();
    assertThat(e.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    return e.getMessage();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "../x|path has a '..' component",
      "a/../../x|path has a '..' component",
      "/etc/passwd|path is absolute",
      "./a|path has a '.' component",
      "a/.|path has a '.' component",
      "a//b|path has an empty component",
      "a/|path has an empty component",
  })
  void hostilePaths(String path, String problem) {
    assertThat(rejection(file(path))).isEqualTo("entry path rejected: " + problem + ": \"" + path + "\"");
  }

  @Test
  void emptyNulAndOverlongPaths() {
    assertThat(rejection(file(""))).isEqualTo("entry path rejected: path is empty: \"\"");
    assertThat(rejection(file("a\0b"))).isEqualTo("entry path rejected: path contains a NUL byte: \"a\\0b\"");
    assertThat(rejection(file("x".repeat(256)))).startsWith("entry path rejected: path has a component longer than 255 bytes: ");
    assertThat(rejection(file("x/".repeat(2100) + "y"))).startsWith("entry path rejected: path is longer than 4096 bytes: ");
  }

  @Test
  void backslashPath_isAnOrdinaryName() throws Exception {
    Entry e = WireDecoder.decode(file("..\\..\\x").build());
    assertThat(e.path().value()).isEqualTo("..\\..\\x");
    assertThat(e.path().parent()).isNull();
  }

  @Test
  void fieldRules() {
    assertThat(rejection(file("a").setType(dev.ctxd.proto.v1.EntryType.ENTRY_TYPE_UNSPECIFIED))).isEqualTo("entry a has no valid type (0)");
    assertThat(rejection(file("a").setTypeValue(99))).isEqualTo("entry a has no valid type (99)");
    assertThat(rejection(file("a").setMode(0100644))).isEqualTo("entry a has mode bits beyond 07777: 100644");
    assertThat(rejection(TestSession.dirEntry("d").toBuilder().setDigest(5))).isEqualTo("dir entry d carries a content digest");
    assertThat(rejection(TestSession.dirEntry("d").toBuilder().addChunks(5))).isEqualTo("dir entry d carries a content digest");
    assertThat(rejection(TestSession.dirEntry("d").toBuilder().setSize(5))).isEqualTo("dir entry d declares a size");
    assertThat(rejection(TestSession.symlinkEntry("l", "x".repeat(4096)).toBuilder())).isEqualTo("entry l has a link target longer than 4095 bytes");
    assertThat(rejection(TestSession.symlinkEntry("l", "").toBuilder())).isEqualTo("entry l rejected: symlink without a target: l");
    assertThat(rejection(TestSession.symlinkEntry("l", "a\0b").toBuilder())).isEqualTo("entry l rejected: link target contains a NUL byte: \"a\\0b\"");
    assertThat(rejection(file("a").setLinkTarget("x"))).isEqualTo("entry a rejected: file with a link target: a");
  }

  @Test
  void sizesThatCannotBe() {
    assertThat(rejection(file("a").setSize(-1))).isEqualTo("entry a has a negative size");
    assertThat(rejection(file("a").setSize(Long.MAX_VALUE / 2))).isEqualTo("entry a declares an impossible size " + Long.MAX_VALUE / 2);
    long twoChunks = Chunking.CHUNK_SIZE + 1L;
    assertThat(rejection(file("a").setSize(twoChunks))).isEqualTo("entry a rejected: file a of " + twoChunks + " bytes has 0 chunk digests, want 2");
    assertThat(rejection(file("a").addChunks(1).addChunks(2))).isEqualTo("entry a rejected: file a of 3 bytes has 2 chunk digests, want 0");
  }

  /** A multi-chunk file's digest must be the xxHash64 of its chunk digests, as the client computes it. */
  @Test
  void multiChunkFile_whoseDigestDoesNotNameItsChunks() throws Exception {
    long size = 2L * Chunking.CHUNK_SIZE + 5;
    Builder honest = file("big").setSize(size).clearChunks().addChunks(11).addChunks(22).addChunks(-33);
    long digest = new dev.ctxd.core.Digest(net.jpountz.xxhash.XXHashFactory.fastestInstance().hash64()
        .hash(java.nio.ByteBuffer.allocate(24).putLong(11).putLong(22).putLong(-33).array(), 0, 24, 0)).value();
    Entry decoded = WireDecoder.decode(honest.setDigest(digest).build());
    assertThat(decoded.chunks()).extracting(dev.ctxd.core.Digest::value).containsExactly(11L, 22L, -33L);
    assertThat(rejection(honest.setDigest(0x1234567812345678L))).isEqualTo("entry big declares digest " + new dev.ctxd.core.Digest(0x1234567812345678L)
        + ", but its chunk digests hash to " + new dev.ctxd.core.Digest(digest));
    // The same chunks in another order are another file.
    assertThat(rejection(file("big").setSize(size).addChunks(22).addChunks(11).addChunks(-33).setDigest(digest))).contains("but its chunk digests hash to");
  }

  @Test
  void validEntries_decode() throws Exception {
    Entry f = WireDecoder.decode(file("dir/a").setMtimeNs(7).setUid(1).setGid(2).build());
    assertThat(f.type()).isEqualTo(EntryType.FILE);
    assertThat(f.size()).isEqualTo(3);
    assertThat(f.digest()).isEqualTo(Content.digest(Content.utf8("abc")));
    assertThat(WireDecoder.decode(TestSession.symlinkEntry("l", "../../etc")).linkTarget()).isEqualTo("../../etc");
    assertThat(WireDecoder.decodePath("a/b").value()).isEqualTo("a/b");
  }
}
