package dev.ctxd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Issue 6: the plain and rawjson renderers, with a fixed clock where the text depends on time. */
class ProgressRenderersTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private String text() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private void advance(long millis) {
    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
  }

  @Test
  void plain_linesAsBuildKit() {
    PlainProgress plain = new PlainProgress(err, now::get);
    plain.step("[internal] load build definition from Dockerfile");
    plain.log(PlainProgress.status("transferring dockerfile:", 87, 0, 0, true));
    advance(20);
    plain.step("[internal] load build context");
    plain.transferring();
    plain.counters.hashingStarted(80_000_000);
    plain.counters.hashed(120, 12_400_000);
    advance(1000);
    plain.progressed(null, plain.counters.snapshot()); // outside the transfer: nothing
    plain.progressed(new BuildProgress.Step(2, "[internal] load build context", now.get() - 1_000_000_000L), plain.counters.snapshot());
    plain.counters.uploadStarted();
    plain.counters.requested(3, 2_340_000);
    plain.counters.uploaded(3, 2_340_000);
    advance(1300);
    plain.log(PlainProgress.status("transferring context:", 2_340_000, 0, 2_300_000_000L, true));
    plain.done();
    plain.step("[internal] materialize context");
    plain.failed("no space left on device");
    plain.close();
    assertThat(text()).isEqualTo("""
        #1 [internal] load build definition from Dockerfile
        #1 transferring dockerfile: 87B done
        #1 DONE 0.0s

        #2 [internal] load build context
        #2 hashing: 120 files 12.40MB / 80.00MB 1.0s
        #2 transferring context: 2.34MB 2.3s done
        #2 DONE 2.3s

        #3 [internal] materialize context
        #3 ERROR: no space left on device
        """);
  }

  @Test
  void rawjson_ticksDuringTransferWithoutCallbacks_andEndsWithResult() throws Exception {
    // The real ticker, real clock: a transfer that reports nothing new still gets a progress
    // event every tick, so a script sees a long phase move at least once a second.
    BuildProgress json = BuildProgress.create(ProgressMode.RAWJSON, err);
    assertThat(json.tickMillis()).isLessThanOrEqualTo(1000);
    json.step("[internal] load build context");
    json.transferring();
    json.counters.walkStarted();
    json.counters.walked(42);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (text().split("\"type\":\"progress\"", -1).length - 1 < 2) {
      assertThat(System.nanoTime()).as("two progress events within 20s; got:\n%s", text()).isLessThan(deadline);
      java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
    json.done();
    json.result(JSON.createObjectNode().put("durationMs", 5));
    json.close();
    List<JsonNode> events = new ArrayList<>();
    for (String line : text().split("\n")) events.add(JSON.readTree(line));
    assertThat(events.get(0).get("type").asText()).isEqualTo("step");
    assertThat(events.get(0).get("status").asText()).isEqualTo("started");
    List<JsonNode> progress = events.stream().filter(e -> e.get("type").asText().equals("progress")).toList();
    assertThat(progress).hasSizeGreaterThanOrEqualTo(2).allSatisfy(p -> {
      assertThat(p.get("id").asInt()).isEqualTo(1);
      assertThat(p.get("phase").asText()).isEqualTo("walking");
      assertThat(p.get("entries").asLong()).isEqualTo(42);
    });
    long previous = -1;
    for (JsonNode e : events) {
      assertThat(e.get("elapsedMs").asLong()).isGreaterThanOrEqualTo(previous);
      previous = e.get("elapsedMs").asLong();
    }
    JsonNode last = events.get(events.size() - 1);
    assertThat(last.get("type").asText()).isEqualTo("result");
    assertThat(last.get("durationMs").asInt()).isEqualTo(5);
    assertThat(events.get(events.size() - 2).get("status").asText()).isEqualTo("done");
  }
}
