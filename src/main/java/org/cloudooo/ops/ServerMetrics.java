package org.cloudooo.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.cloudooo.jobs.JobListener;
import org.cloudooo.jobs.JobState;
import org.cloudooo.supervision.PoolListener;
import org.cloudooo.supervision.PoolStatus;
import org.cloudooo.supervision.WorkerState;
import org.cloudooo.supervision.WorkerStatus;
import org.cloudooo.service.ConversionListener;

/**
 * What GET /metrics shows, in Prometheus' text format: conversions by handler, formats and
 * outcome, their durations, waits for a worker, worker restarts by reason, pool sizes, jobs by
 * state, their durations and webhook deliveries, and the JVM's own metrics. Also keeps the last
 * minutes of conversions per pool for /status.
 */
public final class ServerMetrics implements ConversionListener, PoolListener, JobListener, AutoCloseable {

  /** Reasons a pool gives for restarting a worker, shown at 0 before the first one happens. */
  static final List<String> RESTART_REASONS = List.of("timeout", "crash", "recycle", "memory", "idle", "cancel", "macro", "passthrough", "session-timeout");

  /** Outcomes of webhook deliveries, shown at 0 before the first one. */
  static final List<String> WEBHOOK_OUTCOMES = List.of("delivered", "rejected", "failed");

  private static final Duration[] DURATION_BUCKETS = seconds(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300);
  private static final Duration[] WAIT_BUCKETS = seconds(0.001, 0.01, 0.1, 0.5, 1, 5, 10, 30, 60, 300);
  private static final Pattern FORMAT_LABEL = Pattern.compile("[a-z0-9][a-z0-9.+_-]{0,31}");

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
  private final Predicate<String> knownFormat;
  /** Ten minutes in ten-second samples, for the web page's chart. */
  private final ConversionHistory history = new ConversionHistory(Clock.systemUTC(), Duration.ofSeconds(10), 60);

  /** @param knownFormat whether a format is a known extension; unknown ones of failed calls count as "other" */
  public ServerMetrics(Predicate<String> knownFormat) {
    this.knownFormat = knownFormat;
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    gcMetrics.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  private static Duration[] seconds(double... values) {
    Duration[] durations = new Duration[values.length];
    for (int i = 0; i < values.length; i++) {
      durations[i] = Duration.ofNanos(Math.round(values[i] * 1e9));
    }
    return durations;
  }

  @Override
  public void converted(Conversion conversion) {
    boolean ok = conversion.succeeded();
    Counter.builder("cloudooo.conversions")
        .description("Conversions answered, by handler, source and target format and outcome")
        .tag("handler", conversion.handler())
        .tag("source", formatLabel(conversion.sourceFormat(), ok))
        .tag("target", formatLabel(conversion.destinationFormat(), ok))
        .tag("outcome", conversion.outcome())
        .register(registry)
        .increment();
    Timer.builder("cloudooo.conversion.duration")
        .description("Time from a conversion call to its answer")
        .tag("handler", conversion.handler())
        .tag("outcome", ok ? "ok" : "error")
        .serviceLevelObjectives(DURATION_BUCKETS)
        .register(registry)
        .record(conversion.duration());
    if (!conversion.handler().equals(Conversion.NO_HANDLER)) {
      history.record(conversion.pool(), conversion.duration());
    }
  }

  /** The recent conversions per handler, as /status shows them. */
  ConversionHistory history() {
    return history;
  }

  /**
   * A format as a label: client text must not create series without end, so a failed call's
   * format that is no known extension is "other" (a successful one was accepted by a handler).
   */
  private String formatLabel(String format, boolean succeeded) {
    if (format.isEmpty()) {
      return "native";
    }
    boolean acceptable = FORMAT_LABEL.matcher(format).matches() && (succeeded || knownFormat.test(format));
    return acceptable ? format : "other";
  }

  @Override
  public void queueWaited(String pool, Duration wait) {
    Timer.builder("cloudooo.queue.wait")
        .description("Time a job waited for a free worker")
        .tag("pool", pool)
        .serviceLevelObjectives(WAIT_BUCKETS)
        .register(registry)
        .record(wait);
  }

  @Override
  public void workerRestarted(String pool, String workerId, String reason) {
    restarts(pool, reason).increment();
  }

  private Counter restarts(String pool, String reason) {
    return Counter.builder("cloudooo.worker.restarts")
        .description("Worker backends restarted, by reason")
        .tag("pool", pool)
        .tag("reason", reason)
        .register(registry);
  }

  @Override
  public void sessionEnded(String pool, String outcome, Duration length) {
    Timer.builder("cloudooo.uno.sessions")
        .description("UNO pass-through connections by outcome (served, rejected, refused, cut) and how long they held a worker")
        .tag("pool", pool)
        .tag("outcome", outcome)
        .register(registry)
        .record(length);
  }

  @Override
  public void jobEnded(JobState state, Duration runTime) {
    Timer.builder("cloudooo.job.duration")
        .description("Time from the start of a job's last run to its end, by how it ended")
        .tag("state", state.wireName())
        .serviceLevelObjectives(DURATION_BUCKETS)
        .register(registry)
        .record(runTime);
  }

  @Override
  public void webhookEnded(String outcome) {
    webhookDeliveries(outcome).increment();
  }

  private Counter webhookDeliveries(String outcome) {
    return Counter.builder("cloudooo.webhook.deliveries")
        .description("Job callbacks that ended, by outcome (delivered, rejected by a 4xx, failed after every retry)")
        .tag("outcome", outcome)
        .register(registry);
  }

  /** Adds the gauge of jobs by state (0 included) and the webhook counters at 0. */
  void watchJobs(Supplier<Map<JobState, Integer>> counts) {
    for (JobState state : JobState.values()) {
      // Held strongly: the supplier is a method reference nothing else keeps (a weak one would read NaN once collected).
      Gauge.builder("cloudooo.jobs", counts, c -> c.get().getOrDefault(state, 0)).strongReference(true)
          .description("Jobs kept, by state").tag("state", state.wireName()).register(registry);
    }
    WEBHOOK_OUTCOMES.forEach(this::webhookDeliveries);
  }

  /** Adds the gauges of the pools the server runs (sizes are fixed once started). */
  void watchPools(PoolSnapshots snapshots) {
    for (PoolStatus pool : snapshots.current()) {
      String name = pool.name();
      RESTART_REASONS.forEach(reason -> restarts(name, reason));
      Gauge.builder("cloudooo.pool.workers", snapshots, s -> s.pool(name).map(PoolStatus::size).orElse(0))
          .description("Workers of the pool").tag("pool", name).register(registry);
      Gauge.builder("cloudooo.pool.workers.free", snapshots, s -> s.pool(name).map(PoolStatus::free).orElse(0))
          .description("Workers ready to take a job").tag("pool", name).register(registry);
      Gauge.builder("cloudooo.pool.workers.passthrough", snapshots, s -> s.pool(name).map(ServerMetrics::inSession).orElse(0L))
          .description("Workers held by a UNO pass-through client").tag("pool", name).register(registry);
      Gauge.builder("cloudooo.pool.waiting", snapshots, s -> s.pool(name).map(PoolStatus::waiting).orElse(0))
          .description("Requests waiting for a free worker").tag("pool", name).register(registry);
      for (WorkerStatus worker : pool.workers()) {
        String id = worker.id();
        Gauge.builder("cloudooo.worker.resident.memory", snapshots, s -> residentBytes(s, name, id))
            .description("Resident memory of the worker's backend processes").baseUnit("bytes")
            .tag("pool", name).tag("worker", id).register(registry);
      }
    }
  }

  private static long inSession(PoolStatus pool) {
    return pool.workers().stream().filter(worker -> worker.state() == WorkerState.PASSTHROUGH).count();
  }

  private static double residentBytes(PoolSnapshots snapshots, String pool, String workerId) {
    return snapshots.pool(pool).stream().flatMap(p -> p.workers().stream())
        .filter(worker -> worker.id().equals(workerId)).mapToLong(WorkerStatus::rssBytes).findFirst().orElse(0);
  }

  /** The exposition in the format asked for ({@code Accept}), Prometheus text 0.0.4 by default. */
  String scrape(String contentType) {
    return registry.scrape(contentType);
  }

  @Override
  public void close() {
    gcMetrics.close();
    registry.close();
  }
}
