package dev.ctxd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6: what {@code ctx build} shows, through the real CLI and a real daemon process:
 * plain lines without a terminal (auto), the live view under a pseudo-terminal (auto, via
 * util-linux {@code script}), rawjson and quiet; and the final numbers.
 */
class ProgressEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TIME = "\\d+\\.\\ds";
  private static final String SIZE = "\\d+(\\.\\d\\d[kMGTPE])?B";
  /** The ticker's status lines during the transfer; they never end in "done". */
  private static final Pattern TICK = Pattern.compile("#3 (connecting to the daemon|walking: \\d+ entries|hashing: \\d+ files( " + SIZE + " / " + SIZE + ")?"
      + "|transferring context:( " + SIZE + " / " + SIZE + ")?)( " + TIME + ")?");

  @TempDir Path temp;
  private CtxHarness harness;
  private Path context;
  private long contentBytes;

  @BeforeEach
  void setUp() throws Exception {
    harness = new CtxHarness(temp.resolve("home"));
    harness.startDaemon();
    context = temp.resolve("project");
    Files.createDirectories(context.resolve("src"));
    Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY . /app\n");
    Files.writeString(context.resolve(".dockerignore"), "*.log\n");
    Files.writeString(context.resolve("src/a.txt"), "alpha\n");
    byte[] big = new byte[2_345_678]; // random, so no two chunks are equal and all of it is sent
    new java.util.Random(6).nextBytes(big);
    Files.write(context.resolve("src/big.bin"), big);
    Files.writeString(context.resolve("debug.log"), "ignored\n");
    contentBytes = 25 + 6 + 6 + 2_345_678;
  }

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
  }

  private CtxHarness.Result build(String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("build", "--stream", "--host", harness.host()));
    args.addAll(List.of(extra));
    args.add(context.toString());
    CtxHarness.Result r = harness.ctx(args.toArray(String[]::new));
    assertThat(r.exitCode()).as("ctx build failed:\n%s\n%s\ndaemon log:\n%s", r.out(), r.err(), harness.log()).isZero();
    return r;
  }

  /** stderr with the ticker's lines taken out (each checked against {@link #TICK}). */
  private static List<String> stepLines(String err) {
    List<String> lines = new ArrayList<>();
    for (String line : err.split("\n", -1)) {
      if (line.startsWith("#3 ") && !line.endsWith(" done") && !line.startsWith("#3 DONE") && !line.startsWith("#3 [")) {
        assertThat(line).matches(TICK);
        continue;
      }
      lines.add(line);
    }
    return lines;
  }

  private void assertPlain(List<String> lines, String transferred) {
    List<String> expected = List.of(
        "#1 \\[internal\\] load build definition from Dockerfile",
        "#1 transferring dockerfile: 25B done",
        "#1 DONE " + TIME,
        "",
        "#2 \\[internal\\] load \\.dockerignore",
        "#2 sending the whole context: the Dockerfile copies the whole context",
        "#2 DONE " + TIME,
        "",
        "#3 \\[internal\\] load build context",
        "#3 transferring context:" + transferred + "( " + TIME + ")? done",
        "#3 DONE " + TIME,
        "",
        "#4 \\[internal\\] materialize context",
        "#4 DONE " + TIME,
        "");
    assertThat(lines).hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) assertThat(lines.get(i)).as("line %d", i + 1).matches(expected.get(i));
  }

  @Test
  void auto_withoutTerminal_printsBuildKitPlainLines_andTheNumbers() throws Exception {
    Path metadata = temp.resolve("m.json");
    CtxHarness.Result first = build("--metadata-file", metadata.toString());
    assertPlain(stepLines(first.err()), " 2.35MB");
    JsonNode json = first.json(metadata);
    String digest = json.at("/context/digest").asText();
    assertThat(json.at("/context/files").asLong()).isEqualTo(4);
    assertThat(json.at("/context/bytes").asLong()).isEqualTo(contentBytes);
    assertThat(json.at("/transfer/filesSent").asLong()).isEqualTo(4);
    assertThat(json.at("/transfer/contentBytes").asLong()).isEqualTo(contentBytes);
    String wire = Sizes.human(json.at("/transfer/wireBytes").asLong());
    assertThat(first.out().split("\n")[0]).matches(Pattern.quote("context " + context.toRealPath() + ": 4 files (2.346MB) | sent 4 files, 2.346MB content, "
        + wire + " on the wire | reused 0 files | " + digest + " | ") + TIME);

    CtxHarness.Result second = build("--metadata-file", metadata.toString());
    assertPlain(stepLines(second.err()), "");
    assertThat(second.out().split("\n")[0]).contains(": 4 files (2.346MB) | sent 0 files, 0B content, ").contains("| reused 4 files | " + digest + " | ");
  }

  @Test
  void rawjson_oneEventPerLine_endingWithTheResult() throws Exception {
    Path metadata = temp.resolve("m.json");
    CtxHarness.Result r = build("--progress=rawjson", "--metadata-file", metadata.toString());
    List<JsonNode> events = new ArrayList<>();
    for (String line : r.err().split("\n")) events.add(JSON.readTree(line));
    List<String> steps = new ArrayList<>();
    for (JsonNode e : events) {
      assertThat(e.get("elapsedMs").asLong()).isNotNegative();
      if (e.get("type").asText().equals("step")) steps.add(e.get("id").asInt() + " " + e.get("status").asText() + " " + e.get("name").asText());
      if (e.get("type").asText().equals("progress")) assertThat(e.get("id").asInt()).isEqualTo(3);
    }
    assertThat(steps).containsExactly(
        "1 started [internal] load build definition from Dockerfile", "1 done [internal] load build definition from Dockerfile",
        "2 started [internal] load .dockerignore", "2 done [internal] load .dockerignore",
        "3 started [internal] load build context", "3 done [internal] load build context",
        "4 started [internal] materialize context", "4 done [internal] materialize context");
    assertThat(events).filteredOn(e -> e.get("type").asText().equals("log")).extracting(e -> e.get("text").asText())
        .hasSize(3).containsSequence("transferring dockerfile: 25B done", "sending the whole context: the Dockerfile copies the whole context");
    ObjectNode result = (ObjectNode) events.get(events.size() - 1);
    assertThat(result.get("type").asText()).isEqualTo("result");
    result.remove(List.of("type", "elapsedMs"));
    assertThat(result).isEqualTo(r.json(metadata));
    assertThat(result.at("/transfer/contentBytes").asLong()).isEqualTo(contentBytes);
  }

  @Test
  void quiet_printsOnlyTheResult() throws Exception {
    CtxHarness.Result r = build("--progress=quiet");
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).startsWith("context " + context.toRealPath() + ": 4 files (2.346MB) | sent 4 files").contains("materialized context: ");
  }

  @Test
  void auto_stderrOnPseudoTerminal_drawsTheLiveView_stdoutRedirected() throws Exception {
    // script(1) runs the command on a pty and copies everything the pty shows to its stdout.
    StringBuilder command = new StringBuilder();
    for (String arg : CtxHarness.java("build", "--stream", "--host", harness.host(), context.toString())) {
      command.append('\'').append(arg.replace("'", "'\\''")).append("' ");
    }
    Map<String, String> env = new java.util.HashMap<>(harness.environment());
    env.put("TERM", "xterm");
    // stdout to a file, as in `ctx build DIR > result.txt`: the view follows stderr alone.
    Path result = temp.resolve("result.txt");
    command.append("> '").append(result).append('\'');
    ProcessBuilder pb = new ProcessBuilder("script", "-qfec", command.toString(), "/dev/null");
    pb.environment().remove("CTXD_HOST");
    pb.environment().putAll(env);
    Path out = temp.resolve("pty.txt");
    pb.redirectErrorStream(true).redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process p = pb.start();
    assertThat(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    String screen = Files.readString(out);
    assertThat(p.exitValue()).as(screen).isZero();
    assertThat(screen).as("a redrawn view uses escape sequences").contains("\u001b[");
    assertThat(screen).contains("[+] Building ").contains(" => [internal] load build context").contains(" => [internal] materialize context");
    // JLine redraws only what changed: replay the output to read the final view.
    List<String> view = ScreenEmulator.replay(screen);
    assertThat(view).as("final screen:\n%s", String.join("\n", view)).hasSize(8);
    assertThat(view.get(0)).matches("\\[\\+\\] Building " + TIME + " \\(4/4\\) FINISHED");
    assertThat(view.get(1)).matches(" => \\[internal\\] load build definition from Dockerfile +" + TIME);
    assertThat(view.get(2)).isEqualTo(" => => transferring dockerfile: 25B done");
    assertThat(view.get(3)).matches(" => \\[internal\\] load \\.dockerignore +" + TIME);
    assertThat(view.get(4)).isEqualTo(" => => sending the whole context: the Dockerfile copies the whole context");
    assertThat(view.get(5)).matches(" => \\[internal\\] load build context +" + TIME);
    assertThat(view.get(6)).matches(" => => transferring context: 2\\.35MB( " + TIME + ")? done");
    assertThat(view.get(7)).matches(" => \\[internal\\] materialize context +" + TIME);
    assertThat(view).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
    assertThat(screen).as("no plain lines on a terminal").doesNotContain("#1 [internal]").doesNotContain("#3 DONE");
    assertThat(screen).doesNotContain("materialized context:");
    assertThat(Files.readString(result)).startsWith("context " + context.toRealPath() + ": 4 files (2.346MB) | sent 4 files, 2.346MB content");
  }
}
