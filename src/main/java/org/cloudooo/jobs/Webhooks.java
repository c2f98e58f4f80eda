package org.cloudooo.jobs;

import com.google.gson.Gson;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts a finished job to its callback: the result file (with {@code Content-Type},
 * {@code Content-Disposition} and {@code X-Cloudooo-Ticket}), or {@code {ticket, state, error}}
 * as JSON for a failure. Connection errors, 429 and 5xx are tried again after a wait
 * that doubles from {@code webhook_retry_wait}, up to {@code webhook_max_retries} times; another
 * answer is final. Redirects are not followed: a callback reaches only its allowed host.
 */
final class Webhooks implements AutoCloseable {

  /** How a delivery ended, the label of the webhook metrics. */
  enum Outcome {
    DELIVERED,
    /** The receiver answered a final 4xx. */
    REJECTED,
    /** Every try failed (connection errors, 429, 5xx), or the result was gone. */
    FAILED;

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(Webhooks.class);
  private static final Gson GSON = new Gson();

  private final JobSettings settings;
  /** Made at the first delivery: building one costs a cold JVM some 300 ms, on the server's start otherwise. */
  private HttpClient http;
  private final ScheduledExecutorService deliveries;
  /** Told of every delivery's end: the ticket and the outcome. */
  private final BiConsumer<String, Outcome> ended;

  Webhooks(JobSettings settings, BiConsumer<String, Outcome> ended) {
    this.settings = settings;
    this.ended = ended;
    this.deliveries = Executors.newScheduledThreadPool(2, runnable -> {
      Thread thread = new Thread(runnable, "job-webhooks");
      thread.setDaemon(true);
      return thread;
    });
  }

  private synchronized HttpClient client() {
    if (http == null) {
      http = HttpClient.newBuilder().connectTimeout(settings.webhookTimeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }
    return http;
  }

  /** Posts a done job's result to its callback URL, in the background. */
  void deliverResult(JobRecord job, Path result) {
    JobRecord.Result output = job.result();
    schedule(job.ticket(), job.request().callbackUrl(), () -> HttpRequest.newBuilder(URI.create(job.request().callbackUrl()))
        .header("Content-Type", output.contentType())
        .header("Content-Disposition", JobResult.contentDisposition(output.name()))
        .header(JobResult.TICKET_HEADER, job.ticket())
        .POST(HttpRequest.BodyPublishers.ofFile(result)), 1, Duration.ZERO);
  }

  /** Posts a failed job's {@code {ticket, state, error}} to its error URL, in the background. */
  void deliverFailure(JobRecord job) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ticket", job.ticket());
    body.put("state", job.state().wireName());
    body.put("error", job.error());
    String json = GSON.toJson(body);
    schedule(job.ticket(), job.errorCallbackUrl(), () -> HttpRequest.newBuilder(URI.create(job.errorCallbackUrl()))
        .header("Content-Type", "application/json; charset=utf-8")
        .header(JobResult.TICKET_HEADER, job.ticket())
        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)), 1, Duration.ZERO);
  }

  private interface RequestMaker {
    HttpRequest.Builder make() throws FileNotFoundException;
  }

  private void schedule(String ticket, String url, RequestMaker request, int attempt, Duration wait) {
    try {
      deliveries.schedule(() -> attempt(ticket, url, request, attempt), wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      LOG.info("job {}: webhook to {} not sent: the server is stopping; it is sent after the next start", ticket, host(url));
    }
  }

  private void attempt(String ticket, String url, RequestMaker request, int attempt) {
    String failure;
    try {
      HttpResponse<Void> response = client().send(request.make().timeout(settings.webhookTimeout()).build(),
          HttpResponse.BodyHandlers.discarding());
      int status = response.statusCode();
      if (status >= 200 && status < 300) {
        LOG.info("job {}: webhook delivered to {} (HTTP {}, attempt {})", ticket, host(url), status, attempt);
        ended.accept(ticket, Outcome.DELIVERED);
        return;
      }
      if (status != 429 && status < 500) {
        LOG.warn("job {}: webhook to {} refused with HTTP {} (attempt {}); not tried again", ticket, host(url), status, attempt);
        ended.accept(ticket, Outcome.REJECTED);
        return;
      }
      failure = "HTTP " + status;
    } catch (FileNotFoundException e) {
      LOG.warn("job {}: webhook to {} not sent: the result is gone (deleted or expired)", ticket, host(url));
      ended.accept(ticket, Outcome.FAILED);
      return;
    } catch (IOException e) {
      failure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (attempt > settings.webhookMaxRetries()) {
      LOG.warn("job {}: webhook to {} failed {} times (last: {}); giving up (webhook_max_retries), the result stays"
          + " collectable", ticket, host(url), attempt, failure);
      ended.accept(ticket, Outcome.FAILED);
      return;
    }
    Duration wait = retryWait(attempt);
    LOG.info("job {}: webhook to {} failed ({}, attempt {}); trying again in {} ms", ticket, host(url), failure, attempt,
        wait.toMillis());
    schedule(ticket, url, request, attempt + 1, wait);
  }

  /** The wait after a failed attempt: webhook_retry_wait, doubled each time, at most {@link JobSettings#MAX_WEBHOOK_WAIT}. */
  Duration retryWait(int failedAttempt) {
    Duration wait = settings.webhookRetryWait().multipliedBy(1L << Math.min(20, failedAttempt - 1));
    return wait.compareTo(JobSettings.MAX_WEBHOOK_WAIT) > 0 ? JobSettings.MAX_WEBHOOK_WAIT : wait;
  }

  private static String host(String url) {
    return URI.create(url).getHost();
  }

  /** Stops delivering; those not delivered stay pending in their jobs' status and go after the next start. */
  @Override
  public void close() {
    deliveries.shutdownNow();
  }
}
