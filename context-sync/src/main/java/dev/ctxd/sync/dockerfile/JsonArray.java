package dev.ctxd.sync.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The exec-form test of parser.go {@code parseJSON}: is the text exactly one JSON array (Go's
 * {@code json.Unmarshal} into {@code []interface{}}), and are all its elements strings? Returns
 * empty when the text is not a JSON array (the caller then splits on whitespace).
 */
final class JsonArray {
  /** The array parsed, but an element is not a string: an error in BuildKit. */
  static final class NotStringArray extends Exception {
    private static final long serialVersionUID = 1L;

    NotStringArray() {
      super("when using JSON array syntax, arrays must be comprised of strings only");
    }
  }

  private static final Object NON_STRING = new Object();
  private final String s;
  private int pos;

  private JsonArray(String s) {
    this.s = s;
  }

  static Optional<List<String>> parse(String text) throws NotStringArray {
    String rest = stripLeading(text);
    if (!rest.startsWith("[")) {
      return Optional.empty();
    }
    JsonArray p = new JsonArray(rest);
    List<Object> values;
    try {
      values = p.array();
      p.skipWs();
      if (p.pos != rest.length()) {
        return Optional.empty();
      }
    } catch (IllegalStateException e) {
      return Optional.empty();
    }
    List<String> out = new ArrayList<>();
    for (Object v : values) {
      if (!(v instanceof String str)) {
        throw new NotStringArray();
      }
      out.add(str);
    }
    return Optional.of(out);
  }

  private static String stripLeading(String text) {
    int i = 0;
    while (i < text.length() && GoQuote.isSpace(text.codePointAt(i))) {
      i += Character.charCount(text.codePointAt(i));
    }
    return text.substring(i);
  }

  private List<Object> array() {
    expect('[');
    List<Object> out = new ArrayList<>();
    skipWs();
    if (peek() == ']') {
      pos++;
      return out;
    }
    while (true) {
      out.add(value());
      skipWs();
      char c = next();
      if (c == ']') {
        return out;
      }
      if (c != ',') {
        throw new IllegalStateException();
      }
    }
  }

  private Object value() {
    skipWs();
    char c = peek();
    if (c == '"') {
      return string();
    }
    if (c == '[') {
      array();
    } else if (c == '{') {
      object();
    } else if (s.startsWith("true", pos) || s.startsWith("null", pos)) {
      pos += 4;
    } else if (s.startsWith("false", pos)) {
      pos += 5;
    } else {
      number();
    }
    return NON_STRING;
  }

  private void object() {
    expect('{');
    skipWs();
    if (peek() == '}') {
      pos++;
      return;
    }
    while (true) {
      skipWs();
      string();
      skipWs();
      expect(':');
      value();
      skipWs();
      char c = next();
      if (c == '}') {
        return;
      }
      if (c != ',') {
        throw new IllegalStateException();
      }
    }
  }

  private void number() {
    int start = pos;
    while (pos < s.length() && "+-0123456789.eE".indexOf(s.charAt(pos)) >= 0) {
      pos++;
    }
    if (!s.substring(start, pos).matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
      throw new IllegalStateException();
    }
  }

  private String string() {
    expect('"');
    StringBuilder b = new StringBuilder();
    while (true) {
      char c = next();
      if (c == '"') {
        return b.toString();
      }
      if (c < 0x20) {
        throw new IllegalStateException();
      }
      if (c != '\\') {
        b.append(c);
        continue;
      }
      char e = next();
      switch (e) {
        case '"', '\\', '/' -> b.append(e);
        case 'b' -> b.append('\b');
        case 'f' -> b.append('\f');
        case 'n' -> b.append('\n');
        case 'r' -> b.append('\r');
        case 't' -> b.append('\t');
        case 'u' -> {
          if (pos + 4 > s.length() || !s.substring(pos, pos + 4).matches("[0-9a-fA-F]{4}")) {
            throw new IllegalStateException();
          }
          b.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
          pos += 4;
        }
        default -> throw new IllegalStateException();
      }
    }
  }

  private void skipWs() {
    while (pos < s.length() && " \t\n\r".indexOf(s.charAt(pos)) >= 0) {
      pos++;
    }
  }

  private char peek() {
    if (pos >= s.length()) {
      throw new IllegalStateException();
    }
    return s.charAt(pos);
  }

  private char next() {
    char c = peek();
    pos++;
    return c;
  }

  private void expect(char c) {
    if (next() != c) {
      throw new IllegalStateException();
    }
  }
}
