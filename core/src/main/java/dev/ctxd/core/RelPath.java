package dev.ctxd.core;

/**
 * A path relative to a context root: {@code /}-separated, without empty, {@code .} or
 * {@code ..} components, without a leading or trailing {@code /}, without NUL. It can
 * therefore never name anything outside the root it is resolved against.
 *
 * <p>Backslashes are ordinary file-name characters on Linux and are kept as such.
 */
public record RelPath(String value) implements Comparable<RelPath> {
  /** Linux's NAME_MAX: longer components cannot be created. */
  public static final int MAX_COMPONENT_BYTES = 255;
  /** Linux's PATH_MAX. */
  public static final int MAX_PATH_BYTES = 4096;

  public RelPath {
    String problem = problem(value);
    if (problem != null) throw new InvalidPathException(value, problem);
  }

  /** Why {@code value} is not a valid relative path, or null when it is. */
  public static String problem(String value) {
    if (value == null) return "path is missing";
    if (value.isEmpty()) return "path is empty";
    if (value.indexOf('\0') >= 0) return "path contains a NUL byte";
    if (value.startsWith("/")) return "path is absolute";
    // Every walked path passes here (80k on a kernel tree), so no substrings or byte arrays;
    // a UTF-8 char takes at most 3 bytes, so short strings need no counting at all.
    int length = value.length();
    if (length * 3L > MAX_PATH_BYTES && utf8Length(value, 0, length) > MAX_PATH_BYTES) {
      return "path is longer than " + MAX_PATH_BYTES + " bytes";
    }
    int start = 0;
    while (true) {
      int slash = value.indexOf('/', start);
      int end = slash < 0 ? length : slash;
      int n = end - start;
      if (n == 0) return "path has an empty component";
      if (n == 1 && value.charAt(start) == '.') return "path has a '.' component";
      if (n == 2 && value.charAt(start) == '.' && value.charAt(start + 1) == '.') return "path has a '..' component";
      if (n * 3 > MAX_COMPONENT_BYTES && utf8Length(value, start, end) > MAX_COMPONENT_BYTES) {
        return "path has a component longer than " + MAX_COMPONENT_BYTES + " bytes";
      }
      if (slash < 0) return null;
      start = slash + 1;
    }
  }

  /** The length of {@code s[from, to)} as {@code getBytes(UTF_8)} encodes it (a lone surrogate as one '?'). */
  static int utf8Length(String s, int from, int to) {
    int bytes = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else if (Character.isSurrogate(c)) {
        bytes += 1;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  public static RelPath of(String value) {
    return new RelPath(value);
  }

  /** The parent path, or null for a top-level entry. */
  public RelPath parent() {
    int slash = value.lastIndexOf('/');
    return slash < 0 ? null : new RelPath(value.substring(0, slash));
  }

  /** The last component. */
  public String name() {
    return value.substring(value.lastIndexOf('/') + 1);
  }

  public RelPath resolve(String childName) {
    return new RelPath(value + "/" + childName);
  }

  /** True when {@code other} lies strictly below this path. */
  public boolean isAncestorOf(RelPath other) {
    return other.value.length() > value.length()
        && other.value.startsWith(value)
        && other.value.charAt(value.length()) == '/';
  }

  // Written out rather than the record's generated ones: C1 (the CLI's compiler) does not inline
  // those, and a scan compares and hashes 80k paths.
  @Override
  public boolean equals(Object o) {
    return this == o || o instanceof RelPath other && value.equals(other.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public int compareTo(RelPath other) {
    return PathOrder.compare(value, other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
