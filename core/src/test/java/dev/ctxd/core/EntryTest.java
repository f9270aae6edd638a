package dev.ctxd.core;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class EntryTest {
  private static final RelPath P = RelPath.of("p");

  @Test
  void rulesOfEachType_namedInTheMessage() {
    assertThatThrownBy(() -> new Entry(P, EntryType.FILE, 010000, 0, 0, 0, 0, "", new Digest(1), List.of()))
        .hasMessage("mode has bits beyond 07777: 10000 on p");
    assertThatThrownBy(() -> new Entry(P, EntryType.FILE, 0644, -1, 0, 0, 0, "", new Digest(1), List.of()))
        .hasMessage("negative size -1 on p");
    assertThatThrownBy(() -> new Entry(P, EntryType.FILE, 0644, 1, 0, 0, 0, "", null, List.of()))
        .hasMessage("file without digest: p");
    assertThatThrownBy(() -> new Entry(P, EntryType.DIR, 0755, 0, 0, 0, 0, "", new Digest(1), List.of()))
        .hasMessage("dir with digest: p");
    assertThatThrownBy(() -> new Entry(P, EntryType.DIR, 0755, 5, 0, 0, 0, "", null, List.of()))
        .hasMessage("dir with a size: p");
    assertThatThrownBy(() -> new Entry(P, EntryType.SYMLINK, 0777, 0, 0, 0, 0, "", null, List.of()))
        .hasMessage("symlink without a target: p");
    assertThatThrownBy(() -> new Entry(P, EntryType.DIR, 0755, 0, 0, 0, 0, "x", null, List.of()))
        .hasMessage("dir with a link target: p");
    assertThatThrownBy(() -> new Entry(P, EntryType.SYMLINK, 0777, 3, 0, 0, 0, "a\0b", null, List.of()))
        .isInstanceOf(InvalidPathException.class).hasMessage("link target contains a NUL byte: \"a\\0b\"");
  }

  @Test
  void chunkListMustMatchTheSize() {
    long twoChunks = Chunking.CHUNK_SIZE + 1L;
    assertThatThrownBy(() -> new Entry(P, EntryType.FILE, 0644, twoChunks, 0, 0, 0, "", new Digest(1), List.of()))
        .hasMessage("file p of " + twoChunks + " bytes has 0 chunk digests, want 2");
    assertThatThrownBy(() -> new Entry(P, EntryType.FILE, 0644, 10, 0, 0, 0, "", new Digest(1), List.of(new Digest(2), new Digest(3))))
        .hasMessage("file p of 10 bytes has 2 chunk digests, want 0");
    assertThatThrownBy(() -> new Entry(P, EntryType.DIR, 0755, 0, 0, 0, 0, "", null, List.of(new Digest(2))))
        .hasMessage("dir with chunks: p");
  }
}
