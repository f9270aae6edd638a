package dev.ctxd.sync.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One instruction as BuildKit's {@code parser.Parse} leaves it: keyword, unparsed flag words,
 * argument words, the JSON attribute, heredocs, and for ONBUILD the sub-instruction. For ENV and
 * LABEL the args are (key, value, delimiter) triples, as in parser.go.
 */
record Node(String keyword, List<String> flags, List<String> args, boolean json, Node sub,
    List<Heredoc> heredocs, String original, int line) {
  Node {
    Objects.requireNonNull(keyword, "keyword");
    flags = List.copyOf(flags);
    args = List.copyOf(args);
    heredocs = List.copyOf(heredocs);
    Objects.requireNonNull(original, "original");
  }

  Node withHeredocs(List<Heredoc> docs) {
    return new Node(keyword, flags, args, json, sub, docs, original, line);
  }

  /** The argument words, with a sub-instruction flattened in (parse.go {@code nodeArgs}). */
  List<String> allArgs() {
    if (sub == null) {
      return args;
    }
    List<String> out = new ArrayList<>();
    out.add(sub.keyword);
    out.addAll(sub.allArgs());
    return out;
  }
}
