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
 * backend and is not saturated. A server without pools (PDF only) is up.
 */
final class HealthCheck {

  /**
   * The verdict.
   *
   * @param problems why the server is down; empty when up
   */
  record Health(boolean up, List<String> problems, Map<String, Map<String, Integer>> pools) {

    /** The short body of GET /health. */
    Map<String, Object> body() {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("status", up ? "up" : "down");
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

  HealthCheck(PoolSnapshots snapshots, int maxWaitingPerWorker, LongPredicate processRunning) {
    this.snapshots = snapshots;
    this.maxWaitingPerWorker = maxWaitingPerWorker;
    this.processRunning = processRunning;
  }

  Health check() {
    return evaluate(snapshots.current(), maxWaitingPerWorker, processRunning);
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
    return new Health(problems.isEmpty(), List.copyOf(problems), summary);
  }
}
