package org.cloudooo.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;
import org.cloudooo.supervision.PoolStatus;
import org.cloudooo.supervision.WorkerState;
import org.cloudooo.supervision.WorkerStatus;

/**
 * Whether the server can take conversions: every pool has at least one worker with a live
 * backend and is not saturated, and the server is not draining before a stop. A server without
 * pools (PDF only) is up.
 */
final class HealthCheck {

  /**
   * The verdict.
   *
   * @param draining the server is shutting down (then never up)
   * @param problems why the server is down; empty when up
   */
  record Health(boolean up, boolean draining, List<String> problems, Map<String, Map<String, Integer>> pools) {

    /** {@code up}, {@code down} or {@code draining}. */
    String status() {
      return draining ? "draining" : up ? "up" : "down";
    }

    /** The short body of GET /health. */
    Map<String, Object> body() {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("status", status());
      if (!up) {
        body.put("reason", String.join("; ", problems));
      }
      body.put("pools", pools);
      return body;
    }
  }

  private final PoolSnapshots snapshots;
  private final int maxWaitingPerWorker;
  private final LongPredicate processRunning;
  private final Draining draining;

  HealthCheck(PoolSnapshots snapshots, int maxWaitingPerWorker, LongPredicate processRunning, Draining draining) {
    this.snapshots = snapshots;
    this.maxWaitingPerWorker = maxWaitingPerWorker;
    this.processRunning = processRunning;
    this.draining = draining;
  }

  /** The verdict now; draining shows at once (the pool snapshot may be cached, the flag never is). */
  Health check() {
    Health pools = evaluate(snapshots.current(), maxWaitingPerWorker, processRunning);
    return draining.isDraining() ? drainingOf(pools, draining.inFlight()) : pools;
  }

  static Health drainingOf(Health pools, int inFlight) {
    return new Health(false, true, List.of("draining: shutting down, " + inFlight + " requests in progress"), pools.pools());
  }

  /**
   * A worker can serve when its backend process runs, or when it was stopped for being idle
   * (the next job starts it). One starting or recycling counts when its new process exists.
   * A worker that starts a process per job (or works in the JVM) serves unless it is stopped
   * for good, which the pool never does to it.
   */
  static boolean isLive(WorkerStatus worker, LongPredicate processRunning) {
    return !worker.keepsBackend() || worker.state() == WorkerState.STOPPED || processRunning.test(worker.pid());
  }

  static Health evaluate(List<PoolStatus> pools, int maxWaitingPerWorker, LongPredicate processRunning) {
    List<String> problems = new ArrayList<>();
    Map<String, Map<String, Integer>> summary = new LinkedHashMap<>();
    for (PoolStatus pool : pools) {
      int live = (int) pool.workers().stream().filter(worker -> isLive(worker, processRunning)).count();
      if (live == 0) {
        problems.add("pool " + pool.name() + ": none of its " + pool.size() + " workers has a live backend");
      }
      int limit = maxWaitingPerWorker * pool.size();
      if (pool.waiting() > limit) {
        problems.add("pool " + pool.name() + " is saturated: " + pool.waiting() + " requests wait for "
            + pool.size() + " workers (limit " + limit + ")");
      }
      Map<String, Integer> counts = new LinkedHashMap<>();
      counts.put("workers", pool.size());
      counts.put("live", live);
      counts.put("free", pool.free());
      counts.put("waiting", pool.waiting());
      summary.put(pool.name(), counts);
    }
    return new Health(problems.isEmpty(), false, List.copyOf(problems), summary);
  }
}
