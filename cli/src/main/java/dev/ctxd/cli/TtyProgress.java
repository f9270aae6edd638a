package dev.ctxd.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import org.jline.utils.Display;

/**
 * {@code --progress=tty}: a live view redrawn in place ten times a second, BuildKit-like:
 * <pre>
 * [+] Building 2.1s (2/3)
 *  => [internal] load build definition from Dockerfile          0.0s
 *  => [internal] load build context                             2.0s
 *  => => hashing 310 files, 80.1MB / 200MB, 40MB/s, ETA 3.0s
 * </pre>
 * JLine's {@link Display} computes the redraw; no escape codes are written by hand. Falls
 * back to plain lines when stderr is no terminal JLine can drive.
 */
final class TtyProgress extends BuildProgress {
  private static final AttributedStyle RUNNING = AttributedStyle.DEFAULT.foreground(AttributedStyle.BLUE);
  private static final AttributedStyle FAILED = AttributedStyle.DEFAULT.foreground(AttributedStyle.RED);

  /** A step as the view shows it. */
  private static final class Row {
    final Step step;
    String detail = "";
    long elapsedNanos = -1; // -1 while running
    String error;

    Row(Step step) {
      this.step = step;
    }
  }

  private final Terminal terminal;
  private final Display display;
  private final List<Row> rows = new ArrayList<>();
  private TransferCounters.Phase phase;
  private long phaseStartedNanos;
  private long phaseStartBytes;

  private TtyProgress(Terminal terminal, LongSupplier clock) {
    super(clock);
    this.terminal = terminal;
    this.display = new Display(terminal, false);
  }

  static BuildProgress open(PrintStream err, LongSupplier clock) {
    Terminal terminal;
    try {
      // No grapheme-cluster probing: its queries would wait on, and leave answers in, the
      // user's terminal input; the view is ASCII.
      terminal = TerminalBuilder.builder().system(true).systemOutput(TerminalBuilder.SystemOutput.SysErr)
          .graphemeCluster(false).dumb(true).build();
    } catch (IOException | RuntimeException e) {
      return new PlainProgress(err, clock);
    }
    if (terminal.getType().startsWith(Terminal.TYPE_DUMB)) {
      closeQuietly(terminal);
      return new PlainProgress(err, clock);
    }
    return new TtyProgress(terminal, clock);
  }

  @Override
  long tickMillis() {
    return 100;
  }

  private Row row(Step step) {
    for (Row r : rows) if (r.step == step) return r;
    Row r = new Row(step);
    rows.add(r);
    return r;
  }

  @Override
  void started(Step step) {
    row(step);
    redraw(null, null, false);
  }

  @Override
  void logged(Step step, String text) {
    row(step).detail = text;
    redraw(null, null, false);
  }

  @Override
  void finished(Step step, long elapsedNanos, String error) {
    Row r = row(step);
    r.elapsedNanos = elapsedNanos;
    r.error = error;
    redraw(null, null, false);
  }

  @Override
  void progressed(Step transfer, TransferCounters.Snapshot counters) {
    redraw(transfer, counters, false);
  }

  @Override
  void closing() {
    redraw(null, null, true);
    closeQuietly(terminal);
  }

  private void redraw(Step transfer, TransferCounters.Snapshot counters, boolean finished) {
    long now = clock.getAsLong();
    int columns = terminal.getWidth() > 0 ? terminal.getWidth() : 80;
    int height = terminal.getHeight() > 0 ? terminal.getHeight() : 24;
    // The last column stays free: a line that fills it leaves the cursor pending a wrap on
    // some terminals (tmux), and the summary printed after the view then lands on that line.
    int width = Math.max(1, columns - 1);
    List<AttributedString> lines = new ArrayList<>();
    long done = rows.stream().filter(r -> r.elapsedNanos >= 0).count();
    boolean anyFailed = rows.stream().anyMatch(r -> r.error != null);
    AttributedStringBuilder header = new AttributedStringBuilder().style(AttributedStyle.BOLD)
        .append("[+] Building ").append(Times.seconds(now - startedNanos))
        .append(" (").append(String.valueOf(done)).append('/').append(String.valueOf(rows.size())).append(')');
    if (finished) header.append(anyFailed ? " FAILED" : " FINISHED");
    lines.add(header.toAttributedString());
    for (Row r : rows) {
      boolean running = r.elapsedNanos < 0;
      String time = Times.seconds(running ? now - r.step.startedNanos() : r.elapsedNanos);
      AttributedStyle style = r.error != null ? FAILED : running && !finished ? RUNNING : AttributedStyle.DEFAULT;
      lines.add(columns(" => " + r.step.name(), time, width, style));
      String detail = transfer == r.step && counters != null ? live(counters, now) : r.detail;
      if (r.error != null) detail = "ERROR: " + r.error;
      if (!detail.isEmpty()) lines.add(fit(" => => " + detail, width, style));
    }
    lines.add(AttributedString.EMPTY); // the cursor rests here, below the view
    display.resize(height, columns);
    display.update(lines, (lines.size() - 1) * columns);
    terminal.flush();
  }

  /** The transfer's phase with rate and ETA; the rate is measured from the phase's start. */
  private String live(TransferCounters.Snapshot c, long now) {
    long bytes = c.phase() == TransferCounters.Phase.HASHING ? c.hashedBytes() : c.uploadedBytes();
    long total = c.phase() == TransferCounters.Phase.HASHING ? c.bytesToHash() : c.requestedBytes();
    if (c.phase() != phase) {
      phase = c.phase();
      phaseStartedNanos = now;
      phaseStartBytes = bytes;
    }
    String text = switch (c.phase()) {
      case CONNECTING -> "connecting to the daemon";
      case WALKING -> "walking " + c.entries() + " entries";
      case HASHING -> "hashing " + c.hashedFiles() + " files, " + Sizes.progress(bytes) + " / " + Sizes.progress(total);
      case UPLOADING -> "transferring context: " + c.uploadedChunks() + "/" + c.requestedChunks() + " chunks, "
          + Sizes.progress(bytes) + " / " + Sizes.progress(total);
    };
    double seconds = (now - phaseStartedNanos) / 1e9;
    boolean measured = c.phase() == TransferCounters.Phase.HASHING || c.phase() == TransferCounters.Phase.UPLOADING;
    if (measured && seconds > 0.2) {
      double rate = (bytes - phaseStartBytes) / seconds;
      text += ", " + Sizes.progress((long) rate) + "/s";
      if (rate > 0 && total > bytes) text += ", ETA " + Times.seconds((long) ((total - bytes) / rate * 1e9));
    }
    return text;
  }

  private static AttributedString columns(String left, String right, int width, AttributedStyle style) {
    int room = Math.max(1, width - right.length() - 1);
    String l = left.length() > room ? left.substring(0, room) : left;
    StringBuilder line = new StringBuilder(l);
    while (line.length() < room) line.append(' ');
    line.append(' ').append(right);
    return new AttributedString(line.length() > width ? line.substring(0, width) : line, style);
  }

  private static AttributedString fit(String text, int width, AttributedStyle style) {
    return new AttributedString(text.length() > width ? text.substring(0, width) : text, style);
  }

  private static void closeQuietly(Terminal terminal) {
    try {
      terminal.close();
    } catch (IOException ignored) {
      // nothing to restore on a terminal whose modes were never changed
    }
  }
}
