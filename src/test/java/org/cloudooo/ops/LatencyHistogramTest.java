package org.cloudooo.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

  @Test
  void p95OfAHundredDurationsIsWithinTenPercent() {
    var histogram = new LatencyHistogram();
    for (int millis = 1; millis <= 100; millis++) {
      histogram.add(millis);
    }
    assertThat(histogram.count()).isEqualTo(100);
    assertThat(histogram.percentileMillis(0.95).orElseThrow()).isBetween(95L, 104L);
    assertThat(histogram.percentileMillis(0.5).orElseThrow()).isBetween(50L, 55L);
  }

  @Test
  void theLongestDurationCapsThePercentileAndNothingIsEmpty() {
    var histogram = new LatencyHistogram();
    assertThat(histogram.percentileMillis(0.95)).isEmpty();
    histogram.add(1234);
    assertThat(histogram.percentileMillis(0.95)).hasValue(1234);
    histogram.add(Duration.ofHours(2).toMillis()); // past the last bin's bound
    assertThat(histogram.percentileMillis(0.95)).hasValue(Duration.ofHours(2).toMillis());
    histogram.clear();
    assertThat(histogram.count()).isZero();
    assertThat(histogram.percentileMillis(0.95)).isEmpty();
  }
}
