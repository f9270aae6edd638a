package dev.ctxd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code ctx} CLI and a real daemon as separate JVM processes on the test class
 * path, with the user's XDG directories pointed into a temp dir. Closing kills the daemon.
 */
final class CtxHarness implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  final Path home;
  final Path root;
  final Path socket;
  private Process daemon;

  CtxHarness(Path home) {
    this.home = home;
    this.root = home.resolve("daemon-root");
    this.socket = home.resolve("run/ctxd.sock");
  }

  String host() {
    return "unix://" + socket;
  }

  record Result(int exitCode, String out, String err) {
    JsonNode json(Path file) throws IOException {
      return JSON.readTree(file.toFile());
    }
  }

  static List<String> java(String... args) {
    return java(List.of(), args);
  }

  static List<String> java(List<String> jvmArgs, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.add("-XX:+UseSerialGC");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("--add-opens=java.base/sun.nio.fs=ALL-UNNAMED"); // what ctx.jar's manifest grants (FileStat)
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(List.of(args));
    return command;
  }

  Map<String, String> environment() {
    Map<String, String> env = new HashMap<>();
    env.put("XDG_CACHE_HOME", home.resolve("cache").toString());
    env.put("XDG_DATA_HOME", home.resolve("data").toString());
    env.put("XDG_RUNTIME_DIR", home.resolve("xdg-run").toString());
    env.put("LC_ALL", "C.UTF-8");
    return env;
  }

  void startDaemon() throws Exception {
    startDaemon(Map.of());
  }

  /** Starts the daemon with {@code extra} flags after --root and --host. */
  void startDaemon(String... extra) throws Exception {
    startDaemon(Map.of(), List.of(), extra);
  }

  /** Starts the daemon with {@code extraEnv} added, e.g. {@code CTXD_FAULT} (see the daemon's Faults). */
  void startDaemon(Map<String, String> extraEnv) throws Exception {
    startDaemon(extraEnv, List.of());
  }

  /** As {@link #startDaemon(Map)} with JVM options (e.g. -Xmx) and extra daemon flags. */
  void startDaemon(Map<String, String> extraEnv, List<String> jvmArgs, String... daemonArgs) throws Exception {
    List<String> args = new ArrayList<>(List.of("daemon", "--root", root.toString(), "--host", host()));
    args.addAll(List.of(daemonArgs));
    ProcessBuilder pb = new ProcessBuilder(java(jvmArgs, args.toArray(String[]::new)));
    pb.environment().putAll(environment());
    pb.environment().putAll(extraEnv);
    pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("daemon.log").toFile()));
    Files.createDirectories(home);
    daemon = pb.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!DaemonLauncher.listening(socket)) {
      assertThat(daemon.isAlive()).as("daemon exited early; log:\n%s", log()).isTrue();
      assertThat(System.nanoTime()).as("daemon did not listen within 30s").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  /** SIGKILL: no shutdown hook, no flush, as a crash would. */
  void killDaemon() throws Exception {
    daemon.destroyForcibly();
    assertThat(daemon.waitFor(10, TimeUnit.SECONDS)).isTrue();
  }

  /**
   * Starts the daemon on a TCP address ({@code tcp://127.0.0.1:0} picks a port) and returns
   * the address it prints once listening.
   */
  String startTcpDaemon(String host, String... daemonArgs) throws Exception {
    List<String> args = new ArrayList<>(List.of("daemon", "--root", root.toString(), "--host", host));
    args.addAll(List.of(daemonArgs));
    ProcessBuilder pb = new ProcessBuilder(java(args.toArray(String[]::new)));
    pb.environment().putAll(environment());
    pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("daemon.log").toFile()));
    Files.createDirectories(home);
    daemon = pb.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    java.util.regex.Pattern listening = java.util.regex.Pattern.compile("ctxd daemon listening on (tcp://\\S+), state in");
    while (true) {
      java.util.regex.Matcher m = listening.matcher(log());
      if (m.find()) return m.group(1);
      assertThat(daemon.isAlive()).as("daemon exited early; log:\n%s", log()).isTrue();
      assertThat(System.nanoTime()).as("daemon did not listen within 30s").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  /** Waits for the daemon to die by itself (a fault point killed it); its exit status. */
  int awaitDaemonDeath() throws Exception {
    assertThat(daemon.waitFor(60, TimeUnit.SECONDS)).as("the daemon did not die; log:\n%s", log()).isTrue();
    return daemon.exitValue();
  }

  /** `ctx build --stream` of {@code context} against this daemon, writing its metadata to {@code metadata}. */
  Result streamBuild(Path context, Path metadata) throws Exception {
    Files.deleteIfExists(metadata);
    return ctx("build", "--stream", "--host", host(), "--metadata-file", metadata.toString(), context.toString());
  }

  /** {@link #streamBuild} that must succeed and leave the daemon's copy equal to {@code context}; its metadata. */
  JsonNode streamBuildExact(Path context, Path metadata) throws Exception {
    Result r = streamBuild(context, metadata);
    assertThat(r.exitCode()).as("ctx build failed:\n%s\n%s\ndaemon log:\n%s", r.out(), r.err(), log()).isZero();
    JsonNode json = r.json(metadata);
    assertThat(TreeSnapshot.of(Path.of(json.at("/context/materializedPath").asText()), java.util.Set.of()))
        .isEqualTo(TreeSnapshot.of(context, java.util.Set.of()));
    return json;
  }

  /**
   * Starts the daemon with CTXD_FAULT={@code fault}, runs a build of {@code context} that the
   * fault kills (SIGKILL: exit 137), checks the store offline, and restarts the daemon without it.
   */
  void crashBuildAt(String fault, Path context, Path metadata) throws Exception {
    startDaemon(Map.of("CTXD_FAULT", fault));
    Result r = streamBuild(context, metadata);
    assertThat(r.exitCode()).as("the build must fail when the daemon dies: %s", r.out()).isNotZero();
    assertThat(awaitDaemonDeath()).isEqualTo(137); // 128 + SIGKILL
    assertThat(log()).contains("ctxd fault injection: SIGKILL at " + fault);
    Result check = ctx("daemon", "--check", "--root", root.toString());
    assertThat(check.exitCode()).as("check after a crash at %s:\n%s%s", fault, check.out(), check.err()).isZero();
    startDaemon();
  }

  String log() throws IOException {
    Path log = home.resolve("daemon.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  Result ctx(String... args) throws Exception {
    return run(environment(), List.of(), args);
  }

  /** Runs the CLI with {@code prefix} before java (e.g. setpriv) and the given environment. */
  Result run(Map<String, String> env, List<String> prefix, String... args) throws Exception {
    List<String> command = new ArrayList<>(prefix);
    command.addAll(java(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().remove("CTXD_HOST");
    pb.environment().putAll(env);
    Path out = Files.createTempFile(home, "out", ".txt");
    Path err = Files.createTempFile(home, "err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process p = pb.start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("ctx %s timed out", List.of(args)).isTrue();
    return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  @Override
  public void close() throws Exception {
    if (daemon != null && daemon.isAlive()) killDaemon();
  }
}
