package dev.ctxd.sync.scan;

import dev.ctxd.core.Entry;
import dev.ctxd.core.EntryType;
import dev.ctxd.sync.walk.FileStat;
import dev.ctxd.sync.walk.WalkedEntry;

/**
 * Whether a walked entry would make exactly the previous manifest's entry, decided field by
 * field so an unchanged entry (nearly all of them on a rebuild) costs no new Entry and no
 * record equals. Must agree with how ContextScanner builds entries; ContextScannerTest's
 * fresh-versus-incremental test checks that it does.
 */
final class Unchanged {
  private Unchanged() {}

  /**
   * For a regular file {@code before} is only offered when its cached content stands (the
   * stat cache matched), so content fields are not compared here.
   */
  static boolean entry(Entry before, WalkedEntry w) {
    FileStat s = w.stat();
    if (before.mtimeNanos() != s.mtimeNanos() || before.uid() != s.uid() || before.gid() != s.gid()) return false;
    if (w.hardlinkTo() != null) {
      return before.type() == EntryType.HARDLINK && before.mode() == s.mode() && before.linkTarget().equals(w.hardlinkTo().value());
    }
    return switch (s.kind()) {
      case DIR -> before.type() == EntryType.DIR && before.mode() == s.mode();
      case SYMLINK -> before.type() == EntryType.SYMLINK && before.linkTarget().equals(w.linkTarget());
      case FILE -> before.type() == EntryType.FILE && before.mode() == s.mode();
      case OTHER -> false;
    };
  }
}
