package org.cloudooo.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last minutes of conversions, per pool (the {@code pool} of
 * {@code cloudooo_conversions_total}), in intervals of a few seconds: how many ended and their
 * p95 duration. The server keeps it, not the page, so that a chart is whole as soon as it opens.
 * Each pool has a fixed ring of intervals, reused as time moves on.
 */
final class ConversionHistory {

  /**
   * One interval: when it starts, how many seconds of it have passed (fewer than its length
   * for the current one), its conversions and their p95 duration (0 without conversions).
   */
  record Sample(Instant start, double seconds, int conversions, long p95Millis) {
    /** Conversions per second; the first second of an interval counts as a whole one, not as a spike. */
    double perSecond() {
      return conversions / Math.max(seconds, 1);
    }
  }

  private final Clock clock;
  private final long intervalMillis;
  private final int intervals;
  private final Map<String, Ring> rings = new ConcurrentHashMap<>();

  /**
   * @param interval the length of one sample
   * @param intervals how many samples are kept, the current one included
   */
  ConversionHistory(Clock clock, Duration interval, int intervals) {
    this.clock = clock;
    this.intervalMillis = interval.toMillis();
    this.intervals = intervals;
  }

  Duration interval() {
    return Duration.ofMillis(intervalMillis);
  }

  void record(String pool, Duration duration) {
    rings.computeIfAbsent(pool, name -> new Ring()).add(clock.millis() / intervalMillis, duration.toMillis());
  }

  /**
   * Per pool with a conversion in the window, every interval of the window, oldest first,
   * the current (partial) one last.
   */
  Map<String, List<Sample>> recent() {
    long nowMillis = clock.millis();
    Map<String, List<Sample>> recent = new TreeMap<>();
    rings.forEach((pool, ring) -> {
      List<Sample> samples = ring.samples(nowMillis);
      if (samples.stream().anyMatch(sample -> sample.conversions() > 0)) {
        recent.put(pool, samples);
      }
    });
    return recent;
  }

  /** One pool's intervals; slot {@code i % intervals} holds interval {@code i} (time / interval length). */
  private final class Ring {
    private final long[] intervalOfSlot = new long[intervals];
    private final LatencyHistogram[] slots = new LatencyHistogram[intervals];

    Ring() {
      Arrays.setAll(slots, slot -> new LatencyHistogram());
      Arrays.fill(intervalOfSlot, -1);
    }

    synchronized void add(long interval, long millis) {
      int slot = (int) (interval % intervals);
      if (interval < intervalOfSlot[slot]) {
        return; // a conversion recorded late must not wipe the newer interval in its slot
      }
      if (intervalOfSlot[slot] != interval) {
        slots[slot].clear();
        intervalOfSlot[slot] = interval;
      }
      slots[slot].add(millis);
    }

    synchronized List<Sample> samples(long nowMillis) {
      long current = nowMillis / intervalMillis;
      List<Sample> samples = new ArrayList<>(intervals);
      for (long interval = current - intervals + 1; interval <= current; interval++) {
        long startMillis = interval * intervalMillis;
        double seconds = (Math.min(nowMillis, startMillis + intervalMillis) - startMillis) / 1000.0;
        int slot = (int) (interval % intervals);
        boolean filled = intervalOfSlot[slot] == interval;
        samples.add(new Sample(Instant.ofEpochMilli(startMillis), seconds, filled ? slots[slot].count() : 0,
            filled ? slots[slot].percentileMillis(0.95).orElse(0) : 0));
      }
      return samples;
    }
  }
}
