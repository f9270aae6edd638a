package dev.ctxd.sync.dockerfile;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Test helpers: materialise a case's {@code tree}, and list the non-directory entries an include
 * filter (README D3: anchored patternmatcher patterns, a match on any ancestor counts) passes.
 * The real walker belongs to the sync layer; this is just enough to check FollowLinks.
 */
final class TestTrees {
  private TestTrees() {}

  static void write(Path root, JsonNode tree) throws IOException {
    for (JsonNode e : tree) {
      Path p = root.resolve(e.get("path").asText());
      Files.createDirectories(p.getParent());
      switch (e.get("type").asText()) {
        case "dir" -> Files.createDirectories(p);
        case "symlink" -> Files.createSymbolicLink(p, Paths.get(e.get("target").asText()));
        default -> Files.writeString(p, "");
      }
    }
  }

  /** Sorted relative paths of files and symlinks passing {@code includes} (null = all). */
  static List<String> sentFiles(Path root, List<String> includes) throws IOException {
    List<Pattern> patterns = new ArrayList<>();
    if (includes != null) {
      for (String inc : includes) {
        patterns.add(Pattern.compile(toRegex(GoPaths.clean(inc))));
      }
    }
    List<String> out = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (p.equals(root) || Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        String rel = root.relativize(p).toString().replace('\\', '/');
        if (includes == null || included(rel, patterns)) {
          out.add(rel);
        }
      }
    }
    out.sort(ContextPaths.BYTEWISE);
    return out;
  }

  private static boolean included(String rel, List<Pattern> patterns) {
    for (String candidate = rel; ; ) {
      for (Pattern p : patterns) {
        if (p.matcher(candidate).matches()) {
          return true;
        }
      }
      int slash = candidate.lastIndexOf('/');
      if (slash < 0) {
        return false;
      }
      candidate = candidate.substring(0, slash);
    }
  }

  /** patternmatcher's pattern syntax, enough for the vectors: ** * ? [..] and \ escapes. */
  static String toRegex(String pattern) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '*' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
        i++;
        if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '/') {
          i++;
          re.append("(.*/)?");
        } else {
          re.append(".*");
        }
      } else if (c == '*') {
        re.append("[^/]*");
      } else if (c == '?') {
        re.append("[^/]");
      } else if (c == '\\' && i + 1 < pattern.length()) {
        re.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
      } else if (c == '[') {
        int end = pattern.indexOf(']', i + 1);
        re.append(pattern, i, end + 1);
        i = end;
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return re.toString();
  }
}
