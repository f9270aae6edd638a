package dev.ctxd.bench.jmh;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The matcher one writes first: each pattern a java.util.regex (glob {@code **} to {@code .*},
 * {@code *} to {@code [^/]*}, {@code ?} to {@code [^/]}), every pattern tried on the path and
 * each of its ancestors, the last matching pattern deciding. Benchmark baseline only: it
 * ignores Docker's cleaning, classes and escapes.
 */
final class NaiveRegexMatcher {
  private final List<Pattern> regexes = new ArrayList<>();
  private final List<Boolean> exclusion = new ArrayList<>();

  NaiveRegexMatcher(List<String> patterns) {
    for (String p : patterns) {
      boolean negated = p.startsWith("!");
      String glob = negated ? p.substring(1) : p;
      if (glob.startsWith("/")) glob = glob.substring(1);
      if (glob.endsWith("/")) glob = glob.substring(0, glob.length() - 1);
      regexes.add(Pattern.compile(toRegex(glob)));
      exclusion.add(negated);
    }
  }

  boolean excluded(String path) {
    boolean matched = false;
    for (int i = 0; i < regexes.size(); i++) {
      if (matchesSelfOrAncestor(regexes.get(i), path)) matched = !exclusion.get(i);
    }
    return matched;
  }

  private static boolean matchesSelfOrAncestor(Pattern p, String path) {
    String candidate = path;
    while (true) {
      if (p.matcher(candidate).matches()) return true;
      int slash = candidate.lastIndexOf('/');
      if (slash < 0) return false;
      candidate = candidate.substring(0, slash);
    }
  }

  private static String toRegex(String glob) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
        i++;
        if (i + 1 < glob.length() && glob.charAt(i + 1) == '/') {
          i++;
          re.append("(?:.*/)?");
        } else {
          re.append(".*");
        }
      } else if (c == '*') {
        re.append("[^/]*");
      } else if (c == '?') {
        re.append("[^/]");
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return re.toString();
  }
}
