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

/**
 * The body of GET /status: version, uptime, health, every pool with its workers, the
 * conversions of the last minutes per pool, and the jobs.
 */
final class StatusReport {

  /** Jobs listed in the report, newest first. */
  static final int RECENT_JOBS = 10;

  private final PoolSnapshots snapshots;
  private final HealthCheck health;
  private final ConversionHistory history;
  private final JobService jobs;
  private final Instant started;

  StatusReport(PoolSnapshots snapshots, HealthCheck health, ConversionHistory history, JobService jobs, Instant started) {
    this.snapshots = snapshots;
    this.health = health;
    this.history = history;
    this.jobs = jobs;
    this.started = started;
  }

  Map<String, Object> body() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("version", Version.current());
    body.put("started", started.toString());
    body.put("uptime_seconds", Duration.between(started, Instant.now()).toSeconds());
    HealthCheck.Health verdict = health.check();
    body.put("health", verdict.status());
    if (!verdict.up()) {
      body.put("health_reason", String.join("; ", verdict.problems()));
    }
    List<Map<String, Object>> pools = new ArrayList<>();
    for (PoolStatus pool : snapshots.current()) {
      pools.add(pool(pool));
    }
    body.put("pools", pools);
    body.put("recent_conversions", recentConversions());
    body.put("jobs", jobs());
    return body;
  }

  /** Per pool, every interval of the window, oldest first; p95_ms only where there were conversions. */
  private Map<String, Object> recentConversions() {
    Map<String, Object> pools = new LinkedHashMap<>();
    history.recent().forEach((pool, samples) -> pools.put(pool, samples.stream().map(sample -> {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("start", sample.start().toString());
      entry.put("conversions", sample.conversions());
      entry.put("per_second", Math.round(sample.perSecond() * 1000) / 1000.0);
      if (sample.conversions() > 0) {
        entry.put("p95_ms", sample.p95Millis());
      }
      return entry;
    }).toList()));
    Map<String, Object> recent = new LinkedHashMap<>();
    recent.put("interval_seconds", history.interval().toSeconds());
    recent.put("pools", pools);
    return recent;
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
      if (!worker.client().isEmpty()) {
        // A UNO pass-through session: who holds the worker, and since when.
        w.put("client", worker.client());
        w.put("session_seconds", worker.currentTaskMillis() / 1000);
      }
      workers.add(w);
    }
    entry.put("workers", workers);
    return entry;
  }
}
