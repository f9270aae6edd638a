package dev.ctxd.cli;

import dev.ctxd.cache.CacheStore;
import dev.ctxd.cache.CacheStoreException;
import dev.ctxd.cache.ConsistencyReport;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code ctx daemon --check}: opens the daemon's store read-only (a running daemon may keep
 * serving), reads all of it and lists every inconsistency, one per line. Changes nothing.
 * Exit code 0 when the store is consistent, 1 when it is not.
 */
final class StoreCheck {
  private StoreCheck() {}

  static int run(Path stateRoot, PrintStream out) throws CacheStoreException {
    Path dir = stateRoot.resolve("cache");
    ConsistencyReport report;
    try (CacheStore store = CacheStore.openReadOnly(dir)) {
      report = store.check();
    }
    for (String problem : report.problems()) out.println("problem: " + problem);
    String counts = report.contextsChecked() + " contexts, " + report.manifestsChecked() + " manifests, " + report.chunksChecked() + " chunks";
    if (report.isConsistent()) {
      out.println("store " + dir + " is consistent (" + counts + ")");
      return 0;
    }
    out.println("store " + dir + " has " + report.problems().size() + " problem(s) (" + counts + " checked)");
    return 1;
  }
}
