package dev.ctxd.cli;

import java.util.function.LongSupplier;

/** {@code --progress=quiet}: nothing but the result (and errors). */
final class QuietProgress extends BuildProgress {
  QuietProgress(LongSupplier clock) {
    super(clock);
  }

  @Override
  long tickMillis() {
    return 0;
  }

  @Override
  void started(Step step) {}

  @Override
  void logged(Step step, String text) {}

  @Override
  void finished(Step step, long elapsedNanos, String error) {}

  @Override
  void progressed(Step transfer, TransferCounters.Snapshot counters) {}
}
