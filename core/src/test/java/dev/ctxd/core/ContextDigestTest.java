package dev.ctxd.core;

import static dev.ctxd.core.Entries.dir;
import static dev.ctxd.core.Entries.file;
import static dev.ctxd.core.Entries.symlink;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ContextDigestTest {
  // Computed outside Java (python hashlib) from the encoding documented on ContextDigest.
  private static final String VECTOR = "sha256:27219125b5570fb77d57cc7b3e3d7ad830bc0662c9091c2e03e2d00c547865ec";

  private static Manifest sample(Entry fileEntry) throws InvalidManifestException {
    return Manifest.of(List.of(symlink("l", "d/a"), fileEntry, dir("d")));
  }

  @Test
  void knownVector() throws Exception {
    assertThat(ContextDigest.of(sample(file("d/a", 1)))).isEqualTo(VECTOR);
    assertThat(ContextDigest.of(Manifest.empty()))
        .isEqualTo("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void timesAndOwnersDoNotCount() throws Exception {
    Entry other = Entry.file(RelPath.of("d/a"), 0644, 3, 123_456_789, 1000, 1000, new Digest(1), List.of());
    assertThat(ContextDigest.of(sample(other))).isEqualTo(VECTOR);
  }

  @Test
  void modeContentSizeAndPathCount() throws Exception {
    assertThat(ContextDigest.of(sample(Entry.file(RelPath.of("d/a"), 0600, 3, 0, 0, 0, new Digest(1), List.of())))).isNotEqualTo(VECTOR);
    assertThat(ContextDigest.of(sample(file("d/a", 3, 2)))).isNotEqualTo(VECTOR);
    assertThat(ContextDigest.of(sample(file("d/a", 4, 1)))).isNotEqualTo(VECTOR);
    assertThat(ContextDigest.of(sample(file("d/b", 1)))).isNotEqualTo(VECTOR);
  }
}
