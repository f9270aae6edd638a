package dev.ctxd.sync.walk;

import dev.ctxd.ignore.Child;
import dev.ctxd.ignore.DirectoryLister;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;

/**
 * Lists directories ahead of a depth-first walk on other threads, so readdir and the lstat of
 * every child (most of a walk's time) use more than one core while the walking thread filters
 * and visits. When a directory is listed, each child directory's listing is queued; asking for
 * one that no thread has started yet runs it right here, so the walk never waits on a queue.
 *
 * <p>A child directory the walk prunes (an excluded {@code .git}, say) costs one wasted
 * listing, never its subtree: only listings the walk asks for queue their children. A listing
 * that failed fails when the walk asks for it, with the delegate's own exception.
 *
 * <p>Thread-safe for one walking thread plus the executor's threads.
 */
final class PrefetchingLister<A> implements DirectoryLister<A> {
  private final DirectoryLister<A> delegate;
  private final Executor executor;
  private final Map<String, FutureTask<List<Child<A>>>> queued = new ConcurrentHashMap<>();

  PrefetchingLister(DirectoryLister<A> delegate, Executor executor) {
    this.delegate = delegate;
    this.executor = executor;
  }

  @Override
  public List<Child<A>> list(String dirRelPath) throws IOException {
    FutureTask<List<Child<A>>> task = queued.remove(dirRelPath);
    List<Child<A>> children = task == null ? delegate.list(dirRelPath) : await(task);
    for (Child<A> child : children) {
      if (!child.directory()) continue;
      String path = dirRelPath.isEmpty() ? child.name() : dirRelPath + "/" + child.name();
      FutureTask<List<Child<A>>> next = new FutureTask<>(() -> {
        try {
          return delegate.list(path);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      queued.put(path, next);
      executor.execute(next);
    }
    return children;
  }

  private static <A> List<Child<A>> await(FutureTask<List<Child<A>>> task) throws IOException {
    task.run(); // a no-op when a pool thread has started it already
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while listing a directory");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof UncheckedIOException u) throw u.getCause();
      if (cause instanceof RuntimeException r) throw r;
      if (cause instanceof Error err) throw err;
      throw new IOException(cause);
    }
  }
}
