package org.cloudooo.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cloudooo.jobs.JobService;
import org.cloudooo.jobs.JobStatus;
import org.cloudooo.supervision.PoolStatus;
import org.cloudooo.supervision.WorkerStatus;

/** The body of GET /status: version, uptime, health, every pool with its workers, and the jobs. */
final class StatusReport {

  /** Jobs listed in the report, newest first. */
  static final int RECENT_JOBS = 10;

  private final PoolSnapshots snapshots;
  private final HealthCheck health;
  private final JobService jobs;
  private final Instant started;

  StatusReport(PoolSnapshots snapshots, HealthCheck health, JobService jobs, Instant started) {
    this.snapshots = snapshots;
    this.health = health;
    this.jobs = jobs;
    this.started = started;
  }

  Map<String, Object> body() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("version", Version.current());
    body.put("started", started.toString());
    body.put("uptime_seconds", Duration.between(started, Instant.now()).toSeconds());
    HealthCheck.Health verdict = health.check();
    body.put("health", verdict.up() ? "up" : "down");
    if (!verdict.up()) {
      body.put("health_reason", String.join("; ", verdict.problems()));
    }
    List<Map<String, Object>> pools = new ArrayList<>();
    for (PoolStatus pool : snapshots.current()) {
      pools.add(pool(pool));
    }
    body.put("pools", pools);
    body.put("jobs", jobs());
    return body;
  }

  /** Job counts by state and the newest jobs. */
  private Map<String, Object> jobs() {
    Map<String, Object> counts = new LinkedHashMap<>();
    jobs.counts().forEach((state, count) -> counts.put(state.wireName(), count));
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("counts", counts);
    entry.put("recent", jobs.recent(RECENT_JOBS).stream().map(JobStatus::toMap).toList());
    return entry;
  }

  private static Map<String, Object> pool(PoolStatus pool) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("name", pool.name());
    entry.put("size", pool.size());
    entry.put("free", pool.free());
    entry.put("queue_length", pool.waiting());
    List<Map<String, Object>> workers = new ArrayList<>();
    for (WorkerStatus worker : pool.workers()) {
      Map<String, Object> w = new LinkedHashMap<>();
      w.put("id", worker.id());
      w.put("pid", worker.pid());
      w.put("state", worker.state().name().toLowerCase(Locale.ROOT));
      w.put("process_running", BackendProcesses.isRunning(worker.pid()));
      w.put("uses", worker.uses());
      w.put("rss_bytes", worker.rssBytes());
      w.put("current_task_ms", worker.currentTaskMillis());
      workers.add(w);
    }
    entry.put("workers", workers);
    return entry;
  }
}
