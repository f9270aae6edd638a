package dev.ctxd.cli;

import dev.ctxd.proto.v1.PruneRequest;
import dev.ctxd.server.PruneFilters;
import dev.ctxd.server.PruneResult;
import dev.ctxd.server.UsageReport;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ctx prune}: removes cache records no session holds, as {@code docker builder prune} does. */
@Command(name = "prune", mixinStandardHelpOptions = true, description = "Remove cache records not in use.")
final class PruneCommand implements Callable<Integer> {
  static final String DANGLING_WARNING = "WARNING! This will remove all dangling cache records (content no context references, and materialized copies of contexts not in use).";
  static final String ALL_WARNING = "WARNING! This will remove all cache records not in use (contexts, their content and their materialized copies).";
  static final String QUESTION = "Are you sure you want to continue? [y/N] ";

  @Option(names = {"-a", "--all"}, description = "Remove whole contexts not in use, not just dangling records.")
  boolean all;

  @Option(names = "--filter", paramLabel = "FILTER", description = "until=DURATION|TIMESTAMP (keep what was used since), id=PREFIX (only matching records).")
  List<String> filters = new ArrayList<>();

  @Option(names = {"--reserved-space", "--keep-storage"}, paramLabel = "SIZE", converter = SizeParser.class,
      description = "Amount of disk space always to keep for the cache; alone: prune until at most this much is left (e.g. 10GB, 512MiB).")
  long reservedSpace;

  @Option(names = "--max-used-space", paramLabel = "SIZE", converter = SizeParser.class, description = "Prune until the cache uses at most this much.")
  long maxUsedSpace;

  @Option(names = "--min-free-space", paramLabel = "SIZE", converter = SizeParser.class, description = "Prune until the disk has at least this much free.")
  long minFreeSpace;

  @Option(names = {"-f", "--force"}, description = "Do not prompt for confirmation.")
  boolean force;

  @Option(names = "--verbose", description = "Print each removed record in full, and the state directory's size before and after.")
  boolean verbose;

  @Option(names = {"-H", "--host"}, paramLabel = "ADDR", description = "Daemon address (default: $CTXD_HOST, else the user's daemon).")
  String host;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    try {
      PruneFilters.parse(filters, Instant.now()); // the daemon checks again; this fails before the prompt
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    if (!force && !confirmed()) {
      System.out.println("Total reclaimed space: " + Sizes.human(0));
      return 0;
    }
    PruneRequest request = PruneRequest.newBuilder().setAll(all).addAllFilters(filters)
        .setReservedSpace(reservedSpace).setMaxUsedSpace(maxUsedSpace).setMinFreeSpace(minFreeSpace).build();
    PruneResult result;
    try (AdminClient client = new AdminClient(DaemonLauncher.resolve(host))) {
      result = client.prune(request);
    }
    System.out.print(report(result, verbose, Instant.now()));
    return 0;
  }

  private boolean confirmed() throws java.io.IOException {
    System.out.print((all ? ALL_WARNING : DANGLING_WARNING) + "\n" + QUESTION);
    System.out.flush();
    String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    return answer != null && answer.trim().toLowerCase(Locale.ROOT).equals("y");
  }

  static String report(PruneResult result, boolean verbose, Instant now) {
    StringBuilder out = new StringBuilder();
    if (!result.removed().isEmpty()) {
      out.append("Deleted cache records:\n");
      TabTable t = verbose ? new TabTable().row("ID", "TYPE", "CONTEXT", "SIZE", "CREATED", "LAST USED", "USAGE")
          : new TabTable().row("ID", "TYPE", "CONTEXT", "SIZE");
      for (UsageReport.Record r : result.removed()) {
        if (verbose) {
          t.row(r.id(), r.type(), r.context(), Sizes.human(r.size()), UsageTable.ago(now, r.created()), UsageTable.ago(now, r.lastUsed()),
              Long.toString(r.usageCount()));
        } else {
          t.row(r.id(), r.type(), r.context(), Sizes.human(r.size()));
        }
      }
      out.append(t.render()).append('\n');
    }
    if (verbose) {
      out.append("State directory (du -sb): ").append(Sizes.human(result.diskBefore())).append(" before, ")
          .append(Sizes.human(result.diskAfter())).append(" after\n");
    }
    out.append("Total reclaimed space: ").append(Sizes.human(result.reclaimedBytes())).append('\n');
    return out.toString();
  }
}
