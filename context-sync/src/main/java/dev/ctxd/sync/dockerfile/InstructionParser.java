package dev.ctxd.sync.dockerfile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@link Node} to {@link Instruction}: BuildKit's {@code instructions.ParseInstruction}, with the
 * flag sets of each command (README 3.2) and its argument checks.
 */
final class InstructionParser {
  private static final Pattern STAGE_NAME = Pattern.compile("^[a-z][a-z0-9_.\\-]*$");
  private static final Pattern ONBUILD_PREFIX =
      Pattern.compile("(?i)^[\\t\\n\\f\\r ]*ONBUILD[\\t\\n\\f\\r ]*");

  private InstructionParser() {}

  static Instruction parse(Node node) throws DockerfileSyntaxException {
    int line = node.line();
    String kw = node.keyword().toLowerCase(Locale.ROOT);
    List<String> args = node.allArgs();
    return switch (kw) {
      case "from" -> from(node, args);
      case "arg" -> arg(node, args);
      case "env" -> new Instruction.Env(line, kvps(node, args, "ENV"));
      case "copy" -> copy(node, args);
      case "add" -> add(node, args);
      case "run" -> run(node, args);
      case "workdir" -> {
        flags(node, new Flags());
        if (args.size() != 1) {
          throw error(node, "WORKDIR requires exactly one argument");
        }
        yield new Instruction.Workdir(line, args.get(0));
      }
      case "onbuild" -> onbuild(node, args);
      case "label" -> {
        flags(node, new Flags());
        kvps(node, args, "LABEL");
        yield other(node, args, Map.of());
      }
      case "healthcheck" -> {
        Flags f = new Flags().string("interval").string("timeout").string("start-period")
            .string("start-interval").string("retries");
        flags(node, f);
        yield other(node, args, Map.of());
      }
      case "cmd", "entrypoint", "expose", "user", "volume", "stopsignal", "shell", "maintainer" -> {
        flags(node, new Flags());
        yield other(node, args, Map.of());
      }
      default -> throw error(node, "unknown instruction: " + node.keyword());
    };
  }

  private static Instruction.Other other(Node node, List<String> args, Map<String, String> f) {
    return new Instruction.Other(node.line(), node.keyword().toUpperCase(Locale.ROOT), args, f);
  }

  static DockerfileSyntaxException error(Node node, String problem) {
    return new DockerfileSyntaxException(node.line(), problem);
  }

  private static void flags(Node node, Flags f) throws DockerfileSyntaxException {
    Optional<String> err = f.parse(node.flags());
    if (err.isPresent()) {
      throw error(node, err.get());
    }
  }

  private static Instruction.From from(Node node, List<String> args)
      throws DockerfileSyntaxException {
    String name = "";
    if (args.size() == 3 && args.get(1).equalsIgnoreCase("as")) {
      name = args.get(2).toLowerCase(Locale.ROOT);
      if (!STAGE_NAME.matcher(name).matches()) {
        throw error(node, "invalid name for build stage: " + GoQuote.quote(args.get(2))
            + ", name can't start with a number or contain symbols");
      }
    } else if (args.size() != 1) {
      throw error(node, "FROM requires either one or three arguments");
    }
    Flags f = new Flags().string("platform");
    flags(node, f);
    return new Instruction.From(node.line(), args.get(0), name, f.string("platform", ""));
  }

  private static Instruction.Arg arg(Node node, List<String> args)
      throws DockerfileSyntaxException {
    if (args.isEmpty()) {
      throw error(node, "ARG requires at least one argument");
    }
    List<Instruction.ArgDef> defs = new ArrayList<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      String key = eq < 0 ? a : a.substring(0, eq);
      if (key.isEmpty()) {
        throw error(node, "ARG names can not be blank");
      }
      defs.add(new Instruction.ArgDef(key,
          eq < 0 ? Optional.empty() : Optional.of(a.substring(eq + 1))));
    }
    flags(node, new Flags());
    return new Instruction.Arg(node.line(), defs);
  }

  private static List<Instruction.KeyValue> kvps(Node node, List<String> args, String cmd)
      throws DockerfileSyntaxException {
    flags(node, new Flags());
    if (args.isEmpty()) {
      throw error(node, cmd + " requires at least one argument");
    }
    List<Instruction.KeyValue> out = new ArrayList<>();
    if (args.size() % 3 != 0) {
      throw error(node, cmd + " has too many arguments");
    }
    for (int j = 0; j < args.size(); j += 3) {
      if (args.get(j).isEmpty()) {
        throw error(node, cmd + " names can not be blank");
      }
      out.add(new Instruction.KeyValue(args.get(j), args.get(j + 1)));
    }
    return out;
  }

  /** Sources (paths and heredocs) and destination (parse.go parseSourcesAndDest). */
  private record SourcesAndDest(List<String> paths, List<Heredoc> heredocs, String dest) {}

  private static void requireDest(Node node, List<String> args, String cmd)
      throws DockerfileSyntaxException {
    if (args.size() < 2) {
      throw error(node, cmd + " requires at least two arguments, but only one was provided."
          + " Destination could not be determined");
    }
  }

  private static SourcesAndDest sourcesAndDest(Node node, List<String> args, String cmd)
      throws DockerfileSyntaxException {
    requireDest(node, args, cmd);
    String dest = args.get(args.size() - 1);
    if (Heredocs.mustParse(dest).isPresent()) {
      throw error(node, cmd + " cannot accept a heredoc as a destination");
    }
    Map<String, Heredoc> byName = new HashMap<>();
    for (Heredoc h : node.heredocs()) {
      byName.put(h.name(), h);
    }
    List<String> paths = new ArrayList<>();
    List<Heredoc> docs = new ArrayList<>();
    for (String src : args.subList(0, args.size() - 1)) {
      Optional<Heredoc> marker = Heredocs.mustParse(src);
      if (marker.isPresent()) {
        // Any word shaped like a marker is inline content, even in JSON form (README 3.3).
        Heredoc m = marker.get();
        Heredoc body = byName.get(m.name());
        docs.add(m.withContent(body == null ? "" : body.content()));
      } else {
        paths.add(src);
      }
    }
    return new SourcesAndDest(paths, docs, dest);
  }

  private static Instruction.Copy copy(Node node, List<String> args)
      throws DockerfileSyntaxException {
    requireDest(node, args, "COPY"); // checked before the flags, as parse.go does
    Flags f = new Flags().string("chown").string("from").string("chmod").bool("link")
        .bool("parents").strings("exclude");
    flags(node, f);
    SourcesAndDest sd = sourcesAndDest(node, args, "COPY");
    return new Instruction.Copy(node.line(), sd.paths(), sd.heredocs(), sd.dest(),
        f.string("from", ""), f.string("chown", ""), f.string("chmod", ""), f.isTrue("link"),
        f.all("exclude"), f.isTrue("parents"), node.json());
  }

  private static Instruction.Add add(Node node, List<String> args)
      throws DockerfileSyntaxException {
    requireDest(node, args, "ADD"); // checked before the flags, as parse.go does
    Flags f = new Flags().string("chown").string("chmod").bool("link").bool("keep-git-dir")
        .string("checksum").bool("unpack").strings("exclude");
    flags(node, f);
    SourcesAndDest sd = sourcesAndDest(node, args, "ADD");
    return new Instruction.Add(node.line(), sd.paths(), sd.heredocs(), sd.dest(),
        f.string("chown", ""), f.string("chmod", ""), f.isTrue("link"),
        f.optionalBool("keep-git-dir"), f.string("checksum", ""), f.optionalBool("unpack"),
        f.all("exclude"), node.json());
  }

  private static Instruction.Run run(Node node, List<String> args)
      throws DockerfileSyntaxException {
    // The built-in (non-labs) frontend registers only --mount and --network for RUN.
    Flags f = new Flags().strings("mount").string("network");
    flags(node, f);
    List<RunMount> mounts = new ArrayList<>();
    for (String spec : f.all("mount")) {
      try {
        mounts.add(MountSpecs.parseRaw(spec));
      } catch (MountSpecs.MountException e) {
        throw error(node, e.getMessage());
      }
    }
    return new Instruction.Run(node.line(), args, node.json(), mounts, f.string("network", ""),
        node.heredocs());
  }

  private static Instruction.Onbuild onbuild(Node node, List<String> args)
      throws DockerfileSyntaxException {
    if (args.isEmpty()) {
      throw error(node, "ONBUILD requires at least one argument");
    }
    flags(node, new Flags());
    String trigger = args.get(0).trim().toUpperCase(Locale.ROOT);
    switch (trigger) {
      case "ONBUILD" -> throw error(node, "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
      case "MAINTAINER", "FROM" -> throw error(node,
          trigger + " isn't allowed as an ONBUILD trigger");
      default -> { }
    }
    StringBuilder expr = new StringBuilder(ONBUILD_PREFIX.matcher(node.original()).replaceAll(""));
    for (Heredoc h : node.heredocs()) {
      expr.append('\n').append(h.content()).append(h.name());
    }
    String expression = expr.toString();
    Optional<Instruction> parsed;
    try {
      parsed = Optional.of(DockerfileParser.parseTrigger(expression, node.line()));
    } catch (DockerfileSyntaxException e) {
      parsed = Optional.empty(); // BuildKit only fails when a child stage triggers it
    }
    return new Instruction.Onbuild(node.line(), expression, parsed);
  }
}
