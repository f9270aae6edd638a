package dev.ctxd.core;

/** A path that cannot be part of a context; the message names the path and the rule it breaks. */
public final class InvalidPathException extends IllegalArgumentException {
  private final String path;

  public InvalidPathException(String path, String problem) {
    super(problem + ": " + quote(path));
    this.path = path;
  }

  public String path() {
    return path;
  }

  private static String quote(String path) {
    if (path == null) return "<none>";
    String shown = path.length() > 200 ? path.substring(0, 200) + "..." : path;
    return "\"" + shown.replace("\0", "\\0") + "\"";
  }
}
