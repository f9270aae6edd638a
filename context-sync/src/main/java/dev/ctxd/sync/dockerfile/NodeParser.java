package dev.ctxd.sync.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One logical line to a {@link Node}: parser.go {@code newNodeFromLine} with the per-keyword
 * argument parsers of line_parsers.go. Unknown keywords are kept here (BuildKit rejects them one
 * layer up, in {@code instructions.Parse}, so that ONBUILD can store them).
 */
final class NodeParser {
  private static final Set<String> HEREDOC_KEYWORDS = Set.of("add", "copy", "run");

  private NodeParser() {}

  static Node fromLine(String line, char escape, int lineNo) throws DockerfileSyntaxException {
    String trimmed = Words.trimSpace(line);
    String[] cmdline = Words.WHITESPACE.split(trimmed, 2);
    String keyword = cmdline[0];
    List<String> flags = List.of();
    String rest = "";
    if (cmdline.length == 2) {
      Words.Flagged f = Words.extractBuilderFlags(cmdline[1]);
      flags = f.flags();
      rest = Words.trimSpace(f.rest());
    }
    List<String> args = new ArrayList<>();
    boolean json = false;
    Node sub = null;
    switch (keyword.toLowerCase(Locale.ROOT)) {
      case "add", "copy", "volume" -> json = maybeJsonToList(rest, args, lineNo);
      case "cmd", "entrypoint", "run", "shell" -> json = maybeJson(rest, args, lineNo);
      case "arg" -> args.addAll(Words.parseWords(rest, escape));
      case "env" -> nameVal(rest, "ENV", escape, args, lineNo);
      case "label" -> nameVal(rest, "LABEL", escape, args, lineNo);
      case "expose", "from" -> args.addAll(Words.splitWhitespace(rest));
      case "healthcheck" -> json = healthcheck(rest, args, lineNo);
      case "maintainer", "stopsignal", "user", "workdir" -> {
        if (!rest.isEmpty()) {
          args.add(rest);
        }
      }
      case "onbuild" -> {
        if (!rest.isEmpty()) {
          sub = fromLine(rest, escape, lineNo);
        }
      }
      default -> { } // parseIgnore
    }
    return new Node(keyword, flags, args, json, sub, List.of(), line, lineNo);
  }

  /** parser.go canContainHeredoc: COPY, ADD and RUN (also under ONBUILD), not in JSON form. */
  static boolean canContainHeredoc(Node node) {
    Node n = node;
    if (n.keyword().equalsIgnoreCase("onbuild") && n.sub() != null) {
      n = n.sub();
    }
    return HEREDOC_KEYWORDS.contains(n.keyword().toLowerCase(Locale.ROOT)) && !n.json();
  }

  private static boolean maybeJsonToList(String rest, List<String> args, int lineNo)
      throws DockerfileSyntaxException {
    Optional<List<String>> arr = json(rest, lineNo);
    if (arr.isPresent()) {
      args.addAll(arr.get());
      return true;
    }
    // No quote awareness here: "my file" becomes the words "my and file" (README 3.3).
    args.addAll(Words.splitWhitespace(rest));
    return false;
  }

  private static boolean maybeJson(String rest, List<String> args, int lineNo)
      throws DockerfileSyntaxException {
    if (rest.isEmpty()) {
      return false;
    }
    Optional<List<String>> arr = json(rest, lineNo);
    if (arr.isPresent()) {
      args.addAll(arr.get());
      return true;
    }
    args.add(rest);
    return false;
  }

  private static Optional<List<String>> json(String rest, int lineNo)
      throws DockerfileSyntaxException {
    try {
      return JsonArray.parse(rest);
    } catch (JsonArray.NotStringArray e) {
      throw new DockerfileSyntaxException(lineNo, e.getMessage());
    }
  }

  private static boolean healthcheck(String rest, List<String> args, int lineNo)
      throws DockerfileSyntaxException {
    int sep = 0;
    while (sep < rest.length() && !GoQuote.isSpace(rest.charAt(sep))) {
      sep++;
    }
    if (sep == 0) {
      return false;
    }
    args.add(rest.substring(0, sep));
    return maybeJson(LineParser.stripLeading(rest.substring(sep)), args, lineNo);
  }

  /** line_parsers.go parseNameVal: args become (key, value, delimiter) triples. */
  private static void nameVal(String rest, String key, char escape, List<String> args, int lineNo)
      throws DockerfileSyntaxException {
    List<String> words = Words.parseWords(rest, escape);
    if (words.isEmpty()) {
      return;
    }
    if (!words.get(0).contains("=")) {
      // Legacy "KEY name value": the value is the raw rest of the line.
      String[] parts = Words.WHITESPACE.split(rest, 2);
      if (parts.length < 2) {
        throw new DockerfileSyntaxException(lineNo, key + " must have two arguments");
      }
      args.add(parts[0]);
      args.add(parts[1]);
      args.add("");
      return;
    }
    for (String word : words) {
      int eq = word.indexOf('=');
      if (eq < 0) {
        throw new DockerfileSyntaxException(lineNo, "Syntax error - can't find = in "
            + GoQuote.quote(word) + ". Must be of the form: name=value");
      }
      args.add(word.substring(0, eq));
      args.add(word.substring(eq + 1));
      args.add("=");
    }
  }
}
