package dev.ctxd.server;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Docker's prune filters: {@code until=<duration|timestamp>} (Go durations such as
 * {@code 24h} or {@code 1h30m}, RFC 3339 timestamps, Unix seconds with an optional fraction)
 * and {@code id=<prefix>}. Checked at the daemon's edge; a bad one is an
 * {@link IllegalArgumentException} naming it (INVALID_ARGUMENT on the wire).
 */
public final class PruneFilters {
  private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");
  private static final Pattern UNIX = Pattern.compile("\\d+(\\.\\d{1,9})?");
  private static final Pattern ID = Pattern.compile("[0-9a-z][0-9a-z.-]{0,63}");

  public record Parsed(Optional<Instant> until, List<String> ids) {}

  private PruneFilters() {}

  public static Parsed parse(List<String> filters, Instant now) {
    Optional<Instant> until = Optional.empty();
    List<String> ids = new ArrayList<>();
    for (String f : filters) {
      int eq = f.indexOf('=');
      if (eq < 0) throw new IllegalArgumentException("bad filter \"" + f + "\": want key=value (until=24h, id=PREFIX)");
      String key = f.substring(0, eq);
      String value = f.substring(eq + 1);
      switch (key) {
        case "until" -> {
          if (until.isPresent()) throw new IllegalArgumentException("filter until given twice");
          until = Optional.of(until(value, now));
        }
        case "id" -> {
          if (!ID.matcher(value).matches()) throw new IllegalArgumentException("bad filter id=" + value + ": want an id or its prefix as ctx system df -v prints it");
          ids.add(value);
        }
        default -> throw new IllegalArgumentException("invalid filter '" + key + "' (prune takes until and id)");
      }
    }
    return new Parsed(until, ids);
  }

  /** The instant before which records count as unused: {@code now} minus a duration, or a timestamp. */
  static Instant until(String value, Instant now) {
    if (value.isEmpty()) throw new IllegalArgumentException("filter until= needs a value (e.g. until=24h)");
    if (UNIX.matcher(value).matches()) {
      String[] parts = value.split("\\.");
      long nanos = parts.length > 1 ? Long.parseLong((parts[1] + "000000000").substring(0, 9)) : 0;
      return Instant.ofEpochSecond(Long.parseLong(parts[0]), nanos);
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException notTimestamp) {
      return now.minus(duration(value));
    }
  }

  /** Go's time.ParseDuration for the non-negative forms a filter uses. */
  static Duration duration(String text) {
    Matcher m = DURATION_PART.matcher(text);
    double nanos = 0;
    int at = 0;
    while (at < text.length() && m.find(at) && m.start() == at) {
      double n = Double.parseDouble(m.group(1));
      nanos += n * switch (m.group(2)) {
        case "ns" -> 1L;
        case "us", "µs" -> 1_000L;
        case "ms" -> 1_000_000L;
        case "s" -> 1_000_000_000L;
        case "m" -> 60_000_000_000L;
        default -> 3_600_000_000_000L;
      };
      at = m.end();
    }
    if (at == 0 || at != text.length()) {
      throw new IllegalArgumentException("bad filter until=" + text + ": want a duration (24h, 1h30m, 10m) or a timestamp (2006-01-02T15:04:05Z, Unix seconds)");
    }
    return Duration.ofNanos((long) nanos);
  }
}
