package dev.ctxd.sync.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Issue 4: when a burst of watch events becomes one sync. Times are plain numbers. */
class DebouncerTest {
  private final Debouncer d = new Debouncer(100, 1_000);

  @Test
  void nothingPending_neverDue() {
    assertThat(d.dueAt()).isEqualTo(Debouncer.NOTHING_PENDING);
    assertThat(d.takeIfDue(Long.MAX_VALUE - 1)).isFalse();
  }

  @Test
  void singleSave_dueAfterQuietPeriod() {
    d.changed(5_000);
    assertThat(d.dueAt()).isEqualTo(5_100);
    assertThat(d.takeIfDue(5_099)).isFalse();
    assertThat(d.takeIfDue(5_100)).isTrue();
    assertThat(d.pending()).isFalse();
    assertThat(d.takeIfDue(9_999)).as("taken once").isFalse();
  }

  @Test
  void burst_eachEventPushesTheDueTime() {
    d.changed(0);
    d.changed(50);
    d.changed(120);
    assertThat(d.dueAt()).isEqualTo(220);
    assertThat(d.takeIfDue(200)).isFalse();
    assertThat(d.takeIfDue(220)).isTrue();
  }

  @Test
  void endlessBurst_dueAtMaxDelayAfterFirstChange() {
    for (long t = 0; t <= 2_000; t += 50) {
      d.changed(t);
      if (t >= 1_000) break;
    }
    assertThat(d.dueAt()).isEqualTo(1_000);
    assertThat(d.takeIfDue(1_000)).isTrue();
    d.changed(1_010);
    assertThat(d.dueAt()).as("a new burst starts its own clock").isEqualTo(1_110);
  }

  @Test
  void takeNow_dropsThePendingBurst() {
    d.changed(0);
    d.takeNow();
    assertThat(d.pending()).isFalse();
    assertThat(d.takeIfDue(10_000)).isFalse();
  }

  @Test
  void nanoTimeWrapAround_stillOrdersTimes() {
    d.changed(Long.MAX_VALUE - 10);
    assertThat(d.takeIfDue(Long.MAX_VALUE)).isFalse();
    assertThat(d.takeIfDue(Long.MAX_VALUE + 100)).isTrue(); // overflowed: nanoTime may do this
  }

  @Test
  void invalidPeriods_rejected() {
    assertThatThrownBy(() -> new Debouncer(0, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Debouncer(100, 10)).hasMessageContaining("quiet period");
  }
}
