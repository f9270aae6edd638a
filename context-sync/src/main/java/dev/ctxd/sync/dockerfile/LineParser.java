package dev.ctxd.sync.dockerfile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Port of BuildKit's {@code parser.Parse} (parser.go, directives.go): lines to {@link Node}s.
 * Handles directives, the escape token, continuations, comments, the BOM, heredoc bodies and the
 * scanner's 64 KiB line limit. Not thread-safe; one instance per parse.
 */
final class LineParser {
  /** bufio.Scanner's MaxScanTokenSize: a line (with its CR) this long no longer fits. */
  static final int MAX_LINE_BYTES = 64 * 1024;

  private static final Pattern DIRECTIVE =
      Pattern.compile("^#[\\t\\n\\f\\r ]*([a-zA-Z][a-zA-Z0-9]*)[\\t\\n\\f\\r ]*=[\\t\\n\\f\\r ]*"
          + "(.+?)[\\t\\n\\f\\r ]*\\z", Pattern.DOTALL);
  private static final Set<String> DIRECTIVES = Set.of("syntax", "escape", "check");

  /** The parse result: nodes plus the directives found at the top. */
  record Result(List<Node> nodes, char escape, Optional<String> syntax, Optional<String> check) {}

  private char escape = '\\';
  private Pattern continuation = continuationFor('\\');
  private boolean directivesDone;
  private final Set<String> seen = new HashSet<>();
  private String syntax;
  private String check;

  static Result parse(String text) throws DockerfileSyntaxException {
    return new LineParser().run(text);
  }

  private static Pattern continuationFor(char esc) {
    String e = Pattern.quote(String.valueOf(esc));
    // The token ends a line unless it is itself escaped (parser.go setEscapeToken).
    return Pattern.compile("([^" + (esc == '\\' ? "\\\\" : "`") + "])" + e + "[ \\t]*\\z|^" + e
        + "[ \\t]*\\z");
  }

  private Result run(String text) throws DockerfileSyntaxException {
    List<String> lines = scanLines(text);
    List<Node> nodes = new ArrayList<>();
    int current = 0;
    int i = 0;
    while (i < lines.size()) {
      String raw = lines.get(i++);
      if (current == 0 && raw.startsWith("\uFEFF")) {
        raw = raw.substring(1);
      }
      String processed = processLine(raw, true, current + 1);
      current++;
      int start = current;
      Trimmed t = trimContinuation(processed);
      if (t.end && t.line.isEmpty()) {
        continue;
      }
      StringBuilder buf = new StringBuilder(t.line);
      boolean end = t.end;
      while (!end && i < lines.size()) {
        String next = lines.get(i++);
        String p = processLine(next, false, current + 1);
        current++;
        if (isComment(next)) {
          continue; // comment lines inside a continuation are dropped
        }
        if (stripLeading(p).isEmpty()) {
          continue; // empty continuation lines are dropped (BuildKit warns)
        }
        Trimmed c = trimContinuation(p);
        buf.append(c.line);
        end = c.end;
      }
      Node node = NodeParser.fromLine(buf.toString(), escape, start);
      if (NodeParser.canContainHeredoc(node) && buf.indexOf("<<") >= 0) {
        List<Heredoc> docs = new ArrayList<>();
        for (Heredoc doc : Heredocs.fromLine(buf.toString(), start)) {
          StringBuilder body = new StringBuilder();
          boolean terminated = false;
          while (i < lines.size()) {
            String l = lines.get(i++);
            current++;
            String candidate = trimNewline(l);
            if (doc.chomp()) {
              candidate = candidate.replaceFirst("^\t+", "");
            }
            if (candidate.equals(doc.name())) {
              terminated = true;
              break;
            }
            body.append(l).append('\n');
          }
          if (!terminated) {
            throw new DockerfileSyntaxException(start, "unterminated heredoc");
          }
          docs.add(doc.withContent(body.toString()));
        }
        node = node.withHeredocs(docs);
      }
      nodes.add(node);
    }
    if (nodes.isEmpty()) {
      throw new DockerfileSyntaxException(current, "file with no instructions");
    }
    return new Result(nodes, escape, Optional.ofNullable(syntax), Optional.ofNullable(check));
  }

  /** bufio.ScanLines: split on \n, drop one trailing \r, enforce the token size limit. */
  private static List<String> scanLines(String text) throws DockerfileSyntaxException {
    List<String> out = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int nl = text.indexOf('\n', start);
      int end = nl < 0 ? text.length() : nl;
      String line = text.substring(start, end);
      if (line.getBytes(StandardCharsets.UTF_8).length >= MAX_LINE_BYTES) {
        throw new DockerfileSyntaxException(out.size() + 1,
            "line longer than " + (MAX_LINE_BYTES - 1) + " bytes (bufio.Scanner: token too long)");
      }
      out.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
      start = end + 1;
    }
    return out;
  }

  private String processLine(String raw, boolean stripLeft, int lineNo)
      throws DockerfileSyntaxException {
    String token = trimNewline(raw);
    if (stripLeft) {
      token = stripLeading(token);
    }
    possibleDirective(token, lineNo);
    return isComment(token) ? "" : token;
  }

  private void possibleDirective(String line, int lineNo) throws DockerfileSyntaxException {
    if (directivesDone) {
      return;
    }
    Matcher m = DIRECTIVE.matcher(line);
    if (!m.matches()) {
      directivesDone = true;
      return;
    }
    String key = m.group(1).toLowerCase(Locale.ROOT);
    if (!DIRECTIVES.contains(key)) {
      directivesDone = true;
      return;
    }
    if (!seen.add(key)) {
      throw new DockerfileSyntaxException(lineNo,
          "only one " + key + " parser directive can be used");
    }
    String value = m.group(2);
    switch (key) {
      case "escape" -> {
        if (!value.equals("`") && !value.equals("\\")) {
          throw new DockerfileSyntaxException(lineNo,
              "invalid escape token '" + value + "' does not match ` or \\");
        }
        escape = value.charAt(0);
        continuation = continuationFor(escape);
      }
      case "syntax" -> syntax = value;
      default -> check = value;
    }
  }

  private record Trimmed(String line, boolean end) {}

  private Trimmed trimContinuation(String line) {
    Matcher m = continuation.matcher(line);
    if (m.find()) {
      return new Trimmed(m.replaceAll("$1"), false);
    }
    return new Trimmed(line, true);
  }

  static boolean isComment(String line) {
    return stripLeading(trimNewline(line)).startsWith("#");
  }

  private static String trimNewline(String s) {
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == '\r' || s.charAt(end - 1) == '\n')) {
      end--;
    }
    return s.substring(0, end);
  }

  static String stripLeading(String s) {
    int i = 0;
    while (i < s.length() && GoQuote.isSpace(s.charAt(i))) {
      i++;
    }
    return s.substring(i);
  }
}
