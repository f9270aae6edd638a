package dev.ctxd.sync.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ctxd.core.Chunking;
import dev.ctxd.core.Digest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read path reads each file once and still tells a file that grew or shrank from its stat (issue 8). */
class ContentHasherTest {
  @TempDir Path dir;
  private final ContentHasher hasher = new ContentHasher();

  private Path write(String name, byte[] content) throws Exception {
    return Files.write(dir.resolve(name), content);
  }

  private static byte[] random(int size) {
    byte[] b = new byte[size];
    new SplittableRandom(size).nextBytes(b);
    return b;
  }

  @Test
  void hash_oneChunkFile_isTheChunksXxHash64() throws Exception {
    byte[] content = random(10_000);
    FileContent c = hasher.hash(write("a", content), content.length);
    assertThat(c.digest()).isEqualTo(ContentHasher.chunkDigest(content, 0, content.length));
    assertThat(c.size()).isEqualTo(10_000);
    assertThat(c.chunks()).isEmpty();
  }

  @Test
  void hash_fileOfExactlyOneChunk_andOfTwoAndAHalf_agreeWithTheirChunks() throws Exception {
    for (int size : new int[] {Chunking.CHUNK_SIZE, Chunking.CHUNK_SIZE * 5 / 2}) {
      byte[] content = random(size);
      FileContent c = hasher.hash(write("f" + size, content), size);
      List<Digest> chunks = new java.util.ArrayList<>();
      for (int off = 0; off < size; off += Chunking.CHUNK_SIZE) {
        chunks.add(ContentHasher.chunkDigest(content, off, Math.min(Chunking.CHUNK_SIZE, size - off)));
      }
      assertThat(c.digest()).as("size %d", size).isEqualTo(ContentHasher.fileDigest(chunks));
      assertThat(c.chunks()).isEqualTo(chunks.size() == 1 ? List.of() : chunks);
    }
  }

  @Test
  void hash_emptyFile_isTheEmptyChunksDigest() throws Exception {
    assertThat(hasher.hash(write("empty", new byte[0]), 0).digest()).isEqualTo(ContentHasher.chunkDigest(new byte[0], 0, 0));
  }

  @Test
  void hash_fileLongerThanItsStatSaid_grewWhileItWasRead() throws Exception {
    for (int size : new int[] {0, 100, Chunking.CHUNK_SIZE, Chunking.CHUNK_SIZE * 2 + 7}) {
      Path file = write("g" + size, random(size + 1));
      assertThatThrownBy(() -> hasher.hash(file, size)).as("size %d", size)
          .isInstanceOf(FileChangedException.class).hasMessageStartingWith(file + " grew while it was read");
    }
  }

  @Test
  void hash_fileShorterThanItsStatSaid_shrankWhileItWasRead() throws Exception {
    for (int size : new int[] {1, 100, Chunking.CHUNK_SIZE, Chunking.CHUNK_SIZE * 2 + 7}) {
      Path file = write("s" + size, random(size - 1));
      assertThatThrownBy(() -> hasher.hash(file, size)).as("size %d", size)
          .isInstanceOf(FileChangedException.class).hasMessageStartingWith(file + " shrank while it was read");
    }
  }

  @Test
  void hash_oneHasherForFilesOfManySizes_neverMixesTheirBytes() throws Exception {
    byte[] big = random(Chunking.CHUNK_SIZE + 3);
    byte[] small = Arrays.copyOf(big, 5);
    hasher.hash(write("big", big), big.length);
    assertThat(hasher.hash(write("small", small), 5).digest()).isEqualTo(ContentHasher.chunkDigest(small, 0, 5));
  }
}
