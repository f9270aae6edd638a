package dev.ctxd.sync.dockerfile;

import java.util.AbstractMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A read-only view of a stage env that remembers which names an expansion looked up and did not
 * find, so the dispatcher can tell a source that depends on an unseen base-image ENV. Confined
 * to one expansion.
 */
final class UnsetNames extends AbstractMap<String, String> {
  private final Map<String, String> env;
  private final Set<String> missing = new LinkedHashSet<>();

  UnsetNames(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public String get(Object key) {
    String value = env.get(key);
    if (value == null && key instanceof String name) {
      missing.add(name);
    }
    return value;
  }

  @Override
  public boolean containsKey(Object key) {
    return get(key) != null;
  }

  @Override
  public Set<Entry<String, String>> entrySet() {
    return env.entrySet();
  }

  Set<String> names() {
    return missing;
  }
}
