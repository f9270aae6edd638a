package dev.ctxd.ignore;

import java.io.IOException;
import java.util.List;

/**
 * Lists one directory of the build context for {@link FilteredWalk}; the walk's only access to the
 * filesystem. Implementations must report entries as {@code lstat} sees them: a symlink is never a
 * directory. Thread-safety is up to the implementation; the walk calls it from one thread.
 *
 * @param <A> whatever the caller wants carried to the visitor (e.g. file attributes)
 */
@FunctionalInterface
public interface DirectoryLister<A> {
  /**
   * The children of {@code dirRelPath} ({@code ""} = context root, otherwise '/'-separated), in
   * any order.
   */
  List<Child<A>> list(String dirRelPath) throws IOException;
}
