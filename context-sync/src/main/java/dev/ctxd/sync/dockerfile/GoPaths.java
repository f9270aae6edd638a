package dev.ctxd.sync.dockerfile;

import java.util.ArrayDeque;
import java.util.Deque;

/** Go's {@code path.Clean} and {@code path.Join("/", p)}, which decide the recorded paths (B4). */
final class GoPaths {
  private GoPaths() {}

  /** {@code path.Join("/", p)}: rooted, cleaned, {@code ..} clamped at the root. */
  static String joinRoot(String p) {
    return clean("/" + p);
  }

  /** {@code path.Join(a, b)} for a non-empty {@code a}. */
  static String join(String a, String b) {
    return clean(b.isEmpty() ? a : a + "/" + b);
  }

  /** Go {@code path.Clean}. */
  static String clean(String path) {
    if (path.isEmpty()) {
      return ".";
    }
    boolean rooted = path.startsWith("/");
    Deque<String> parts = new ArrayDeque<>();
    for (String seg : path.split("/")) {
      if (seg.isEmpty() || seg.equals(".")) {
        continue;
      }
      if (seg.equals("..")) {
        if (!parts.isEmpty() && !parts.peekLast().equals("..")) {
          parts.removeLast();
        } else if (!rooted) {
          parts.addLast("..");
        }
        continue;
      }
      parts.addLast(seg);
    }
    String joined = String.join("/", parts);
    if (rooted) {
      return "/" + joined;
    }
    return joined.isEmpty() ? "." : joined;
  }
}
