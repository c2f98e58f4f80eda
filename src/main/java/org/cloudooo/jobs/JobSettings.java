package org.cloudooo.jobs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.cloudooo.config.SettingsReader;

/**
 * How jobs are kept, run and called back.
 *
 * @param storePath where each job's input, status and output live ({@code job_store_path},
 *     default {@code working_path/jobs})
 * @param maxQueued jobs that may wait at once; one more is refused busy ({@code job_max_queued})
 * @param maxRunning jobs run at once, each holding at most one worker ({@code job_max_running};
 *     default one less than {@code pool_size}, so that interactive calls always find a worker)
 * @param storeMaxBytes inputs and results the store may hold; a submission beyond is refused
 *     busy ({@code job_store_max_bytes})
 * @param resultTtl how long a finished job is kept ({@code job_result_ttl})
 * @param cleanupInterval how often expired jobs are removed ({@code job_cleanup_interval})
 * @param maxDocuments documents one batch may hold ({@code job_max_documents})
 * @param webhookAllowedHosts the only hosts callbacks may go to ({@code webhook_allowed_hosts};
 *     empty: callbacks are refused)
 * @param webhookMaxRetries deliveries tried again after the first ({@code webhook_max_retries})
 * @param webhookRetryWait the wait before the first retry, doubled each time up to {@link
 *     #MAX_WEBHOOK_WAIT} ({@code webhook_retry_wait})
 * @param webhookTimeout how long one delivery may take ({@code webhook_timeout})
 * @param macroJobs whether jobs may carry Basic macros, client code run with the server's
 *     rights ({@code enable_macro_jobs})
 * @param lease how long a job claimed by an instance sharing the store stays its own without a
 *     sign of life; then another instance runs it ({@code job_lease_seconds})
 */
public record JobSettings(
    Path storePath,
    int maxQueued,
    int maxRunning,
    long storeMaxBytes,
    Duration resultTtl,
    Duration cleanupInterval,
    int maxDocuments,
    List<String> webhookAllowedHosts,
    int webhookMaxRetries,
    Duration webhookRetryWait,
    Duration webhookTimeout,
    boolean macroJobs,
    Duration lease) {

  public static final String DEFAULT_STORE_DIRECTORY = "jobs";
  public static final int DEFAULT_MAX_QUEUED = 1000;
  public static final long DEFAULT_STORE_MAX_BYTES = 4L << 30;
  public static final Duration DEFAULT_RESULT_TTL = Duration.ofDays(1);
  public static final Duration DEFAULT_CLEANUP_INTERVAL = Duration.ofSeconds(60);
  public static final int DEFAULT_MAX_DOCUMENTS = 100;
  public static final int DEFAULT_WEBHOOK_MAX_RETRIES = 4;
  public static final Duration DEFAULT_WEBHOOK_RETRY_WAIT = Duration.ofSeconds(1);
  public static final Duration DEFAULT_WEBHOOK_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);
  /** The longest wait between two deliveries of a callback. */
  public static final Duration MAX_WEBHOOK_WAIT = Duration.ofSeconds(30);

  public JobSettings {
    webhookAllowedHosts = webhookAllowedHosts.stream().map(host -> host.toLowerCase(Locale.ROOT)).toList();
  }

  /**
   * Reads the job keys.
   *
   * @param workingPath {@code working_path}, the store's default parent
   */
  public static JobSettings from(SettingsReader keys, Path workingPath) {
    String storePath = keys.string("job_store_path", "");
    // pool_size read as the office handler reads it (one worker per core unless set): jobs leave one of them free.
    int poolSize = keys.integer("pool_size", 1, 64, Runtime.getRuntime().availableProcessors());
    return new JobSettings(
        storePath.isBlank() ? workingPath.resolve(DEFAULT_STORE_DIRECTORY) : Path.of(storePath).toAbsolutePath(),
        keys.integer("job_max_queued", 1, 1_000_000, DEFAULT_MAX_QUEUED),
        keys.integer("job_max_running", 1, 64, Math.max(1, poolSize - 1)),
        keys.bytes("job_store_max_bytes", DEFAULT_STORE_MAX_BYTES),
        keys.positiveSeconds("job_result_ttl", DEFAULT_RESULT_TTL),
        keys.positiveSeconds("job_cleanup_interval", DEFAULT_CLEANUP_INTERVAL),
        keys.integer("job_max_documents", 1, 10_000, DEFAULT_MAX_DOCUMENTS),
        keys.lines("webhook_allowed_hosts"),
        keys.integer("webhook_max_retries", 0, 20, DEFAULT_WEBHOOK_MAX_RETRIES),
        keys.positiveSeconds("webhook_retry_wait", DEFAULT_WEBHOOK_RETRY_WAIT),
        keys.positiveSeconds("webhook_timeout", DEFAULT_WEBHOOK_TIMEOUT),
        keys.flag("enable_macro_jobs", false),
        keys.positiveSeconds("job_lease_seconds", DEFAULT_LEASE));
  }
}
