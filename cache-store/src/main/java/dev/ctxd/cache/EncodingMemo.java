package dev.ctxd.cache;

import dev.ctxd.core.EncodedEntries;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The entries' encoding of each context's last committed manifest, for the few contexts
 * committed most recently, so the next commit encodes only what changed (issue 8). Any
 * encoding is a valid starting point for any manifest ({@link EncodedEntries#derive} gives the
 * same bytes whatever it starts from), so nothing here needs invalidating: a stale one only
 * saves less. In memory only; thread-safe.
 */
final class EncodingMemo {
  private final Map<String, EncodedEntries> byContext;

  EncodingMemo(int contexts) {
    byContext = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, EncodedEntries> eldest) {
        return size() > contexts;
      }
    };
  }

  synchronized EncodedEntries get(String contextKey) {
    return byContext.get(contextKey);
  }

  synchronized void put(String contextKey, EncodedEntries entries) {
    byContext.put(contextKey, entries);
  }

  synchronized void forget(String contextKey) {
    byContext.remove(contextKey);
  }
}
