package dev.ctxd.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --target} and {@code --build-arg}, shared by {@code ctx build}, {@code ctx context ls}
 * and {@code ctx context digest} so the three agree on what a build reads. As with
 * {@code docker build}, {@code --build-arg NAME} without a value takes NAME from the
 * environment, and is left out when the environment has none.
 */
final class DockerfileScope {
  @Option(names = "--target", paramLabel = "STAGE", description = "Build this stage: only what it (and the stages it needs) reads is sent.")
  String target;

  @Option(names = "--build-arg", paramLabel = "NAME[=VALUE]", description = "Set a build-time variable (repeatable).")
  List<String> buildArgs = new ArrayList<>();

  /** Whether the user named a target or an argument (ls reduces only when asked). */
  boolean given() {
    return target != null || !buildArgs.isEmpty();
  }

  String targetOrEmpty() {
    return target == null ? "" : target;
  }

  Map<String, String> buildArgMap() {
    return parse(buildArgs, System.getenv());
  }

  static Map<String, String> parse(List<String> args, Map<String, String> environment) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq == 0) throw new IllegalArgumentException("invalid argument \"" + arg + "\" for \"--build-arg\" flag: empty name");
      if (eq > 0) {
        out.put(arg.substring(0, eq), arg.substring(eq + 1));
      } else if (environment.containsKey(arg)) {
        out.put(arg, environment.get(arg));
      }
    }
    return out;
  }
}
