package dev.ctxd.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Replays what a program wrote to a terminal and returns the screen it leaves, so a test
 * can read a view that JLine redrew piecewise (it rewrites only the characters that
 * changed). Understands the few controls such redraws use: CR, LF, BS, and CSI cursor
 * moves (A B C D G H), erase (K J), insert and delete characters (@ P); other CSI
 * sequences (colours, cursor visibility) change nothing on the text. Like a VT100 with
 * auto-wrap, writing the last column leaves the cursor pending there and the next printed
 * character wraps to the next line (JLine relies on it). Test-only.
 */
final class ScreenEmulator {
  /** A pty with no size set reads as 0x0, for which the view assumes 80 columns. */
  private static final int WIDTH = 80;
  private final List<StringBuilder> lines = new ArrayList<>();
  private int row;
  private int col;

  static List<String> replay(String output) {
    ScreenEmulator screen = new ScreenEmulator();
    screen.feed(output);
    List<String> out = new ArrayList<>();
    for (StringBuilder line : screen.lines) out.add(line.toString().stripTrailing());
    while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) out.remove(out.size() - 1);
    return out;
  }

  private StringBuilder line() {
    while (lines.size() <= row) lines.add(new StringBuilder());
    return lines.get(row);
  }

  private void feed(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\u001b' && i + 1 < s.length() && s.charAt(i + 1) == '[') {
        int j = i + 2;
        while (j < s.length() && (s.charAt(j) < 0x40 || s.charAt(j) > 0x7e)) j++;
        if (j >= s.length()) return;
        control(s.charAt(j), s.substring(i + 2, j));
        i = j;
      } else if (c == '\r') {
        col = 0;
      } else if (c == '\n') {
        row++;
      } else if (c == '\b') {
        col = Math.max(0, Math.min(col, WIDTH - 1) - 1);
      } else if (c >= ' ') {
        if (col >= WIDTH) { // the pending wrap
          row++;
          col = 0;
        }
        StringBuilder line = line();
        while (line.length() < col) line.append(' ');
        if (col < line.length()) line.setCharAt(col, c); else line.append(c);
        col++;
      }
    }
  }

  private static int arg(String params, int index, int fallback) {
    String[] parts = params.replace("?", "").split(";", -1);
    if (index >= parts.length || parts[index].isEmpty()) return fallback;
    return Integer.parseInt(parts[index]);
  }

  private void control(char command, String params) {
    int n = arg(params, 0, 1);
    switch (command) {
      case 'A' -> row = Math.max(0, row - n);
      case 'B' -> row += n;
      case 'C' -> col = Math.min(WIDTH - 1, col + n);
      case 'D' -> col = Math.max(0, Math.min(col, WIDTH - 1) - n);
      case 'G' -> col = n - 1;
      case 'H' -> {
        row = arg(params, 0, 1) - 1;
        col = arg(params, 1, 1) - 1;
      }
      case 'K' -> {
        StringBuilder line = line();
        if (arg(params, 0, 0) == 0 && col < line.length()) line.setLength(col);
      }
      case 'J' -> {
        if (arg(params, 0, 0) == 0) {
          line();
          if (col < lines.get(row).length()) lines.get(row).setLength(col);
          while (lines.size() > row + 1) lines.remove(lines.size() - 1);
        }
      }
      case '@' -> {
        StringBuilder line = line();
        if (col < line.length()) line.insert(col, " ".repeat(n));
      }
      case 'P' -> {
        StringBuilder line = line();
        if (col < line.length()) line.delete(col, Math.min(line.length(), col + n));
      }
      default -> { } // colours, cursor visibility, modes
    }
  }
}
