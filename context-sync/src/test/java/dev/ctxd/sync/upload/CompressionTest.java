package dev.ctxd.sync.upload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CompressionTest {
  @Test
  void smallSyncs_coverChunksStartingInTheFirst8MiB() {
    assertThat(Compression.SMALL_SYNCS.covers(0)).isTrue();
    assertThat(Compression.SMALL_SYNCS.covers((8 << 20) - 1)).isTrue();
    assertThat(Compression.SMALL_SYNCS.covers(8 << 20)).isFalse();
  }

  @Test
  void neverAndAlways_areWhatTheySay() {
    assertThat(Compression.NEVER.covers(0)).isFalse();
    assertThat(Compression.ALWAYS.covers(Long.MAX_VALUE - 1)).isTrue();
  }

  @Test
  void theDefault_isSmallSyncs() {
    assertThat(UploadOptions.defaults().compression()).isEqualTo(Compression.SMALL_SYNCS);
  }
}
