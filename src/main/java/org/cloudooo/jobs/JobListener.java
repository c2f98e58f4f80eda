package org.cloudooo.jobs;

import java.time.Duration;

/** What the job service tells observers (metrics): jobs that ended and webhook deliveries. */
public interface JobListener {

  /** Nothing observes. */
  JobListener NONE = new JobListener() {};

  /**
   * A job ended.
   *
   * @param state done, failed or cancelled
   * @param runTime from the start of its last run to its end; zero for a job cancelled while queued
   */
  default void jobEnded(JobState state, Duration runTime) {}

  /** A webhook delivery ended: {@code delivered}, {@code rejected} or {@code failed}. */
  default void webhookEnded(String outcome) {}
}
