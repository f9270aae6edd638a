package dev.ctxd.ignore;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks a build context the way BuildKit's fsutil {@code filterFS.Walk} decides what to send:
 * depth first, each directory's names in code point (= UTF-8 byte) order, the root itself never
 * sent. Each entry is decided with {@link PatternMatcher#matchesUsingParentResults} chained from
 * its parent; an entry is sent iff it is included and not excluded.
 *
 * <ul>
 *   <li>An excluded directory is skipped whole only in prefix mode and when no exception pattern
 *       lies below it; otherwise it is descended without being sent.
 *   <li>A directory descended but not sent is emitted lazily, outer first, right before its first
 *       sent descendant, with the attributes its lister gave it.
 *   <li>A pattern error met on any entry aborts the walk with {@link PatternException}; unlike the
 *       classic builder nothing is silently truncated.
 * </ul>
 *
 * <p>All filesystem access goes through the {@link DirectoryLister}. Stateless; each call is
 * independent.
 */
public final class FilteredWalk {
  private FilteredWalk() {}

  /** A directory on the current path with its match state; {@code sent} flips once emitted. */
  private static final class Frame<A> {
    final Frame<A> parent;
    final String path;
    final A attributes;
    final MatchInfo include;
    final MatchInfo exclude;
    boolean sent;

    Frame(Frame<A> parent, String path, A attributes, MatchInfo include, MatchInfo exclude,
        boolean sent) {
      this.parent = parent;
      this.path = path;
      this.attributes = attributes;
      this.include = include;
      this.exclude = exclude;
      this.sent = sent;
    }
  }

  /** Walks the context listed by {@code lister} and hands every sent entry to {@code visitor}. */
  public static <A> void walk(DirectoryLister<A> lister, ContextFilter filter,
      WalkVisitor<A> visitor) throws IOException, PatternException {
    walkDir(lister, filter, visitor, "", null);
  }

  private static <A> void walkDir(DirectoryLister<A> lister, ContextFilter filter,
      WalkVisitor<A> visitor, String dirPath, Frame<A> parent) throws IOException {
    List<Child<A>> children = new ArrayList<>(lister.list(dirPath));
    children.sort((a, b) -> GoPaths.compareCodePoints(a.name(), b.name()));
    for (Child<A> child : children) {
      String path = dirPath.isEmpty() ? child.name() : dirPath + "/" + child.name();
      boolean isDir = child.directory();
      boolean skip = false;
      MatchInfo include = MatchInfo.NONE;
      MatchInfo exclude = MatchInfo.NONE;
      if (filter.include() != null) {
        MatchResult r = filter.include().matchesUsingParentResults(
            path, parent == null ? MatchInfo.NONE : parent.include);
        include = r.info();
        if (!r.matched()) {
          if (isDir && filter.mayPruneNotIncluded(path)) {
            continue;
          }
          skip = true;
        }
      }
      if (filter.exclude() != null) {
        MatchResult r = filter.exclude().matchesUsingParentResults(
            path, parent == null ? MatchInfo.NONE : parent.exclude);
        exclude = r.info();
        if (r.matched()) {
          if (isDir && filter.mayPruneExcluded(path)) {
            continue;
          }
          skip = true;
        }
      }
      if (!skip) {
        sendPendingParents(parent, visitor);
        visitor.visit(path, isDir, child.attributes());
      }
      if (isDir) {
        walkDir(lister, filter, visitor, path,
            new Frame<>(parent, path, child.attributes(), include, exclude, !skip));
      }
    }
  }

  // fsutil sends unsent ancestors (excluded or not included) just before their first sent
  // descendant, so the receiver never gets an entry without its parent directories.
  private static <A> void sendPendingParents(Frame<A> parent, WalkVisitor<A> visitor)
      throws IOException {
    List<Frame<A>> pending = new ArrayList<>();
    for (Frame<A> f = parent; f != null && !f.sent; f = f.parent) {
      pending.add(f);
    }
    for (int i = pending.size() - 1; i >= 0; i--) {
      Frame<A> f = pending.get(i);
      f.sent = true;
      visitor.visit(f.path, true, f.attributes);
    }
  }
}
