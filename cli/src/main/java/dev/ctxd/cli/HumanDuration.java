package dev.ctxd.cli;

import java.time.Duration;

/** Ages printed as Docker prints CREATED and LAST USED: go-units {@code HumanDuration}, then " ago". */
final class HumanDuration {
  private HumanDuration() {}

  static String ago(Duration d) {
    return of(d) + " ago";
  }

  static String of(Duration d) {
    long seconds = d.getSeconds();
    if (seconds < 1) return "Less than a second";
    if (seconds == 1) return "1 second";
    if (seconds < 60) return seconds + " seconds";
    long minutes = d.toMinutes();
    if (minutes == 1) return "About a minute";
    if (minutes < 60) return minutes + " minutes";
    return hoursPart(d);
  }

  private static String hoursPart(Duration d) {
    // Go: hours := int(d.Hours() + 0.5), truncating toward zero.
    long hours = (long) (d.toNanos() / 3.6e12 + 0.5);
    if (hours == 1) return "About an hour";
    if (hours < 48) return hours + " hours";
    if (hours < 24 * 7 * 2) return hours / 24 + " days";
    if (hours < 24 * 30 * 2) return hours / 24 / 7 + " weeks";
    if (hours < 24 * 365 * 2) return hours / 24 / 30 + " months";
    return (long) (d.toNanos() / 3.6e12) / 24 / 365 + " years";
  }
}
