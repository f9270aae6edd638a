package dev.ctxd.server;

import static dev.ctxd.server.TestSession.chunk;
import static dev.ctxd.server.TestSession.commit;
import static dev.ctxd.server.TestSession.fileEntry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ctxd.core.Chunking;
import dev.ctxd.proto.v1.Entry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8: past {@link SessionHandler#LOGGED_BYTES_PER_SYNC} a sync's chunks skip the WAL
 * and become durable at its commit. A sync cut off before its commit commits nothing; the
 * next one finds the chunks this daemon still holds, commits, and builds a byte-exact copy.
 */
class LargeSyncDurabilityTest {
  private static final int FILES = (int) (SessionHandler.LOGGED_BYTES_PER_SYNC / Chunking.CHUNK_SIZE) + 4;
  @TempDir Path temp;

  @Test
  void largeSyncCutOffBeforeCommit_commitsNothing_andTheNextSyncCompletesIt() throws Exception {
    try (InProcessDaemon daemon = new InProcessDaemon(temp.resolve("state"), Limits.defaults())) {
      List<Entry> files = new ArrayList<>();
      List<byte[]> contents = new ArrayList<>();
      Random random = new Random(8);
      for (int i = 0; i < FILES; i++) {
        byte[] c = new byte[Chunking.CHUNK_SIZE - i]; // one chunk each, all different
        random.nextBytes(c);
        contents.add(c);
        files.add(fileEntry("f" + i, c));
      }
      TestSession first = TestSession.fullSync(daemon, "large", files);
      assertThat(first.missingUntilLast()).hasSize(FILES);
      for (byte[] c : contents) first.send(chunk(c));
      // the in-process transport runs the handler inline: every chunk is stored when send returns
      assertThat(daemon.store.unloggedPending()).as("the chunks past the WAL budget skipped the WAL").isTrue();
      first.cancel();
      assertThat(daemon.store.contexts()).isEmpty();

      TestSession second = TestSession.fullSync(daemon, "large", files);
      assertThat(second.missingUntilLast()).isEmpty();
      second.send(commit());
      assertThat(second.next().getCommitted().getVersion()).isEqualTo(1);
      assertThat(daemon.store.unloggedPending()).as("durable before Committed").isFalse();
      second.send(TestSession.build());
      Path tree = Path.of(second.next().getBuildResult().getMaterializedPath());
      for (int i = 0; i < FILES; i++) assertThat(Files.readAllBytes(tree.resolve("f" + i))).isEqualTo(contents.get(i));
      second.halfClose();
      assertThat(daemon.store.check().problems()).isEmpty();
    }
  }
}
