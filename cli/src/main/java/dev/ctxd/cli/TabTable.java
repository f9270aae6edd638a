package dev.ctxd.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Columns laid out as Docker's CLI lays out its tables (Go's tabwriter with minimum width 10,
 * padding 3, spaces): every column but the last is as wide as its widest cell plus 3, and at
 * least 10; the last is not padded.
 */
final class TabTable {
  private static final int MIN_WIDTH = 10;
  private static final int PADDING = 3;
  private final List<String[]> rows = new ArrayList<>();

  TabTable row(String... cells) {
    rows.add(cells);
    return this;
  }

  String render() {
    int columns = rows.stream().mapToInt(r -> r.length).max().orElse(0);
    int[] widths = new int[columns];
    for (String[] r : rows) {
      for (int i = 0; i < r.length - 1; i++) widths[i] = Math.max(widths[i], Math.max(MIN_WIDTH, r[i].codePointCount(0, r[i].length()) + PADDING));
    }
    StringBuilder out = new StringBuilder();
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        out.append(r[i]);
        if (i < r.length - 1) out.append(" ".repeat(widths[i] - r[i].codePointCount(0, r[i].length())));
      }
      out.append('\n');
    }
    return out.toString();
  }
}
