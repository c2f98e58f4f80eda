package org.cloudooo.supervision;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers, for a while, the keys of jobs that broke a backend on every attempt (poison
 * documents), so that sending one again fails at once instead of breaking workers again.
 */
public final class Quarantine {

  private static final int MAX_ENTRIES = 10_000;

  private final Duration ttl;
  private final Clock clock;
  private final Map<String, Instant> until = new ConcurrentHashMap<>();

  public Quarantine(Duration ttl, Clock clock) {
    this.ttl = ttl;
    this.clock = clock;
  }

  public void add(String key) {
    if (ttl.isZero()) {
      return;
    }
    if (until.size() >= MAX_ENTRIES) {
      Instant now = clock.instant();
      until.values().removeIf(expiry -> expiry.isBefore(now));
    }
    until.put(key, clock.instant().plus(ttl));
  }

  /** Whether no key is refused now; forgets the expired ones. */
  public boolean isEmpty() {
    if (!until.isEmpty()) {
      Instant now = clock.instant();
      until.values().removeIf(expiry -> !expiry.isAfter(now));
    }
    return until.isEmpty();
  }

  /** How long the key stays refused, if it is. */
  public Optional<Duration> remaining(String key) {
    Instant expiry = until.get(key);
    if (expiry == null) {
      return Optional.empty();
    }
    Duration left = Duration.between(clock.instant(), expiry);
    if (left.isNegative() || left.isZero()) {
      until.remove(key, expiry);
      return Optional.empty();
    }
    return Optional.of(left);
  }
}
