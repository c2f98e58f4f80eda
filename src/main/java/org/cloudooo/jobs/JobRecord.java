package org.cloudooo.jobs;

import java.time.Instant;
import java.util.List;

/**
 * A job's status as its status file keeps it: written again, whole and atomically, at every
 * change. Immutable: each change makes a new record.
 *
 * @param ticket the job's name, given to the client
 * @param request what the job does
 * @param state where it is
 * @param submitted when it was accepted
 * @param started when its last run began, null before
 * @param finished when it ended, null before
 * @param attempts runs begun, a run cut off by a restart of the server included
 * @param error why it failed or was cancelled, null otherwise
 * @param result the output, once done
 * @param items each document's state
 * @param webhook how the callback went
 */
record JobRecord(
    String ticket,
    JobRequest request,
    JobState state,
    Instant submitted,
    Instant started,
    Instant finished,
    int attempts,
    String error,
    Result result,
    List<Item> items,
    Webhook webhook) {

  /**
   * The output of a job that is done.
   *
   * @param name its file name in the job's output folder (and in {@code Content-Disposition})
   * @param contentType its media type
   * @param size its length in bytes
   */
  record Result(String name, String contentType, long size) {}

  /** One document of the job: its name, state, and fault when it failed. */
  record Item(String name, JobState state, String error) {}

  /** Where the callback of a finished job is. */
  enum Webhook {
    /** The job has no callback (or it has not ended). */
    NONE,
    /** To be delivered, also after a restart. */
    PENDING,
    DELIVERED,
    /** Refused by the receiver (a 4xx) or still failing after every retry. */
    FAILED
  }

  static JobRecord queued(String ticket, JobRequest request, Instant now) {
    List<Item> items = request.documents().stream().map(d -> new Item(d.name(), JobState.QUEUED, null)).toList();
    return new JobRecord(ticket, request, JobState.QUEUED, now, null, null, 0, null, null, items, Webhook.NONE);
  }

  JobRecord running(Instant now) {
    return new JobRecord(ticket, request, JobState.RUNNING, submitted, now, null, attempts + 1, null, null,
        itemsIn(JobState.RUNNING), webhook);
  }

  /** Back in the queue: a restart cut its run off, or the server stopped before it ran. */
  JobRecord requeued() {
    return new JobRecord(ticket, request, JobState.QUEUED, submitted, null, null, attempts, null, null,
        itemsIn(JobState.QUEUED), webhook);
  }

  JobRecord done(Result output, List<Item> outcomes, Instant now) {
    return new JobRecord(ticket, request, JobState.DONE, submitted, started, now, attempts, null, output, outcomes,
        request.callbackUrl() == null ? Webhook.NONE : Webhook.PENDING);
  }

  JobRecord failed(String why, List<Item> outcomes, Instant now) {
    return new JobRecord(ticket, request, JobState.FAILED, submitted, started, now, attempts, why, null, outcomes,
        errorCallbackUrl() == null ? Webhook.NONE : Webhook.PENDING);
  }

  JobRecord cancelled(String why, Instant now) {
    return new JobRecord(ticket, request, JobState.CANCELLED, submitted, started, now, attempts, why, null,
        itemsIn(JobState.CANCELLED), Webhook.NONE);
  }

  JobRecord withWebhook(Webhook outcome) {
    return new JobRecord(ticket, request, state, submitted, started, finished, attempts, error, result, items, outcome);
  }

  /** Failures go to the error URL, else to the callback URL. */
  String errorCallbackUrl() {
    return request.errorCallbackUrl() != null ? request.errorCallbackUrl() : request.callbackUrl();
  }

  private List<Item> itemsIn(JobState itemState) {
    return items.stream().map(item -> new Item(item.name(), itemState, null)).toList();
  }
}
