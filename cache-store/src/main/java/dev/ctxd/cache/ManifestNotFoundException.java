package dev.ctxd.cache;

/**
 * The store holds no manifest for {@link #contextKey()} at {@link #version()}: the context was
 * never committed, or the version is newer than the latest or was pruned.
 */
public final class ManifestNotFoundException extends NotFoundException {
  private final String contextKey;
  private final long version;

  public ManifestNotFoundException(String contextKey, long version, String detail) {
    super("manifest version " + version + " of context '" + contextKey + "' not found: " + detail);
    this.contextKey = contextKey;
    this.version = version;
  }

  public String contextKey() {
    return contextKey;
  }

  public long version() {
    return version;
  }
}
