package dev.ctxd.cache;

import java.util.List;

/**
 * The outcome of {@link CacheStore#check()}: how much was checked and every problem found,
 * each a sentence naming the column family and key. Immutable.
 */
public record ConsistencyReport(long contextsChecked, long manifestsChecked, long chunksChecked, List<String> problems) {
  public ConsistencyReport {
    problems = List.copyOf(problems);
  }

  public boolean isConsistent() {
    return problems.isEmpty();
  }
}
