package org.cloudooo.pool;

import java.util.function.Predicate;

/**
 * When a failed job is run again on another worker.
 *
 * @param name shown in logs
 * @param maxAttempts total attempts, the first included
 * @param retryable which failures are worth another attempt (a dead or stalled backend),
 *     as opposed to failures of the request itself
 */
public record RetryPolicy(String name, int maxAttempts, Predicate<Throwable> retryable) {

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
  }

  boolean shouldRetry(int attempt, Throwable failure) {
    return attempt < maxAttempts && retryable.test(failure);
  }
}
