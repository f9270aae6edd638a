package dev.ctxd.sync.dockerfile;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One parsed Dockerfile instruction, as BuildKit's {@code instructions.Parse} sees it. Words are
 * kept raw (unexpanded, quotes intact): variables are expanded only when a stage is dispatched
 * (README B3), because the values depend on the target and build args. Line numbers are 1-based
 * and name the first line of the instruction. Immutable.
 */
public sealed interface Instruction {
  /** The 1-based line the instruction starts on. */
  int line();

  /** {@code FROM [--platform=P] base [AS name]}; {@code stageName} is lower-cased, "" if none. */
  record From(int line, String baseName, String stageName, String platform)
      implements Instruction {
    public From {
      Objects.requireNonNull(baseName, "baseName");
      Objects.requireNonNull(stageName, "stageName");
      Objects.requireNonNull(platform, "platform");
    }
  }

  /** {@code ARG k[=default] ...}. */
  record Arg(int line, List<ArgDef> args) implements Instruction {
    public Arg {
      args = List.copyOf(args);
    }
  }

  /** One {@code ARG} name with its optional raw default. */
  record ArgDef(String key, Optional<String> defaultValue) {
    public ArgDef {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(defaultValue, "defaultValue");
    }
  }

  /** {@code ENV k=v ...} (or the legacy {@code ENV k v}). */
  record Env(int line, List<KeyValue> pairs) implements Instruction {
    public Env {
      pairs = List.copyOf(pairs);
    }
  }

  /** A raw key and value. */
  record KeyValue(String key, String value) {
    public KeyValue {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * {@code COPY}. {@code sources} are the path sources; heredoc sources ({@code <<EOF}) are in
   * {@code heredocs} and never name context paths. Unset string flags are "".
   */
  record Copy(int line, List<String> sources, List<Heredoc> heredocs, String dest, String from,
      String chown, String chmod, boolean link, List<String> excludes, boolean parents,
      boolean json) implements Instruction {
    public Copy {
      sources = List.copyOf(sources);
      heredocs = List.copyOf(heredocs);
      excludes = List.copyOf(excludes);
      Objects.requireNonNull(dest, "dest");
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(chown, "chown");
      Objects.requireNonNull(chmod, "chmod");
    }
  }

  /** {@code ADD}; like {@link Copy} but with the remote-source flags and without --from. */
  record Add(int line, List<String> sources, List<Heredoc> heredocs, String dest, String chown,
      String chmod, boolean link, Optional<Boolean> keepGitDir, String checksum,
      Optional<Boolean> unpack, List<String> excludes, boolean json) implements Instruction {
    public Add {
      sources = List.copyOf(sources);
      heredocs = List.copyOf(heredocs);
      excludes = List.copyOf(excludes);
      Objects.requireNonNull(dest, "dest");
      Objects.requireNonNull(chown, "chown");
      Objects.requireNonNull(chmod, "chmod");
      Objects.requireNonNull(keepGitDir, "keepGitDir");
      Objects.requireNonNull(checksum, "checksum");
      Objects.requireNonNull(unpack, "unpack");
    }
  }

  /**
   * {@code RUN}. {@code cmdLine} is the JSON array for the exec form, else one element holding the
   * shell text. {@code mounts} hold raw (unexpanded) option values.
   */
  record Run(int line, List<String> cmdLine, boolean json, List<RunMount> mounts, String network,
      List<Heredoc> heredocs) implements Instruction {
    public Run {
      cmdLine = List.copyOf(cmdLine);
      mounts = List.copyOf(mounts);
      heredocs = List.copyOf(heredocs);
      Objects.requireNonNull(network, "network");
    }
  }

  /** {@code WORKDIR path}; kept as a type because relative mount targets resolve against it. */
  record Workdir(int line, String path) implements Instruction {
    public Workdir {
      Objects.requireNonNull(path, "path");
    }
  }

  /**
   * {@code ONBUILD expr}. BuildKit stores the expression text and re-parses it (with the default
   * escape token) only when a child stage triggers it, so an expression that does not parse is an
   * error only then: {@code trigger} is empty in that case.
   */
  record Onbuild(int line, String expression, Optional<Instruction> trigger)
      implements Instruction {
    public Onbuild {
      Objects.requireNonNull(expression, "expression");
      Objects.requireNonNull(trigger, "trigger");
    }
  }

  /** Any other instruction (CMD, LABEL, ...): none of them reads the build context. */
  record Other(int line, String keyword, List<String> args, Map<String, String> flags)
      implements Instruction {
    public Other {
      Objects.requireNonNull(keyword, "keyword");
      args = List.copyOf(args);
      flags = Map.copyOf(flags);
    }
  }
}
