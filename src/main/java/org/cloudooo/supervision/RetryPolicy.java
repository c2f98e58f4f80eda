package org.cloudooo.supervision;

import java.util.Optional;
import java.util.function.Function;

/**
 * When a failed job is run again on another worker.
 *
 * @param name shown in logs
 * @param maxAttempts total attempts, the first included
 * @param backendFailure tells, for a failure, whether it broke the worker's backend (a crash,
 *     a hang) and why ({@code crash}, {@code timeout}); such a worker is killed and replaced,
 *     and the job tried again. Failures of the request itself give empty: no retry.
 */
public record RetryPolicy(String name, int maxAttempts, Function<Throwable, Optional<String>> backendFailure) {

  /** A {@link BackendFailure} kills and replaces the worker; the job is tried once more. */
  public static final RetryPolicy RESUBMIT_ONCE = new RetryPolicy("resubmit-once", 2, BackendFailure::reasonOf);

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
  }

  boolean shouldRetry(int attempt, Throwable failure) {
    return attempt < maxAttempts && backendFailure.apply(failure).isPresent();
  }
}
