package dev.ctxd.ignore;

import java.io.IOException;

/**
 * Receives the entries of the build context in BuildKit's send order. Called from the walking
 * thread only.
 *
 * @param <A> the attributes the {@link DirectoryLister} attached to each entry
 */
@FunctionalInterface
public interface WalkVisitor<A> {
  /** One sent entry; {@code relPath} is '/'-separated and relative to the context root. */
  void visit(String relPath, boolean directory, A attributes) throws IOException;
}
