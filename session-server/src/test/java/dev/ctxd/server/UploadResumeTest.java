package dev.ctxd.server;

import static dev.ctxd.server.TestSession.chunk;
import static dev.ctxd.server.TestSession.commit;
import static dev.ctxd.server.TestSession.fileEntry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ctxd.proto.v1.Entry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5: chunks are durable when stored, before the commit, so an upload whose connection
 * drops resumes: the next sync is asked only for the chunks that had not arrived.
 */
class UploadResumeTest {
  @TempDir Path temp;

  @Test
  void droppedMidUpload_nextSyncIsAskedOnlyForTheRest() throws Exception {
    try (InProcessDaemon daemon = new InProcessDaemon(temp.resolve("state"), Limits.defaults())) {
      List<Entry> files = new ArrayList<>();
      List<byte[]> contents = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        byte[] c = Content.utf8("content of file " + i + "\n");
        contents.add(c);
        files.add(fileEntry("f" + i, c));
      }
      TestSession first = TestSession.fullSync(daemon, "big", files);
      Set<Long> asked = first.missingUntilLast();
      assertThat(asked).hasSize(10);
      for (int i = 0; i < 4; i++) first.send(chunk(contents.get(i)));
      first.cancel();
      assertThat(first.status().getCode()).isEqualTo(io.grpc.Status.Code.CANCELLED);

      TestSession second = TestSession.fullSync(daemon, "big", files);
      Set<Long> rest = new HashSet<>();
      for (int i = 4; i < 10; i++) rest.add(Content.digest(contents.get(i)).value());
      assertThat(second.missingUntilLast()).isEqualTo(rest);
      for (int i = 4; i < 10; i++) second.send(chunk(contents.get(i)));
      second.send(commit());
      assertThat(second.next().getCommitted().getChunksReceived()).isEqualTo(6);
      second.halfClose();
      assertThat(daemon.store.check().problems()).isEmpty();
    }
  }
}
