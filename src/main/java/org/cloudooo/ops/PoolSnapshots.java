package org.cloudooo.ops;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.cloudooo.supervision.PoolStatus;

/**
 * The pools' status, taken at most once per {@code health_cache_seconds}: a snapshot looks up
 * every backend's process in /proc, and load balancers, the web page and Prometheus all poll.
 * Taking one never waits for a conversion: pools answer from counters.
 */
final class PoolSnapshots {

  private final Supplier<List<PoolStatus>> source;
  private final long ttlNanos;
  private List<PoolStatus> last;
  private long takenAt;

  PoolSnapshots(Supplier<List<PoolStatus>> source, Duration ttl) {
    this.source = source;
    this.ttlNanos = ttl.toNanos();
  }

  synchronized List<PoolStatus> current() {
    long now = System.nanoTime();
    if (last == null || now - takenAt >= ttlNanos) {
      last = List.copyOf(source.get());
      takenAt = now;
    }
    return last;
  }

  Optional<PoolStatus> pool(String name) {
    return current().stream().filter(pool -> pool.name().equals(name)).findFirst();
  }
}
