package dev.ctxd.sync.client;

import java.util.HashSet;
import java.util.Set;

/**
 * What the watcher saw since the last sync, as context-relative paths ({@code ""} = the
 * root): entries to stat again, and subtrees to list again whole (after an event overflow,
 * when the kernel or the JDK dropped events). Filled by the watcher thread, drained by the
 * syncing one. Thread-safe.
 */
final class ChangeSet {
  /** One drained batch; never null fields. */
  record Changes(Set<String> paths, Set<String> subtrees) {
    Changes {
      paths = Set.copyOf(paths);
      subtrees = Set.copyOf(subtrees);
    }

    boolean isEmpty() {
      return paths.isEmpty() && subtrees.isEmpty();
    }
  }

  private Set<String> paths = new HashSet<>();
  private Set<String> subtrees = new HashSet<>();

  /** The entry {@code name} in directory {@code dir} was created, changed, moved or deleted. */
  synchronized void childChanged(String dir, String name) {
    paths.add(dir.isEmpty() ? name : dir + "/" + name);
  }

  /** Events under {@code dir} were lost: everything below it must be listed again. */
  synchronized void subtreeChanged(String dir) {
    subtrees.add(dir);
  }

  synchronized boolean isEmpty() {
    return paths.isEmpty() && subtrees.isEmpty();
  }

  synchronized Changes drain() {
    Changes c = new Changes(paths, subtrees);
    paths = new HashSet<>();
    subtrees = new HashSet<>();
    return c;
  }

  /** Puts a batch back, e.g. when the sync that drained it failed before using it. */
  synchronized void restore(Changes c) {
    paths.addAll(c.paths());
    subtrees.addAll(c.subtrees());
  }
}
