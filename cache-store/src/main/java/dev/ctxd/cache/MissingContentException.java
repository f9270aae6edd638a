package dev.ctxd.cache;

import dev.ctxd.core.Digest;
import dev.ctxd.core.RelPath;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A manifest was not committed because chunks that its files need are not stored. The client
 * should upload them and commit again. {@link #missing()} holds up to {@link #LISTED} missing
 * digests, each with the first path that needs it; {@link #missingCount()} counts all.
 */
public final class MissingContentException extends CacheStoreException {
  /** How many missing digests the exception lists. */
  public static final int LISTED = 10;

  private final transient Map<Digest, RelPath> missing;
  private final int missingCount;

  public MissingContentException(String contextKey, Map<Digest, RelPath> missing, int missingCount) {
    super(message(contextKey, missing, missingCount));
    this.missing = Collections.unmodifiableMap(new LinkedHashMap<>(missing));
    this.missingCount = missingCount;
  }

  private static String message(String contextKey, Map<Digest, RelPath> missing, int count) {
    String listed = missing.entrySet().stream()
        .map(e -> e.getKey() + " (" + e.getValue() + ")")
        .collect(Collectors.joining(", "));
    String more = count > missing.size() ? " and " + (count - missing.size()) + " more" : "";
    return "commit of context '" + contextKey + "' refused: " + count + " chunk(s) missing: " + listed + more;
  }

  /** Up to {@link #LISTED} missing digests, in manifest order, each with a path that needs it. */
  public Map<Digest, RelPath> missing() {
    return missing;
  }

  public int missingCount() {
    return missingCount;
  }
}
