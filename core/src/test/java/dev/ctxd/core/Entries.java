package dev.ctxd.core;

import java.util.List;

/** Short entry factories for tests. */
final class Entries {
  private Entries() {}

  static Entry dir(String path) {
    return Entry.dir(RelPath.of(path), 0755, 0, 0, 0);
  }

  static Entry file(String path, long digest) {
    return file(path, 3, digest);
  }

  static Entry file(String path, long size, long digest) {
    return Entry.file(RelPath.of(path), 0644, size, 0, 0, 0, new Digest(digest), List.of());
  }

  static Entry symlink(String path, String target) {
    return Entry.symlink(RelPath.of(path), target, 0, 0, 0);
  }

  static Entry hardlink(String path, String first) {
    return Entry.hardlink(RelPath.of(path), RelPath.of(first), 0644, 0, 0, 0);
  }
}
