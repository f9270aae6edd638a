package dev.ctxd.bench.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Turns run-e2e.sh's results file into the tables of docs/benchmarks.md: prints them, and
 * replaces what lies between the doc's markers (appending markers and tables when absent).
 * Usage: E2eReport RESULTS.tsv DOC.md NOTES [LZ4_BYTES_OF_EDITED_FILE]
 */
public final class E2eReport {
  static final String BEGIN = "<!-- e2e-results:begin (written by benchmarks/run-e2e.sh; edits here are replaced) -->";
  static final String END = "<!-- e2e-results:end -->";

  private E2eReport() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 3) throw new IllegalArgumentException("usage: E2eReport RESULTS.tsv DOC.md NOTES [LZ4_BYTES]");
    List<E2eRun> runs = Files.readAllLines(Path.of(args[0])).stream().filter(l -> !l.isBlank()).map(E2eRun::parse).toList();
    OptionalLong lz4 = args.length > 3 && !args[3].isBlank() ? OptionalLong.of(Long.parseLong(args[3])) : OptionalLong.empty();
    String tables = render(runs, args[2], lz4);
    System.out.print(tables);
    Path doc = Path.of(args[1]);
    String old = Files.exists(doc) ? Files.readString(doc) : "";
    Path temp = Files.createTempFile(doc.toAbsolutePath().getParent(), "benchmarks", ".md.tmp");
    Files.writeString(temp, replaceBetweenMarkers(old, tables), StandardCharsets.UTF_8);
    Files.move(temp, doc, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  static String render(List<E2eRun> runs, String notes, OptionalLong lz4EditedFile) {
    Map<String, Map<String, Summary>> all = Markdown.summarize(runs);
    return "Run: " + notes + "\n\n"
        + "Wall time, median of the runs (cold `ctx` process each run, daemon already running):\n\n" + Markdown.timeTable(all)
        + "\nBytes (medians), CPU (medians), memory (peaks over the runs):\n\n" + Markdown.detailTable(all)
        + "\nReference points:\n\n" + Markdown.referenceTable(all)
        + "\nIssue 8's targets in this run:\n\n" + Targets.table(all, lz4EditedFile);
  }

  static String replaceBetweenMarkers(String doc, String tables) {
    int begin = doc.indexOf(BEGIN);
    int end = doc.indexOf(END);
    String block = BEGIN + "\n" + tables + END;
    if (begin < 0 || end < begin) return doc + (doc.isEmpty() || doc.endsWith("\n") ? "" : "\n") + block + "\n";
    return doc.substring(0, begin) + block + doc.substring(end + END.length());
  }
}
