package org.cloudooo.supervision;

import java.util.Optional;
import org.cloudooo.core.Causes;

/**
 * A run broke its backend rather than failing on its input as such: the process was killed by
 * a signal, or it outlived its timeout and was killed. The worker is replaced and the job may be
 * tried again ({@link RetryPolicy#RESUBMIT_ONCE}).
 */
public final class BackendFailure extends RuntimeException {

  /** How the backend broke; {@link #label()} is the reason in logs and restart metrics. */
  public enum Breakdown {
    CRASH("crash"),
    TIMEOUT("timeout");

    private final String label;

    Breakdown(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  private final Breakdown breakdown;

  /** @param message what happened, what may be wrong and what to do, with the run's last output */
  public BackendFailure(Breakdown breakdown, String message) {
    super(message);
    this.breakdown = breakdown;
  }

  public Breakdown breakdown() {
    return breakdown;
  }

  /** The client's fault for a failure that broke the backend on every try. */
  public org.cloudooo.core.CloudoooException asFault() {
    return new org.cloudooo.core.CloudoooException(
        breakdown == Breakdown.TIMEOUT ? org.cloudooo.core.ErrorKind.TIMEOUT_ERROR : org.cloudooo.core.ErrorKind.CONVERSION_ERROR,
        getMessage(), this);
  }

  /** The reason label of the first backend failure among a failure and its causes. */
  static Optional<String> reasonOf(Throwable failure) {
    return Causes.first(failure, BackendFailure.class).map(backend -> backend.breakdown.label());
  }
}
