package dev.ctxd.ignore;

import java.util.Objects;

/**
 * One directory entry returned by a {@link DirectoryLister}: its name (a single path component),
 * whether it is a real directory (not a symlink to one), and caller-defined attributes.
 * Immutable when {@code A} is.
 */
public record Child<A>(String name, boolean directory, A attributes) {
  public Child {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(attributes, "attributes");
    if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0) {
      throw new IllegalArgumentException("not a single path component: " + name);
    }
  }
}
