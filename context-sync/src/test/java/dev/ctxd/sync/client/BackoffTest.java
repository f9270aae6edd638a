package dev.ctxd.sync.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Issue 4: reconnection delays grow exponentially, stay jittered within their step, cap, reset. */
class BackoffTest {
  @Test
  void delays_doubleWithinUpperHalfOfStep_thenCap() {
    Backoff low = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.0);
    Backoff high = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.999999);
    long[] steps = {100, 200, 400, 800, 1000, 1000};
    for (long step : steps) {
      assertThat(low.next()).isEqualTo(Duration.ofMillis(step / 2));
      assertThat(high.next().toMillis()).isBetween(step - 1, step);
    }
    assertThat(low.attempts()).isEqualTo(6);
  }

  @Test
  void manyAttempts_neverOverflow() {
    Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), () -> 0.5);
    for (int i = 0; i < 100; i++) assertThat(b.next()).isBetween(Duration.ofMillis(50), Duration.ofSeconds(10));
  }

  @Test
  void reset_startsOver() {
    Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), () -> 0.0);
    b.next();
    b.next();
    b.reset();
    assertThat(b.attempts()).isZero();
    assertThat(b.next()).isEqualTo(Duration.ofMillis(50));
  }
}
