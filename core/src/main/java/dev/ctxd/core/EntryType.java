package dev.ctxd.core;

/** What a context entry is. A hard link names an earlier regular file of the same context. */
public enum EntryType {
  FILE,
  DIR,
  SYMLINK,
  HARDLINK;

  /** The lower-case name used in output and JSON (Docker's tar entry kinds). */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
