package dev.ctxd.cli;

import java.io.PrintStream;
import java.util.function.LongSupplier;

/**
 * {@code --progress=plain}: steady numbered lines in BuildKit's style, for logs and CI.
 * <pre>
 * #3 [internal] load build context
 * #3 hashing: 120 files, 12.4MB / 80MB 1.0s
 * #3 transferring context: 2.34MB 0.3s done
 * #3 DONE 0.3s
 * </pre>
 * During the context transfer the ticker adds a line a second.
 */
final class PlainProgress extends BuildProgress {
  private final PrintStream out;

  PlainProgress(PrintStream out, LongSupplier clock) {
    super(clock);
    this.out = out;
  }

  @Override
  long tickMillis() {
    return 1000;
  }

  @Override
  void started(Step step) {
    out.println("#" + step.id() + " " + step.name());
    out.flush();
  }

  @Override
  void logged(Step step, String text) {
    out.println("#" + step.id() + " " + text);
    out.flush();
  }

  @Override
  void finished(Step step, long elapsedNanos, String error) {
    out.println("#" + step.id() + (error == null ? " DONE " + Times.seconds(elapsedNanos) : " ERROR: " + error));
    out.println();
    out.flush();
  }

  @Override
  void progressed(Step transfer, TransferCounters.Snapshot c) {
    if (transfer == null) return;
    String elapsed = Times.seconds(clock.getAsLong() - transfer.startedNanos());
    out.println("#" + transfer.id() + " " + describe(c) + " " + elapsed);
    out.flush();
  }

  /** The transfer's current phase in a few words, as BuildKit's "transferring context: 2.34MB". */
  static String describe(TransferCounters.Snapshot c) {
    return switch (c.phase()) {
      case WALKING -> "walking: " + c.entries() + " entries";
      case HASHING -> "hashing: " + c.hashedFiles() + " files, " + Sizes.human(c.hashedBytes()) + " / " + Sizes.human(c.bytesToHash());
      case UPLOADING -> "transferring context: " + Sizes.human(c.uploadedBytes()) + " / " + Sizes.human(c.requestedBytes());
    };
  }
}
