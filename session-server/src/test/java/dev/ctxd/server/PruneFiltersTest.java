package dev.ctxd.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 3: Docker's prune filters, checked at the daemon's edge. */
class PruneFiltersTest {
  private static final Instant NOW = Instant.parse("2026-01-10T12:00:00Z");

  @ParameterizedTest(name = "until={0} -> {1}")
  @CsvSource({
      "24h, 2026-01-09T12:00:00Z",
      "1h30m, 2026-01-10T10:30:00Z",
      "10m, 2026-01-10T11:50:00Z",
      "1.5h, 2026-01-10T10:30:00Z",
      "500ms, 2026-01-10T11:59:59.500Z",
      "2026-01-01T00:00:00Z, 2026-01-01T00:00:00Z",
      "2026-01-01T01:00:00+01:00, 2026-01-01T00:00:00Z",
      "1767225600, 2026-01-01T00:00:00Z",
      "1767225600.25, 2026-01-01T00:00:00.250Z",
  })
  void until_durationsAndTimestamps(String value, Instant expected) {
    assertThat(PruneFilters.parse(List.of("until=" + value), NOW).until()).contains(expected);
  }

  @Test
  void ids_areCollected() {
    PruneFilters.Parsed p = PruneFilters.parse(List.of("id=3f2a", "id=unreferenced"), NOW);
    assertThat(p.ids()).containsExactly("3f2a", "unreferenced");
    assertThat(p.until()).isEmpty();
  }

  @ParameterizedTest(name = "{0} is refused")
  @ValueSource(strings = {"until=", "until=yesterday", "until=-1h", "label=x", "nokey", "id=", "id=../x", "id=A B"})
  void bad_isRefusedNamingIt(String filter) {
    assertThatThrownBy(() -> PruneFilters.parse(List.of(filter), NOW)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(filter.contains("=") ? filter.substring(0, filter.indexOf('=')) : filter);
  }

  @Test
  void untilTwice_isRefused() {
    assertThatThrownBy(() -> PruneFilters.parse(List.of("until=1h", "until=2h"), NOW)).hasMessage("filter until given twice");
  }
}
