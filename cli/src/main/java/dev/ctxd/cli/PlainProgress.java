package dev.ctxd.cli;

import java.io.PrintStream;
import java.util.function.LongSupplier;

/**
 * {@code --progress=plain}: steady numbered lines laid out as BuildKit's plain printer lays
 * them out (a blank line before each step but the first; status lines
 * {@code #N <what> <bytes>[ / <total>][ <time>][ done]}), for logs and CI:
 * <pre>
 * #3 [internal] load build context
 * #3 hashing: 120 files 12.40MB / 80.00MB 1.0s
 * #3 transferring context: 2.34MB 2.3s done
 * #3 DONE 2.3s
 * </pre>
 * During the context transfer the ticker adds a status line a second.
 */
final class PlainProgress extends BuildProgress {
  private final PrintStream out;
  private boolean notFirst;

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
    if (notFirst) out.println();
    notFirst = true;
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
    out.flush();
  }

  @Override
  void progressed(Step transfer, TransferCounters.Snapshot c) {
    if (transfer == null) return;
    out.println("#" + transfer.id() + " " + describe(c, clock.getAsLong() - transfer.startedNanos()));
    out.flush();
  }

  /** The transfer's current phase as a BuildKit status line (without the {@code #N}). */
  static String describe(TransferCounters.Snapshot c, long elapsedNanos) {
    return switch (c.phase()) {
      case CONNECTING -> "connecting to the daemon" + Times.statusSuffix(elapsedNanos);
      case WALKING -> "walking: " + c.entries() + " entries" + Times.statusSuffix(elapsedNanos);
      case HASHING -> status("hashing: " + c.hashedFiles() + " files", c.hashedBytes(), c.bytesToHash(), elapsedNanos, false);
      case UPLOADING -> status("transferring context:", c.uploadedBytes(), c.requestedBytes(), elapsedNanos, false);
    };
  }

  /**
   * BuildKit's status line: {@code id}, then {@code current / total} when there is a total,
   * else {@code current} when not zero, then the time when over 10ms, then {@code done}.
   */
  static String status(String id, long current, long total, long elapsedNanos, boolean done) {
    StringBuilder line = new StringBuilder(id);
    if (total != 0) {
      line.append(' ').append(Sizes.progress(current)).append(" / ").append(Sizes.progress(total));
    } else if (current != 0) {
      line.append(' ').append(Sizes.progress(current));
    }
    line.append(Times.statusSuffix(elapsedNanos));
    if (done) line.append(" done");
    return line.toString();
  }
}
