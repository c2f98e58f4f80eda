package org.cloudooo.config;

import java.time.Duration;

/**
 * How the server is operated: its log output and its health check.
 *
 * @param logLevel level of the root logger ({@code log_level}; {@code DEBUG} when {@code debug_mode})
 * @param logFormat one line of text per event, or one JSON object per event ({@code log_format})
 * @param logPattern Logback pattern of text lines ({@code log_pattern})
 * @param snapshotTtl how long one pool snapshot answers /health, /status and /metrics
 *     ({@code health_cache_seconds})
 * @param maxWaitingPerWorker /health answers 503 when more requests than this times the pool's
 *     worker count wait for a worker ({@code health_max_waiting_per_worker})
 */
public record OpsSettings(
    String logLevel, LogFormat logFormat, String logPattern, Duration snapshotTtl, int maxWaitingPerWorker) {

  public static final String DEFAULT_LOG_LEVEL = "INFO";
  /** The original's layout plus the request id. */
  public static final String DEFAULT_LOG_PATTERN =
      "%d{yyyy-MM-dd HH:mm:ss} - Cloudooo - %level - %replace([%X{request_id}] ){'^\\[\\] $', ''}%msg [%logger{0}]%n%ex{short}";
  public static final Duration DEFAULT_SNAPSHOT_TTL = Duration.ofSeconds(1);
  public static final int DEFAULT_MAX_WAITING_PER_WORKER = 4;

  /** How log events are written. */
  public enum LogFormat {
    /** {@code log_pattern} lines. */
    TEXT,
    /** Logback's JSON encoder: one object per line, MDC (request_id) included. */
    JSON
  }
}
