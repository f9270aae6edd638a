package dev.ctxd.sync.dockerfile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Computes which context paths a build of a {@link Dockerfile} reads, the way BuildKit's built-in
 * Dockerfile frontend does (README sections A, B, C1-C3): it resolves the target's reachable
 * stages, dispatches them in file order with their env, and collects the paths that COPY, ADD and
 * {@code RUN --mount} record.
 *
 * <p>What static analysis cannot know, and what this class does about it:
 *
 * <ul>
 *   <li>A {@code # syntax=} directive hands the build to another frontend image, whose rules this
 *       class cannot know. The result then falls back to the whole context ({@code followPaths ==
 *       null}, {@code contextUsed == true}, {@code ctxPaths == ["/"]}) with a {@code
 *       fallbackReason}; no vector in cases.jsonl uses a directive, so this is a choice for
 *       safety (README F), not a BuildKit behaviour.
 *   <li>Base images are not resolved: their env is taken as {@code PATH} only and their ONBUILD
 *       triggers as none, exactly as the reference rig did. A source naming an image variable
 *       (e.g. {@code $GOPATH}) therefore expands to "" here.
 *   <li>Platform args default to {@code linux/amd64}; pass others via {@link #compute(Dockerfile,
 *       String, Map, Set, String)}.
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class ContextPaths {
  private ContextPaths() {}

  /** Same as {@link #compute(Dockerfile, String, Map, Set, String)} without named contexts. */
  public static ContextPathSet compute(Dockerfile df, String target, Map<String, String> buildArgs)
      throws DockerfileException {
    return compute(df, target, buildArgs, Set.of(), "linux/amd64");
  }

  /**
   * Computes the context paths of one build.
   *
   * @param target the {@code --target}, case-insensitive; null or "" for the last stage
   * @param buildArgs the {@code --build-arg} values
   * @param namedContexts the names given with {@code --build-context NAME=...}; a stage of that
   *     name is replaced and not dispatched (A8)
   * @param platform the build and target platform, {@code os/arch[/variant]}
   * @throws DockerfileException for an unknown target, a bad expansion, {@code --from=$X}, a copy
   *     from a later stage and the other conversion errors of README B10; located ones are {@link
   *     DockerfileSyntaxException}s
   */
  public static ContextPathSet compute(Dockerfile df, String target, Map<String, String> buildArgs,
      Set<String> namedContexts, String platform) throws DockerfileException {
    if (df.syntax().isPresent()) {
      return new ContextPathSet(List.of(), true, List.of("/"), null,
          Optional.of("# syntax=" + df.syntax().get()
              + " selects an external frontend; sending the whole context"));
    }
    StageGraph graph = new StageGraph(df, target, buildArgs, namedContexts,
        platformArgs(platform, target, df));
    Set<DispatchState> reachable = graph.reachable();
    Dispatcher dispatcher = new Dispatcher(graph, buildArgs);
    List<String> reached = new ArrayList<>();
    Set<String> ctxPaths = new TreeSet<>(BYTEWISE);
    Set<String> readPaths = new TreeSet<>(BYTEWISE);
    String unknowable = null;
    boolean used = false;
    for (DispatchState d : graph.states) {
      if (!reachable.contains(d) || d.dispatched) {
        continue;
      }
      dispatcher.dispatch(d);
      reached.add(d.stageName);
      ctxPaths.addAll(d.ctxPaths);
      readPaths.addAll(d.readPaths);
      used |= d.contextUsed;
      if (unknowable == null) {
        unknowable = d.unknowable;
      }
    }
    if (unknowable != null) {
      return new ContextPathSet(reached, used, new ArrayList<>(ctxPaths), followPaths(ctxPaths),
          Optional.of(unknowable + "; sending the whole context"), null);
    }
    return new ContextPathSet(reached, used, new ArrayList<>(ctxPaths), followPaths(ctxPaths),
        Optional.empty(), followPaths(readPaths));
  }

  /** C3: none (whole context) if empty or containing "/", else stripped and sorted. */
  static List<String> followPaths(Set<String> ctxPaths) {
    if (ctxPaths.isEmpty() || ctxPaths.contains("/")) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (String p : ctxPaths) {
      out.add(p.substring(1));
    }
    out.sort(BYTEWISE);
    return out;
  }

  /** Byte-wise UTF-8 order, as Go's sort.Strings. */
  static final Comparator<String> BYTEWISE = (a, b) -> {
    byte[] x = a.getBytes(StandardCharsets.UTF_8);
    byte[] y = b.getBytes(StandardCharsets.UTF_8);
    return Arrays.compareUnsigned(x, y);
  };

  private static Map<String, String> platformArgs(String platform, String target, Dockerfile df) {
    String[] parts = platform.split("/", 3);
    String os = parts[0];
    String arch = parts.length > 1 ? parts[1] : "";
    String variant = parts.length > 2 ? parts[2] : "";
    Map<String, String> args = new LinkedHashMap<>();
    for (String prefix : List.of("BUILD", "TARGET")) {
      args.put(prefix + "PLATFORM", platform);
      args.put(prefix + "OS", os);
      args.put(prefix + "OSVERSION", "");
      args.put(prefix + "ARCH", arch);
      args.put(prefix + "VARIANT", variant);
    }
    String stage = target != null && !target.isEmpty() ? target
        : df.stages().isEmpty() ? "" : df.stages().get(df.stages().size() - 1).name();
    args.put("TARGETSTAGE", stage);
    return args;
  }
}
