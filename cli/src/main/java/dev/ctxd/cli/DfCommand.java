package dev.ctxd.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ctxd.cache.CacheStore;
import dev.ctxd.server.Pruner;
import dev.ctxd.server.UsageReport;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ctx system df}: what the daemon's state directory holds and what a prune would free,
 * from the running daemon, or with {@code --root} from a stopped daemon's directory
 * (read-only, offline).
 */
@Command(name = "df", mixinStandardHelpOptions = true, description = "Show the daemon's disk usage.")
final class DfCommand implements Callable<Integer> {
  @Option(names = {"-v", "--verbose"}, description = "List every record: ID CONTEXT SIZE CREATED LAST USED USAGE SHARED, oldest use first; * marks records in use.")
  boolean verbose;

  @Option(names = "--format", paramLabel = "table|json", description = "table (default) or json (one document, sizes in bytes).")
  String format = "table";

  @Option(names = "--root", paramLabel = "DIR", description = "Read a stopped daemon's state directory instead of asking the daemon (read-only).")
  Path root;

  @Option(names = {"-H", "--host"}, paramLabel = "ADDR", description = "Daemon address (default: $CTXD_HOST, else the user's daemon).")
  String host;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (!format.equals("table") && !format.equals("json")) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--format must be table or json, not " + format);
    }
    UsageReport report;
    if (root != null) {
      Path state = root.toAbsolutePath();
      try (CacheStore store = CacheStore.openReadOnly(state.resolve("cache"))) {
        report = Pruner.report(store, state, Instant.now());
      }
    } else {
      try (AdminClient client = new AdminClient(DaemonLauncher.resolve(host))) {
        report = client.df(verbose);
      }
    }
    System.out.print(format.equals("json") ? json(report) + "\n" : verbose ? UsageTable.verbose(report, Instant.now()) : UsageTable.summary(report));
    return 0;
  }

  private String json(UsageReport report) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("diskBytes", report.diskBytes());
    ArrayNode summaries = root.putArray("summaries");
    for (UsageReport.Summary s : report.summaries()) {
      summaries.addObject().put("type", s.type()).put("name", UsageTable.NAMES.getOrDefault(s.type(), s.type()))
          .put("total", s.total()).put("active", s.active()).put("size", s.size()).put("reclaimable", s.reclaimable());
    }
    if (verbose) {
      ArrayNode records = root.putArray("records");
      for (UsageReport.Record r : report.records()) {
        records.addObject().put("id", r.id()).put("type", r.type()).put("context", r.context()).put("size", r.size())
            .put("created", r.created().toString()).put("lastUsed", r.lastUsed().toString()).put("usageCount", r.usageCount())
            .put("shared", r.shared()).put("inUse", r.inUse()).put("reclaimable", r.reclaimable());
      }
    }
    return mapper.writeValueAsString(root);
  }
}
