package dev.ctxd.sync.dockerfile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Per-stage conversion state, after dockerfile2llb's {@code dispatchState}: a Dockerfile stage, or
 * an "unregistered" image/named context that a {@code --from} names. Mutable; confined to one
 * {@link ContextPaths#compute} call.
 */
final class DispatchState {
  /** Default PATH BuildKit always sets on Linux (the image config is not resolved here). */
  static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  final Stage stage; // null for an unregistered image / named context
  final String baseName; // expanded base for stages, the --from text otherwise
  final String stageName; // "stage-N" for an unnamed stage
  DispatchState base;
  final Set<DispatchState> deps = new LinkedHashSet<>();
  /** The commands to dispatch, ONBUILD triggers prepended, each with its --from sources. */
  final List<Command> commands = new ArrayList<>();
  boolean dispatched;
  boolean namedContext;
  boolean onBuildInit;
  final Map<String, String> env = new HashMap<>();
  String workdir = "/";
  final Set<String> ctxPaths = new TreeSet<>();
  boolean contextUsed;
  /** What ctxd sends for this stage: ctxPaths minus tmpfs and git "paths" (README B6, B7). */
  final Set<String> readPaths = new TreeSet<>();
  /** Why the paths cannot be known statically, or null. */
  String unknowable;

  /** One instruction and the states its --from / mount from= options name (null = context). */
  record Command(Instruction instruction, List<DispatchState> sources) {}

  DispatchState(Stage stage, String baseName, String stageName) {
    this.stage = stage;
    this.baseName = baseName;
    this.stageName = stageName;
  }

  boolean isStage() {
    return stage != null;
  }
}
