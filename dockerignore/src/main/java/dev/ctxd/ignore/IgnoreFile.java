package dev.ctxd.ignore;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Parses the text of a .dockerignore file exactly like moby/patternmatcher's
 * {@code ignorefile.ReadAll}: lines split on '\n' with one trailing '\r' dropped, a UTF-8 BOM
 * removed only at the start of the file, lines whose first character is '#' skipped (before
 * trimming), Go Unicode {@code TrimSpace}, {@code !} exceptions re-trimmed, {@code filepath.Clean},
 * and one leading '/' removed. Stateless and thread-safe.
 */
public final class IgnoreFile {
  private IgnoreFile() {}

  /** One parsed pattern and the 1-based line it came from (0 when it did not come from a file). */
  public record Line(String pattern, int number) {
    public Line {
      Objects.requireNonNull(pattern, "pattern");
      if (number < 0) {
        throw new IllegalArgumentException("negative line number: " + number);
      }
    }
  }

  /** The pattern list {@code ReadAll} returns for {@code text}. */
  public static List<String> parse(String text) {
    List<String> out = new ArrayList<>();
    for (Line l : parseWithLines(text)) {
      out.add(l.pattern());
    }
    return out;
  }

  /** Like {@link #parse} but keeps each pattern's line number for error messages. */
  public static List<Line> parseWithLines(String text) {
    List<Line> out = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    // bufio.ScanLines yields no token for the empty remainder after a final '\n'.
    int count = text.endsWith("\n") || text.isEmpty() ? lines.length - 1 : lines.length;
    for (int i = 0; i < count; i++) {
      String line = lines[i];
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      if (i == 0 && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      if (line.startsWith("#")) {
        continue;
      }
      String pattern = GoPaths.trimSpace(line);
      if (pattern.isEmpty()) {
        continue;
      }
      boolean invert = pattern.charAt(0) == '!';
      if (invert) {
        pattern = GoPaths.trimSpace(pattern.substring(1));
      }
      if (!pattern.isEmpty()) {
        pattern = GoPaths.clean(pattern);
        if (pattern.length() > 1 && pattern.charAt(0) == '/') {
          pattern = pattern.substring(1);
        }
      }
      out.add(new Line(invert ? "!" + pattern : pattern, i + 1));
    }
    return out;
  }
}
