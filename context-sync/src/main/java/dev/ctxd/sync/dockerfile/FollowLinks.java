package dev.ctxd.sync.dockerfile;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The client half of FollowPaths (README D1-D2), ported from fsutil's {@code followlinks.go}:
 * walks each FollowPath one component at a time and, where a component is a symlink, keeps the
 * link itself and continues at its target. A pure function over a {@link LinkReader}; thread-safe
 * if the reader is.
 *
 * <p>Quirks kept on purpose: an absolute link target is context-relative and {@code ..} never
 * climbs above the root; a wildcard component that matches a symlink records the wildcard prefix
 * itself (dfx-058); missing components are kept verbatim; links inside an included directory are
 * not followed; a link to the root switches filtering off.
 */
public final class FollowLinks {
  private final LinkReader fs;
  private final Set<String> resolved = new LinkedHashSet<>();

  private FollowLinks(LinkReader fs) {
    this.fs = fs;
  }

  /**
   * Resolves {@code followPaths} against the context.
   *
   * @param followPaths the FollowPaths ({@link ContextPathSet#followPaths()}); null means the whole
   *     context and is returned as is
   * @return the include paths, sorted byte-wise with paths below an earlier one dropped; null when
   *     one of them resolves to the root ({@code .}), i.e. the whole context is sent (D2)
   */
  public static List<String> resolve(List<String> followPaths, LinkReader fs) {
    if (followPaths == null) {
      return null;
    }
    FollowLinks r = new FollowLinks(fs);
    for (String p : followPaths) {
      r.append(p);
    }
    List<String> sorted = new ArrayList<>(r.resolved);
    sorted.sort(ContextPaths.BYTEWISE);
    return dedupe(sorted);
  }

  private void append(String path) {
    String p = GoPaths.clean("./" + path);
    String current = ".";
    while (true) {
      int slash = p.indexOf('/');
      String head = slash < 0 ? p : p.substring(0, slash);
      current = GoPaths.join(current, head);
      List<String> targets = readSymlink(current, true);
      p = slash < 0 ? "" : p.substring(slash + 1);
      // A path (or link) seen before ends the walk; this also stops symlink loops.
      if ((p.isEmpty() || targets != null) && resolved.contains(current)) {
        return;
      }
      if (targets != null) {
        resolved.add(current);
        for (String target : targets) {
          append(p.isEmpty() ? GoPaths.clean(target) : GoPaths.join(target, p));
        }
        return;
      }
      if (p.isEmpty()) {
        resolved.add(current);
        return;
      }
    }
  }

  /** Rooted targets of the symlink(s) at {@code p}; null if none. */
  private List<String> readSymlink(String p, boolean allowWildcard) {
    int slash = p.lastIndexOf('/');
    String dir = slash < 0 ? "." : p.substring(0, slash);
    String base = slash < 0 ? p : p.substring(slash + 1);
    if (allowWildcard && containsWildcards(base)) {
      List<String> out = new ArrayList<>();
      List<String> names = new ArrayList<>(fs.list(dir));
      names.sort(ContextPaths.BYTEWISE);
      for (String name : names) {
        if (GoGlob.matches(base, name)) {
          List<String> res = readSymlink(GoPaths.join(dir, name), false);
          if (res != null) {
            out.addAll(res);
          }
        }
      }
      return out.isEmpty() ? null : out;
    }
    if (!fs.exists(p)) {
      return null;
    }
    String link = fs.readLink(p);
    if (link == null) {
      return null;
    }
    link = GoPaths.clean(link);
    if (link.startsWith("/")) {
      return List.of(link);
    }
    return List.of(GoPaths.joinRoot(GoPaths.join(dir, link)));
  }

  static boolean containsWildcards(String name) {
    for (int i = 0; i < name.length(); i++) {
      char ch = name.charAt(i);
      if (ch == '\\') {
        i++;
      } else if (ch == '*' || ch == '?' || ch == '[') {
        return true;
      }
    }
    return false;
  }

  /** fsutil dedupePaths over a sorted list; null if the root itself is included. */
  private static List<String> dedupe(List<String> in) {
    List<String> out = new ArrayList<>();
    String last = "";
    for (String s : in) {
      if (s.equals(".")) {
        return null;
      }
      if (!last.isEmpty() && s.startsWith(last + "/")) {
        continue;
      }
      out.add(s);
      last = s;
    }
    return out;
  }
}
