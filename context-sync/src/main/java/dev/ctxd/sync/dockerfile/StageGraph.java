package dev.ctxd.sync.dockerfile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Stage resolution (README A1-A8), after dockerfile2llb's {@code toDispatchState}: meta args,
 * base names, the target, {@code --from} dependencies, cycles, image names and ONBUILD triggers.
 * Not thread-safe; one per {@link ContextPaths#compute} call.
 */
final class StageGraph {
  final List<DispatchState> states = new ArrayList<>();
  private final Map<String, DispatchState> byName = new HashMap<>();
  final Map<String, String> globalArgs;
  final DispatchState target;
  private final ShellLexer lex;

  StageGraph(Dockerfile df, String targetName, Map<String, String> buildArgs,
      Set<String> namedContexts, Map<String, String> platformArgs) throws DockerfileException {
    if (df.stages().isEmpty()) {
      throw new DockerfileException("dockerfile contains no stages to build");
    }
    lex = new ShellLexer(df.escape());
    globalArgs = new LinkedHashMap<>(platformArgs);
    for (Instruction.Arg arg : df.metaArgs()) {
      for (Instruction.ArgDef def : arg.args()) {
        String value = null;
        if (def.defaultValue().isPresent()) {
          value = expand(def.defaultValue().get(), globalArgs, arg.line());
        }
        if (buildArgs.containsKey(def.key())) {
          value = buildArgs.get(def.key());
        }
        if (value != null) {
          globalArgs.put(def.key(), value);
        }
      }
    }
    for (Stage st : df.stages()) {
      String base = expand(st.baseName(), globalArgs, st.from().line());
      if (base.isEmpty()) {
        throw new DockerfileSyntaxException(st.from().line(),
            "base name (" + st.baseName() + ") should not be blank");
      }
      expand(st.from().platform(), globalArgs, st.from().line());
      DispatchState ds = new DispatchState(st, base, st.displayName());
      // The base lookup is exact against lower-cased names: FROM Builder is an image (A3).
      ds.base = byName.get(base);
      if (!st.name().isEmpty() && namedContexts.contains(st.name())) {
        ds.namedContext = true;
        ds.dispatched = true;
      }
      states.add(ds);
      if (!st.name().isEmpty()) {
        byName.put(st.name(), ds);
      }
    }
    if (targetName == null || targetName.isEmpty()) {
      target = states.get(states.size() - 1);
    } else {
      target = byName.get(targetName.toLowerCase(Locale.ROOT));
      if (target == null) {
        throw new DockerfileException(
            "target stage " + GoQuote.quote(targetName) + " could not be found");
      }
    }
    // Dependencies of every stage, reachable or not, as BuildKit computes them.
    for (DispatchState d : List.copyOf(states)) {
      for (Instruction ins : d.stage.instructions()) {
        d.commands.add(toCommand(d, ins));
      }
    }
    checkCycles();
    for (DispatchState d : states) {
      boolean image = d.isStage() ? d.base == null && !d.namedContext : !d.namedContext;
      if (image && !d.baseName.equals("scratch")) {
        String why = SourceKinds.invalidImageReference(d.baseName);
        if (why != null) {
          int line = d.isStage() ? d.stage.from().line() : 0;
          throw new DockerfileSyntaxException(line,
              "failed to parse stage name " + GoQuote.quote(d.baseName) + ": " + why);
        }
      }
    }
    initOnBuildTriggers();
  }

  String expand(String word, Map<String, String> env, int line)
      throws DockerfileSyntaxException {
    try {
      return lex.processWord(word, env);
    } catch (ShellExpansionException e) {
      throw new DockerfileSyntaxException(line, e.getMessage());
    }
  }

  /** Expands with the Dockerfile's escape token, leaving the error to the caller. */
  String expandRaw(String word, Map<String, String> env) throws ShellExpansionException {
    return lex.processWord(word, env);
  }

  /** dockerfile2llb toCommand: resolve --from and mount from= to states. */
  private DispatchState.Command toCommand(DispatchState d, Instruction ins)
      throws DockerfileSyntaxException {
    List<DispatchState> sources = new ArrayList<>();
    if (ins instanceof Instruction.Copy c && !c.from().isEmpty()) {
      if (c.from().indexOf('$') >= 0 && c.from().indexOf('$') != c.from().length() - 1) {
        throw new DockerfileSyntaxException(c.line(),
            "'--from' doesn't support variable expansion, define alias stage instead");
      }
      sources.add(byIndexOrName(c.from(), c.line()));
    } else if (ins instanceof Instruction.Run r) {
      for (RunMount m : r.mounts()) {
        // A mount without from points at scratch (detectRunMount); mounts accept names only.
        String from = m.from().isEmpty() ? "scratch" : m.from();
        DispatchState s = byName.get(from.toLowerCase(Locale.ROOT));
        sources.add(s != null ? s : unregistered(from));
      }
    }
    for (DispatchState s : sources) {
      d.deps.add(s);
    }
    return new DispatchState.Command(ins, sources);
  }

  private DispatchState byIndexOrName(String from, int line) throws DockerfileSyntaxException {
    int index;
    try {
      index = Integer.parseInt(from);
    } catch (NumberFormatException e) {
      DispatchState s = byName.get(from.toLowerCase(Locale.ROOT));
      return s != null ? s : unregistered(from);
    }
    if (index < 0 || index >= states.size()) {
      throw new DockerfileSyntaxException(line, "invalid stage index " + index);
    }
    return states.get(index);
  }

  private DispatchState unregistered(String name) {
    DispatchState s = new DispatchState(null, name, "");
    // Images and named contexts are available from the start: they never wait for dispatch.
    s.dispatched = true;
    s.namedContext = false;
    states.add(s);
    return s;
  }

  private void checkCycles() throws DockerfileException {
    Set<DispatchState> done = new HashSet<>();
    for (DispatchState d : states) {
      DispatchState cyclic = visit(d, new LinkedHashSet<>(), done);
      if (cyclic != null) {
        throw new DockerfileException(
            "circular dependency detected on stage: " + cyclic.stageName);
      }
    }
  }

  private DispatchState visit(DispatchState d, Set<DispatchState> path, Set<DispatchState> done) {
    if (path.contains(d)) {
      return d;
    }
    if (!done.add(d)) {
      return null;
    }
    path.add(d);
    for (DispatchState dep : d.deps) {
      DispatchState c = visit(dep, path, done);
      if (c != null) {
        return c;
      }
    }
    path.remove(d);
    return null;
  }

  /** The target and everything its bases and dependencies reach (A6). */
  Set<DispatchState> reachable() {
    Set<DispatchState> out = new HashSet<>();
    List<DispatchState> todo = new ArrayList<>(List.of(target));
    while (!todo.isEmpty()) {
      DispatchState s = todo.remove(todo.size() - 1);
      if (out.add(s)) {
        if (s.base != null) {
          todo.add(s.base);
        }
        todo.addAll(s.deps);
      }
    }
    return out;
  }

  /**
   * A5: a reachable child of a Dockerfile stage runs that stage's ONBUILD expressions first. They
   * may add --from dependencies, so repeat until no new dependency appears.
   */
  private void initOnBuildTriggers() throws DockerfileSyntaxException {
    boolean again = true;
    while (again) {
      again = false;
      for (DispatchState d : List.copyOf(states)) {
        if (!reachable().contains(d) || d.base == null || d.onBuildInit || !d.isStage()
            || d.base.namedContext) {
          continue;
        }
        d.onBuildInit = true;
        List<DispatchState.Command> triggers = new ArrayList<>();
        for (Instruction ins : d.base.stage.instructions()) {
          if (ins instanceof Instruction.Onbuild ob) {
            Instruction trigger = DockerfileParser.parseTrigger(ob.expression(), ob.line());
            DispatchState.Command cmd = toCommand(d, trigger);
            again |= !cmd.sources().isEmpty();
            triggers.add(cmd);
          }
        }
        d.commands.addAll(0, triggers);
      }
    }
  }
}
