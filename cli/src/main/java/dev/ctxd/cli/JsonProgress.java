package dev.ctxd.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.function.LongSupplier;

/**
 * {@code --progress=rawjson}: one JSON object per line per event, for scripts. Every event
 * has {@code type} and {@code elapsedMs} (since the build started):
 * <ul>
 *   <li>{@code step}: {@code id}, {@code name}, {@code status} started|done|error,
 *       {@code durationMs} and {@code error} when it ended;
 *   <li>{@code log}: {@code id}, {@code text};
 *   <li>{@code progress}: {@code id}, {@code phase} connecting|walking|hashing|uploading and the
 *       counters, once a second during the context transfer;
 *   <li>{@code result}: last, the same {@code context}, {@code transfer} and
 *       {@code durationMs} as {@code --metadata-file}.
 * </ul>
 */
final class JsonProgress extends BuildProgress {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final PrintStream out;

  JsonProgress(PrintStream out, LongSupplier clock) {
    super(clock);
    this.out = out;
  }

  @Override
  long tickMillis() {
    return 1000;
  }

  private ObjectNode event(String type) {
    ObjectNode e = JSON.createObjectNode();
    e.put("type", type);
    e.put("elapsedMs", (clock.getAsLong() - startedNanos) / 1_000_000);
    return e;
  }

  private void emit(ObjectNode event) {
    try {
      out.println(JSON.writeValueAsString(event));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain values did not serialise", e);
    }
    out.flush();
  }

  @Override
  void started(Step step) {
    ObjectNode e = event("step");
    e.put("id", step.id()).put("name", step.name()).put("status", "started");
    emit(e);
  }

  @Override
  void logged(Step step, String text) {
    ObjectNode e = event("log");
    e.put("id", step.id()).put("text", text);
    emit(e);
  }

  @Override
  void finished(Step step, long elapsedNanos, String error) {
    ObjectNode e = event("step");
    e.put("id", step.id()).put("name", step.name()).put("status", error == null ? "done" : "error");
    e.put("durationMs", elapsedNanos / 1_000_000);
    if (error != null) e.put("error", error);
    emit(e);
  }

  @Override
  void progressed(Step transfer, TransferCounters.Snapshot c) {
    if (transfer == null) return;
    ObjectNode e = event("progress");
    e.put("id", transfer.id()).put("phase", c.phase().name().toLowerCase(java.util.Locale.ROOT));
    e.put("entries", c.entries());
    e.put("hashedFiles", c.hashedFiles()).put("hashedBytes", c.hashedBytes()).put("bytesToHash", c.bytesToHash());
    e.put("requestedChunks", c.requestedChunks()).put("requestedBytes", c.requestedBytes());
    e.put("uploadedChunks", c.uploadedChunks()).put("uploadedBytes", c.uploadedBytes());
    emit(e);
  }

  @Override
  synchronized void result(ObjectNode metadata) {
    ObjectNode e = event("result");
    e.setAll(metadata);
    emit(e);
  }
}
