package dev.ctxd.sync.dockerfile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Dispatches the instructions of one reachable stage (README B1-B10), after dockerfile2llb's
 * {@code dispatch}: keeps the running env and workdir, expands words, and records the context
 * paths each instruction reads. Not thread-safe.
 */
final class Dispatcher {
  private final StageGraph graph;
  private final Map<String, String> buildArgs;
  private final ShellLexer rawLex = new ShellLexer('\\').withSkipProcessQuotes(true);

  Dispatcher(StageGraph graph, Map<String, String> buildArgs) {
    this.graph = graph;
    this.buildArgs = buildArgs;
  }

  void dispatch(DispatchState d) throws DockerfileException {
    // B1: start from the base stage's final env, else from the (unresolved) image: PATH only.
    if (d.base != null && d.base.isStage() && !d.base.namedContext) {
      d.env.putAll(d.base.env);
      d.workdir = d.base.workdir;
    } else {
      d.env.put("PATH", DispatchState.DEFAULT_PATH);
    }
    for (DispatchState.Command cmd : d.commands) {
      Instruction ins = cmd.instruction();
      if (ins instanceof Instruction.Arg a) {
        arg(d, a);
      } else if (ins instanceof Instruction.Env e) {
        Map<String, String> set = new HashMap<>();
        for (Instruction.KeyValue kv : e.pairs()) {
          // All pairs see the env from before the instruction.
          set.put(expand(d, kv.key(), e.line()), expand(d, kv.value(), e.line()));
        }
        d.env.putAll(set);
      } else if (ins instanceof Instruction.Workdir w) {
        String path = expand(d, w.path(), w.line());
        if (path.isEmpty()) {
          throw new DockerfileSyntaxException(w.line(),
              "normalizing workdir: cannot normalize nothing");
        }
        d.workdir = path.startsWith("/") ? GoPaths.clean(path) : GoPaths.join(d.workdir, path);
      } else if (ins instanceof Instruction.Copy c) {
        copy(d, c, cmd.sources());
      } else if (ins instanceof Instruction.Add a) {
        add(d, a);
      } else if (ins instanceof Instruction.Run r) {
        run(d, r, cmd.sources());
      } else if (ins instanceof Instruction.Other o) {
        other(d, o);
      }
    }
    d.dispatched = true;
  }

  private void arg(DispatchState d, Instruction.Arg a) throws DockerfileSyntaxException {
    for (Instruction.ArgDef def : a.args()) {
      String value;
      if (buildArgs.containsKey(def.key())) {
        value = buildArgs.get(def.key());
      } else if (def.defaultValue().isPresent()) {
        value = expand(d, def.defaultValue().get(), a.line());
      } else {
        value = graph.globalArgs.get(def.key()); // a re-declared meta arg (B2)
      }
      if (value != null) {
        d.env.put(def.key(), value);
      }
    }
  }

  private void copy(DispatchState d, Instruction.Copy c, List<DispatchState> sources)
      throws DockerfileException {
    expand(d, c.chown(), c.line());
    expand(d, c.chmod(), c.line());
    List<String> srcs = expandSources(d, c.sources(), c.line());
    expand(d, c.dest(), c.line());
    expandHeredocs(d, c.heredocs(), c.line());
    if (!sources.isEmpty() && !sources.get(0).dispatched) {
      throw new DockerfileSyntaxException(c.line(), "cannot copy from stage "
          + GoQuote.quote(c.from()) + ", it needs to be defined before current stage "
          + GoQuote.quote(d.stageName));
    }
    for (String src : srcs) {
      if (SourceKinds.isHttpSource(src)) {
        throw new DockerfileSyntaxException(c.line(), "source can't be a URL for COPY");
      }
      if (SourceKinds.isGitSource(src)) {
        throw new DockerfileSyntaxException(c.line(), "source can't be a git source for COPY");
      }
    }
    if (sources.isEmpty()) {
      for (String src : srcs) {
        d.ctxPaths.add(GoPaths.joinRoot(src));
        d.readPaths.add(GoPaths.joinRoot(src));
      }
      d.contextUsed |= !srcs.isEmpty();
    }
    // With --from the paths go to that state's own set (B5), which only a named context uses.
  }

  private void add(DispatchState d, Instruction.Add a) throws DockerfileException {
    expand(d, a.chown(), a.line());
    expand(d, a.chmod(), a.line());
    expand(d, a.checksum(), a.line());
    List<String> srcs = expandSources(d, a.sources(), a.line());
    expand(d, a.dest(), a.line());
    expandHeredocs(d, a.heredocs(), a.line());
    for (String src : srcs) {
      // B6 quirk: only the http(s) prefixes are skipped, so git@... and ssh:// are "paths".
      if (!src.startsWith("http://") && !src.startsWith("https://")) {
        d.ctxPaths.add(GoPaths.joinRoot(src));
      }
      // C2: only a source that is neither a URL nor a git ref actually reads the context.
      if (!SourceKinds.isHttpSource(src) && !SourceKinds.isGitSource(src)) {
        d.contextUsed = true;
        d.readPaths.add(GoPaths.joinRoot(src));
      }
    }
  }

  private void run(DispatchState d, Instruction.Run r, List<DispatchState> sources)
      throws DockerfileException {
    for (int i = 0; i < r.mounts().size(); i++) {
      RunMount m;
      try {
        UnsetNames unset = new UnsetNames(d.env);
        m = MountSpecs.resolve(r.mounts().get(i).spec(), w -> graph.expandRaw(w, unset));
        if (m.type().equals("bind") && m.from().isEmpty()) {
          noteUnknowable(d, unset, r.line());
        }
      } catch (MountSpecs.MountException | ShellExpansionException e) {
        throw new DockerfileSyntaxException(r.line(), e.getMessage());
      }
      String from = m.from().isEmpty() && m.type().equals("cache") ? "scratch" : m.from();
      DispatchState source = sources.get(i);
      if (!from.isEmpty() && !source.dispatched) {
        throw new DockerfileSyntaxException(r.line(), "cannot mount from stage "
            + GoQuote.quote(from) + ", it needs to be defined before current stage "
            + GoQuote.quote(d.stageName));
      }
      if (m.type().equals("secret") || m.type().equals("ssh")) {
        continue;
      }
      String target = m.target();
      if (!GoPaths.clean(target).startsWith("/")) {
        target = GoPaths.join(d.workdir, target);
      }
      if (target.equals("/")) {
        throw new DockerfileSyntaxException(r.line(), "invalid mount target \"/\"");
      }
      if (from.isEmpty()) {
        // B7: bind and (quirk) tmpfs record their source; no source records "/".
        d.ctxPaths.add(GoPaths.joinRoot(m.source()));
        if (m.type().equals("bind")) {
          d.contextUsed = true;
          d.readPaths.add(GoPaths.joinRoot(m.source()));
        }
      }
    }
  }

  private void other(DispatchState d, Instruction.Other o) throws DockerfileSyntaxException {
    // These expand their words at dispatch too, so a bad expansion still fails the build.
    switch (o.keyword()) {
      case "EXPOSE", "USER", "VOLUME", "STOPSIGNAL" -> expandAll(d, o.args(), o.line());
      case "LABEL" -> {
        for (int i = 0; i + 1 < o.args().size(); i += 3) {
          expand(d, o.args().get(i), o.line());
          expand(d, o.args().get(i + 1), o.line());
        }
      }
      default -> { }
    }
  }

  private String expand(DispatchState d, String word, int line)
      throws DockerfileSyntaxException {
    return graph.expand(word, d.env, line);
  }

  /**
   * Expands context-reading sources and notes a reference to a variable the Dockerfile leaves
   * unset in a stage built on an image: that image's ENV may set it (README F).
   */
  private List<String> expandSources(DispatchState d, List<String> words, int line)
      throws DockerfileSyntaxException {
    UnsetNames unset = new UnsetNames(d.env);
    List<String> out = new ArrayList<>();
    for (String w : words) {
      out.add(graph.expand(w, unset, line));
    }
    noteUnknowable(d, unset, line);
    return out;
  }

  private static void noteUnknowable(DispatchState d, UnsetNames unset, int line) {
    if (d.unknowable == null && !unset.names().isEmpty() && imageRooted(d)) {
      d.unknowable = "line " + line + " reads $" + unset.names().iterator().next()
          + ", which the Dockerfile leaves unset and the base image's ENV may set";
    }
  }

  /** Whether the stage's env starts from an image config we have not seen (not scratch). */
  private static boolean imageRooted(DispatchState d) {
    for (DispatchState s = d; ; s = s.base) {
      if (s.namedContext) {
        return true;
      }
      if (s.isStage() && s.base != null) {
        continue;
      }
      return !s.baseName.equals("scratch");
    }
  }

  private List<String> expandAll(DispatchState d, List<String> words, int line)
      throws DockerfileSyntaxException {
    List<String> out = new ArrayList<>();
    for (String w : words) {
      out.add(expand(d, w, line));
    }
    return out;
  }

  private void expandHeredocs(DispatchState d, List<Heredoc> docs, int line)
      throws DockerfileSyntaxException {
    for (Heredoc h : docs) {
      if (h.expand()) {
        try {
          rawLex.processWord(h.body(), d.env);
        } catch (ShellExpansionException e) {
          throw new DockerfileSyntaxException(line, e.getMessage());
        }
      }
    }
  }
}
