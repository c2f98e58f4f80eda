package org.cloudooo.ops;

import java.util.Arrays;
import java.util.OptionalLong;

/**
 * Durations counted in bins that grow by an eighth of a doubling (1 ms to about 35 min), so
 * that memory stays fixed whatever the load while a percentile comes out within 10 % of the
 * exact one; the longest duration is kept exactly and caps the answer. Not thread-safe.
 */
final class LatencyHistogram {

  private static final int BINS_PER_DOUBLING = 8;
  private static final int BINS = 21 * BINS_PER_DOUBLING + 1;

  private final int[] counts = new int[BINS];
  private int total;
  private long longestMillis;

  void add(long millis) {
    counts[bin(millis)]++;
    total++;
    longestMillis = Math.max(longestMillis, millis);
  }

  void clear() {
    Arrays.fill(counts, 0);
    total = 0;
    longestMillis = 0;
  }

  int count() {
    return total;
  }

  /** The duration that this fraction of the durations (0.95 for p95) does not exceed; empty without any. */
  OptionalLong percentileMillis(double fraction) {
    long rank = Math.max(1, (long) Math.ceil(fraction * total));
    long seen = 0;
    for (int bin = 0; bin < BINS && total > 0; bin++) {
      seen += counts[bin];
      if (seen >= rank) {
        return OptionalLong.of(Math.min(upperBoundMillis(bin), longestMillis));
      }
    }
    return OptionalLong.empty();
  }

  private static int bin(long millis) {
    if (millis <= 1) {
      return 0;
    }
    int bin = (int) Math.ceil(BINS_PER_DOUBLING * Math.log(millis) / Math.log(2));
    return Math.min(bin, BINS - 1);
  }

  /** The longest duration bin {@code bin} holds; the last bin holds everything longer too. */
  private static long upperBoundMillis(int bin) {
    return bin == BINS - 1 ? Long.MAX_VALUE : (long) Math.floor(Math.pow(2, (double) bin / BINS_PER_DOUBLING));
  }
}
