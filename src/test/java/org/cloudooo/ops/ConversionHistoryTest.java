package org.cloudooo.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConversionHistoryTest {

  /** A clock the test moves by hand. */
  private static final class ManualClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T12:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }

  private final ManualClock clock = new ManualClock();
  private final ConversionHistory history = new ConversionHistory(clock, Duration.ofSeconds(10), 60);

  @Test
  void everyIntervalOfTheWindowIsASampleTheCurrentOneLast() {
    history.record("office", Duration.ofMillis(800));
    history.record("office", Duration.ofMillis(1200));
    clock.advance(Duration.ofSeconds(10));
    history.record("office", Duration.ofMillis(300));
    clock.advance(Duration.ofSeconds(4));

    List<ConversionHistory.Sample> samples = history.recent().get("office");
    assertThat(samples).hasSize(60);
    var previous = samples.get(58);
    assertThat(previous.start()).isEqualTo(Instant.parse("2026-01-01T12:00:00Z"));
    assertThat(previous.conversions()).isEqualTo(2);
    assertThat(previous.perSecond()).isEqualTo(0.2);
    assertThat(previous.p95Millis()).isEqualTo(1200);
    var current = samples.get(59);
    assertThat(current.seconds()).isEqualTo(4.0);
    assertThat(current.conversions()).isEqualTo(1);
    assertThat(current.perSecond()).isEqualTo(0.25);
    assertThat(current.p95Millis()).isEqualTo(300);
    assertThat(samples.subList(0, 58)).allSatisfy(sample -> {
      assertThat(sample.conversions()).isZero();
      assertThat(sample.seconds()).isEqualTo(10.0);
    });
  }

  @Test
  void intervalsOlderThanTheWindowAreForgottenAndTheirSlotsReused() {
    history.record("office", Duration.ofMillis(5000));
    history.record("pdf", Duration.ofMillis(20));
    clock.advance(Duration.ofMinutes(10));
    assertThat(history.recent()).isEmpty();

    history.record("office", Duration.ofMillis(40)); // lands in the slot of the first interval
    var samples = history.recent().get("office");
    assertThat(samples.get(59).conversions()).isEqualTo(1);
    assertThat(samples.get(59).p95Millis()).isEqualTo(40);
    assertThat(samples.stream().mapToInt(ConversionHistory.Sample::conversions).sum()).isEqualTo(1);
    assertThat(history.recent()).containsOnlyKeys("office");
  }
}
