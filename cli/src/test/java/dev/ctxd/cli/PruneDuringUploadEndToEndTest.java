package dev.ctxd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctxd.core.HostAddress;
import dev.ctxd.proto.v1.PruneRequest;
import dev.ctxd.server.PruneResult;
import dev.ctxd.server.UsageReport;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.ctxd.sync.BuildReport;
import dev.ctxd.sync.ContextSession;
import dev.ctxd.sync.ProgressListener;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3: prune --all in a tight loop while a large context uploads. Part of the upload's
 * content is also in contexts the prunes remove, so a prune deletes chunks the upload was told
 * are present unless the pins hold. The upload must complete, its copy equal the source, and the
 * store pass its consistency check.
 */
class PruneDuringUploadEndToEndTest {
  private static final int MB = 1 << 20;

  @TempDir Path temp;

  private static Path tree(Path dir, int firstSeed, int bigFiles, int smallFiles) throws Exception {
    Files.createDirectories(dir.resolve("data"));
    Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\nCOPY . /app\n");
    for (int i = 0; i < bigFiles; i++) Files.write(dir.resolve("data/blob" + (firstSeed + i) + ".bin"), CacheTrees.random(MB, firstSeed + i));
    CacheTrees.write(dir, null, smallFiles, dir.getFileName().toString());
    return dir;
  }

  @Test
  void pruneLoopBesideLargeUpload_uploadCompletes_copyEqualsSource_storeConsistent() throws Exception {
    try (CtxHarness harness = new CtxHarness(temp.resolve("home"))) {
      harness.startDaemon();
      Path shared = tree(temp.resolve("shared"), 0, 30, 50); // its 30 blobs are also in the big context
      Path other = tree(temp.resolve("other"), 1000, 5, 20);
      Path big = tree(temp.resolve("big"), 0, 100, 500);
      for (Path p : new Path[] {shared, other}) {
        CtxHarness.Result r = harness.ctx("build", "--stream", "--progress=quiet", "--host", harness.host(), p.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
      }
      // The upload runs in a session this test holds: the copy is compared while the session
      // still holds it (once a session closes, prune --all may rightly remove its context).
      ExecutorService uploader = Executors.newSingleThreadExecutor();
      long started = System.nanoTime();
      Future<String> upload = uploader.submit(() -> {
        try (ContextSession session = ContextSession.open(HostAddress.parse(harness.host()), big, temp.resolve("big-state"), Duration.ofMinutes(5))) {
          ContextInput.Dockerfile df = ContextInput.dockerfile(big, null);
          session.sync(df.filter(), false, dev.ctxd.sync.upload.Compression.NEVER, ProgressListener.NONE);
          BuildReport report = session.build(df.name(), df.content(), false);
          assertThat(TreeSnapshot.of(report.materializedPath(), Set.of())).isEqualTo(TreeSnapshot.of(big, Set.of()));
          return report.materializedPath().toString();
        }
      });
      int prunes = 0;
      int prunesWhileUploading = 0;
      long reclaimed = 0;
      try (AdminClient admin = new AdminClient(HostAddress.parse(harness.host()))) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (!upload.isDone()) {
          assertThat(System.nanoTime()).as("upload did not finish within 5 minutes").isLessThan(deadline);
          PruneResult r = admin.prune(PruneRequest.newBuilder().setAll(true).build());
          prunes++;
          reclaimed += r.reclaimedBytes();
          UsageReport df = admin.df(true);
          if (df.records().stream().anyMatch(rec -> rec.id().equals("uploading"))) prunesWhileUploading++;
        }
      } finally {
        uploader.shutdown();
      }
      String materialized = upload.get(5, TimeUnit.MINUTES); // rethrows the upload's failure, copy mismatch included
      long elapsedMs = (System.nanoTime() - started) / 1_000_000;
      System.out.printf("upload of 100MB+ beside %d prunes (%d saw pinned chunks, %d bytes reclaimed): %d ms, copy in %s%n",
          prunes, prunesWhileUploading, reclaimed, elapsedMs, materialized);
      java.util.regex.Matcher hold = java.util.regex.Pattern.compile("longest GC lock hold ([0-9.]+) ms").matcher(harness.log());
      double longestHold = 0;
      while (hold.find()) longestHold = Math.max(longestHold, Double.parseDouble(hold.group(1)));
      System.out.printf("longest GC lock hold over the prunes: %.1f ms%n", longestHold);
      assertThat(prunes).isPositive();
      assertThat(reclaimed).as("the prunes removed the other contexts").isPositive();

      CtxHarness.Result check = harness.ctx("daemon", "--check", "--root", harness.root.toString());
      assertThat(check.out()).as(check.err()).contains("is consistent");
      assertThat(check.exitCode()).isZero();
    }
  }
}
